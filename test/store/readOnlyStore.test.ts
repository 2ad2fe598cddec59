import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { DataFactory } from 'n3';
import { EmbeddedStore } from '../../store/EmbeddedStore';
import { openReadOnlyStore } from '../../store/readOnlyStore';
import { DCAT, DCT, RDF } from '../../vocab/namespaces';

const { namedNode, literal, quad } = DataFactory;
const baseIri = 'http://127.0.0.1:8080/';

function record(iri: string, title: string) {
  return { iri, quads: [quad(namedNode(iri), RDF.type, DCAT.Dataset), quad(namedNode(iri), DCT.title, literal(title, 'nl'))] };
}

async function titles(store: { query: EmbeddedStore['query'] }): Promise<string[]> {
  const result = await store.query({ query: 'SELECT ?t WHERE { ?s <http://purl.org/dc/terms/title> ?t } ORDER BY ?t' });
  if (result.type !== 'bindings') throw new Error(`expected bindings, got ${result.type}`);
  return result.bindings.map((row) => row.t!.value);
}

describe('openReadOnlyStore', function () {
  this.timeout(30_000);

  it('reads a directory that a running store owns', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bb-readonly-'));
    const owner = await EmbeddedStore.open({ baseIri, dataDir, workers: 1 });
    try {
      await owner.replaceSource({ source: 'a', runIri: `${baseIri}run/1`, generatedAt: new Date(), records: [record('http://ex/1', 'Een'), record('http://ex/2', 'Twee')] });
      const reader = openReadOnlyStore({ baseIri, dataDir });
      expect(await titles(reader)).to.deep.equal(['Een', 'Twee']);
    } finally {
      await owner.close();
    }
  });

  it('sees the snapshot and the changes after it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bb-readonly-'));
    const owner = await EmbeddedStore.open({ baseIri, dataDir, workers: 1 });
    try {
      await owner.replaceSource({ source: 'a', runIri: `${baseIri}run/1`, generatedAt: new Date(), records: [record('http://ex/1', 'Een')] });
      await owner.compact();
      await owner.replaceSource({ source: 'b', runIri: `${baseIri}run/2`, generatedAt: new Date(), records: [record('http://ex/3', 'Drie')] });
      const reader = openReadOnlyStore({ baseIri, dataDir });
      expect(await titles(reader)).to.deep.equal(['Drie', 'Een']);
      expect((await reader.statistics()).sources).to.deep.equal({ a: 1, b: 1 });
    } finally {
      await owner.close();
    }
  });

  it('names a missing directory', () => {
    expect(() => openReadOnlyStore({ baseIri, dataDir: '/nonexistent/bb-store' })).to.throw(/No catalogue is stored in \/nonexistent\/bb-store yet/);
  });
});
