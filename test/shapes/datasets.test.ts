import { expect } from 'chai';
import type { Term } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import { ArrayDataset } from '../../shapes/ArrayDataset';
import { MemoizedDataset } from '../../shapes/MemoizedDataset';

const { namedNode, literal, quad } = DataFactory;
const a = namedNode('https://example.org/a');
const b = namedNode('https://example.org/b');
const p = namedNode('https://example.org/p');
const quads = [
  quad(b, p, literal('1')),
  quad(a, p, literal('2')),
  quad(a, p, literal('2', 'nl')),
  quad(a, p, namedNode('https://example.org/2')),
];

describe('ArrayDataset', () => {
  it('keeps one of equal quads', () => {
    const dataset = new ArrayDataset([...quads, quad(b, p, literal('1'))]);
    expect(dataset.size).to.equal(4);
  });

  it('matches in insertion order', () => {
    const dataset = new ArrayDataset(quads);
    expect([...dataset.match(a, p)]).to.deep.equal(quads.slice(1));
    expect([...dataset.match(null, null, literal('2'))]).to.deep.equal([quads[1]]);
  });

  it('tells literals apart by language', () => {
    const dataset = new ArrayDataset([quads[1]!]);
    expect(dataset.has(quads[2]!)).to.equal(false);
    expect(dataset.has(quad(a, p, literal('2')))).to.equal(true);
  });

  it('deletes a quad', () => {
    const dataset = new ArrayDataset(quads).delete(quads[0]!);
    expect(dataset.size).to.equal(3);
    expect(dataset.has(quads[0]!)).to.equal(false);
    expect(dataset.match(b).size).to.equal(0);
  });

  it('lets a match result grow on its own', () => {
    const dataset = new ArrayDataset(quads);
    const subset = dataset.match(b);
    subset.add(quads[1]!);
    expect(subset.has(quads[1]!)).to.equal(true);
    expect(dataset.size).to.equal(4);
  });
});

describe('MemoizedDataset', () => {
  it('matches as an N3 store does', () => {
    const store = new Store(quads);
    const dataset = new MemoizedDataset(quads);
    const patterns: Array<[Term | null, Term | null, Term | null]> = [[a, p, null], [null, p, null], [null, null, literal('2', 'nl')], [b, null, null]];
    for (const [subject, predicate, object] of patterns) {
      expect([...dataset.match(subject, predicate, object)]).to.deep.equal(store.getQuads(subject, predicate, object, null));
    }
  });

  it('returns the same result for a repeated pattern', () => {
    const dataset = new MemoizedDataset(quads);
    expect(dataset.match(a, p)).to.equal(dataset.match(a, p));
    expect(dataset.match(a, p)).to.not.equal(dataset.match(a));
  });

  it('rejects changes', () => {
    const dataset = new MemoizedDataset(quads);
    expect(() => dataset.add()).to.throw(TypeError, /read-only/);
    expect(() => dataset.match(a).delete()).to.throw(TypeError, /read-only/);
  });
});
