import { expect } from 'chai';
import { DataFactory } from 'n3';
import { InProcessStore } from '../../store/InProcessStore';
import { DCT, RDF, DCAT } from '../../vocab/namespaces';

const { namedNode, literal, quad } = DataFactory;
const base = 'http://127.0.0.1:8080/';

function record(iri: string, title: string) {
  return { iri, quads: [quad(namedNode(iri), RDF.type, DCAT.Dataset), quad(namedNode(iri), DCT.title, literal(title, 'nl'))] };
}

describe('InProcessStore', () => {
  it('replaces a source and reports added, kept and removed records', async () => {
    const store = new InProcessStore({ baseIri: base });
    const first = await store.replaceSource({ source: 'test', runIri: `${base}run/1`, generatedAt: new Date('2026-01-01T00:00:00Z'), records: [record('http://ex/a', 'A'), record('http://ex/b', 'B')] });
    expect(first.added).to.have.members(['http://ex/a', 'http://ex/b']);

    const second = await store.replaceSource({ source: 'test', runIri: `${base}run/2`, generatedAt: new Date('2026-01-02T00:00:00Z'), records: [record('http://ex/b', 'B2'), record('http://ex/c', 'C')] });
    expect(second.added).to.deep.equal(['http://ex/c']);
    expect(second.kept).to.deep.equal(['http://ex/b']);
    expect(second.removed).to.deep.equal(['http://ex/a']);

    const titles = await store.query({ query: 'SELECT ?t WHERE { ?s <http://purl.org/dc/terms/title> ?t } ORDER BY ?t' });
    expect(titles.type).to.equal('bindings');
    if (titles.type !== 'bindings') return;
    expect(titles.bindings.map((row) => row.t?.value)).to.deep.equal(['B2', 'C']);

    const stats = await store.statistics();
    expect(stats.sources).to.deep.equal({ test: 2 });
  });

  it('remembers a removed record as deleted with its date', async () => {
    const store = new InProcessStore({ baseIri: base });
    await store.replaceSource({ source: 'test', runIri: `${base}run/1`, generatedAt: new Date('2026-01-01T00:00:00Z'), records: [record('http://ex/a', 'A')] });
    await store.replaceSource({ source: 'test', runIri: `${base}run/2`, generatedAt: new Date('2026-01-02T00:00:00Z'), records: [] });
    const result = await store.query({
      query: 'PREFIX bb: <https://w3id.org/bouwblokken/def#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?r ?d WHERE { ?x a bb:DeletedRecord ; foaf:primaryTopic ?r ; bb:deletedAt ?d }',
    });
    if (result.type !== 'bindings') throw new Error('expected bindings');
    expect(result.bindings).to.have.length(1);
    expect(result.bindings[0]?.r?.value).to.equal('http://ex/a');
    expect(result.bindings[0]?.d?.value).to.equal('2026-01-02T00:00:00Z');
  });

  it('reports a SPARQL syntax error with line and column', async () => {
    const store = new InProcessStore({ baseIri: base });
    try {
      await store.query({ query: 'SELECT * WHERE {\n ?s ?p ' });
      expect.fail('query should have failed');
    } catch (error) {
      expect((error as Error).name).to.equal('ParseError');
      expect((error as Error).message).to.match(/line 2, column \d+/);
    }
  });
});

describe('InProcessStore empty results', () => {
  it('returns empty bindings for a SELECT without matches', async () => {
    const store = new InProcessStore({ baseIri: base });
    const result = await store.query({ query: 'SELECT ?s WHERE { ?s ?p "nothing" }' });
    expect(result).to.deep.equal({ type: 'bindings', variables: ['s'], bindings: [] });
  });

  it('returns no quads for a CONSTRUCT without matches', async () => {
    const store = new InProcessStore({ baseIri: base });
    const result = await store.query({ query: 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p "nothing" }' });
    expect(result).to.deep.equal({ type: 'quads', ntriples: '', count: 0 });
  });
});
