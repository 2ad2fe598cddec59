/**
 * A dataset over an array, for the many small datasets that the SHACL engine builds while it validates: one
 * per validation result and per nested check (`sh:or`, `sh:node`, qualified shapes). `@rdfjs/dataset` indexes
 * every quad three ways, which costs more than scanning a few dozen quads. `match` returns quads in the order
 * they were added.
 */
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { termToId } from 'n3';

/** A mutable dataset whose quads are kept in insertion order in an array. */
export class ArrayDataset implements DatasetCore<Quad> {
  private quads: Quad[] = [];
  /** Keys of the quads, built on the first `add`, `has` or `delete`. */
  private keys?: Set<string>;

  constructor(quads?: Iterable<Quad>) {
    if (quads) for (const quad of quads) this.add(quad);
  }

  get size(): number {
    return this.quads.length;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.quads[Symbol.iterator]();
  }

  /** Adds a quad unless an equal one is present. */
  add(quad: Quad): this {
    const key = quadKey(quad);
    const keys = this.keySet();
    if (!keys.has(key)) {
      keys.add(key);
      this.quads.push(quad);
    }
    return this;
  }

  delete(quad: Quad): this {
    if (this.keySet().delete(quadKey(quad))) this.quads = this.quads.filter((candidate) => !candidate.equals(quad));
    return this;
  }

  has(quad: Quad): boolean {
    return this.keySet().has(quadKey(quad));
  }

  /** Returns a new dataset with the quads that match the pattern, in insertion order. */
  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): ArrayDataset {
    const result = new ArrayDataset();
    for (const quad of this.quads) {
      if ((!subject || quad.subject.equals(subject)) && (!predicate || quad.predicate.equals(predicate)) &&
        (!object || quad.object.equals(object)) && (!graph || quad.graph.equals(graph))) result.quads.push(quad);
    }
    return result;
  }

  private keySet(): Set<string> {
    this.keys ??= new Set(this.quads.map(quadKey));
    return this.keys;
  }
}

/** Returns a key that is equal for equal quads: the N3.js ids of the four terms, each prefixed with its length. */
function quadKey(quad: Quad): string {
  return termKey(quad.subject) + termKey(quad.predicate) + termKey(quad.object) + termKey(quad.graph);
}

function termKey(term: Term): string {
  const id = termToId(term as Parameters<typeof termToId>[0]);
  return `${id.length}:${id}`;
}
