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
  /** Stored results by the keys of subject, predicate, object and graph. */
  private readonly matches: PatternMap = new Map();

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
    const bySubject = child(this.matches, patternKey(subject));
    const byPredicate = child(bySubject, patternKey(predicate));
    const byObject = child(byPredicate, patternKey(object));
    const graphKey = patternKey(graph);
    let result = byObject.get(graphKey);
    if (!result) {
      result = new QuadList(this.store.getQuads(subject ?? null, predicate ?? null, object ?? null, graph ?? null));
      byObject.set(graphKey, result);
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

/** Nested maps from term keys to results; the key `undefined` matches any term. */
type PatternMap = Map<string | undefined, Map<string | undefined, Map<string | undefined, Map<string | undefined, QuadList>>>>;

/** Returns the map under `key`, creating it when missing. */
function child<V>(map: Map<string | undefined, Map<string | undefined, V>>, key: string | undefined): Map<string | undefined, V> {
  let found = map.get(key);
  if (!found) {
    found = new Map();
    map.set(key, found);
  }
  return found;
}

/** Returns a key that differs for terms of different type, value, language or datatype; `undefined` matches any term. */
function patternKey(term: Term | null | undefined): string | undefined {
  return term ? termToId(term as Parameters<typeof termToId>[0]) : undefined;
}
