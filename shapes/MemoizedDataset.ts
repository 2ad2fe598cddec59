/**
 * A read-only dataset that computes each match pattern once and keeps the result. The SHACL engine reads the
 * shapes graph through `match` thousands of times per record (lists of `sh:in` and `sh:or`, messages, target
 * classes), always with the same few hundred patterns, and `@rdfjs/dataset` builds a new indexed dataset for
 * every call. It reads a record the same way, once per shape that checks a property. Because neither changes
 * during validation, the stored results stay correct. Results come in the order of an N3.js store.
 */
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Store, termToId } from 'n3';

/** A read-only dataset whose `match` results are computed once per pattern. */
export class MemoizedDataset implements DatasetCore<Quad> {
  private readonly store: Store;
  private readonly matches = new Map<string, QuadList>();

  /** Copies `quads` once; later changes to the source do not show. */
  constructor(quads: Iterable<Quad>) {
    this.store = new Store([...quads]);
  }

  get size(): number {
    return this.store.size;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.match()[Symbol.iterator]();
  }

  /** Returns the quads that match the pattern, from the stored result when the pattern was matched before. */
  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): QuadList {
    const key = patternKey(subject) + patternKey(predicate) + patternKey(object) + patternKey(graph);
    let result = this.matches.get(key);
    if (!result) {
      result = new QuadList(this.store.getQuads(subject ?? null, predicate ?? null, object ?? null, graph ?? null));
      this.matches.set(key, result);
    }
    return result;
  }

  has(quad: Quad): boolean {
    return this.store.has(quad);
  }

  /** @throws TypeError always: the dataset is read-only. */
  add(): this {
    throw new TypeError('The shapes graph is read-only after loading; add shapes before the validator is created');
  }

  /** @throws TypeError always: the dataset is read-only. */
  delete(): this {
    throw new TypeError('The shapes graph is read-only after loading');
  }
}

/** The fixed result of one match: a read-only dataset over an array of quads. */
export class QuadList implements DatasetCore<Quad> {
  constructor(private readonly quads: readonly Quad[]) {}

  get size(): number {
    return this.quads.length;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.quads[Symbol.iterator]();
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): QuadList {
    return new QuadList(this.quads.filter((quad) =>
      (!subject || quad.subject.equals(subject)) && (!predicate || quad.predicate.equals(predicate)) &&
      (!object || quad.object.equals(object)) && (!graph || quad.graph.equals(graph))));
  }

  has(quad: Quad): boolean {
    return this.quads.some((candidate) => candidate.equals(quad));
  }

  /** @throws TypeError always: the result of a match is read-only. */
  add(): this {
    throw new TypeError('A match result of the shapes graph is read-only');
  }

  /** @throws TypeError always: the result of a match is read-only. */
  delete(): this {
    throw new TypeError('A match result of the shapes graph is read-only');
  }
}

/**
 * Returns a key that differs for terms of different type, value, language or datatype. It is prefixed with
 * its length, so that the keys of a pattern cannot run into each other. `*` matches any term.
 */
function patternKey(term: Term | null | undefined): string {
  if (!term) return '*';
  const id = termToId(term as Parameters<typeof termToId>[0]);
  return `${id.length}:${id}`;
}
