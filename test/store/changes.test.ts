import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataFactory, Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { BadInputError } from '../../core/errors';
import { PIECE_QUADS, buildReplacementChange } from '../../store/changes';
import { EmbeddedStore } from '../../store/EmbeddedStore';
import { RDF } from '../../vocab/namespaces';
import { versionedSnapshot } from './fixtures/versionedRecords';

const { namedNode, quad } = DataFactory;
const base = 'http://127.0.0.1:8080/';
const provenanceGraph = `${base}graph/provenance`;

/** Records of 5 quads each, enough for a change of more than two pieces. */
const RECORDS = Math.ceil((PIECE_QUADS * 2) / 10) + 10;

describe('buildReplacementChange', () => {
  it('writes the N-Quads in pieces of whole lines', () => {
    const { change, pieces, summary } = buildReplacementChange(versionedSnapshot(base, 'alpha', 1, RECORDS), new Map(), base, provenanceGraph);
    expect(pieces.length).to.equal(Math.ceil(summary.quadCount / PIECE_QUADS));
    expect(pieces.map((piece) => piece.nquads).join('')).to.equal(change.nquads);
    for (const [index, piece] of pieces.entries()) {
      expect(piece.firstLine, `piece ${index}`).to.equal(index * PIECE_QUADS + 1);
      expect(piece.nquads.endsWith('\n'), `piece ${index}`).to.equal(true);
    }
  });

  it('writes the same quads as the records plus provenance', () => {
    const replacement = versionedSnapshot(base, 'alpha', 1, 3);
    const { change, summary } = buildReplacementChange(replacement, new Map(), base, provenanceGraph);
    const written = new Parser({ format: 'N-Quads' }).parse(change.nquads);
    expect(written).to.have.length(summary.quadCount);
    expect(summary.quadCount).to.equal(3 * 5 + 3 * 5);
    const recordQuads = written.filter((candidate) => candidate.graph.value !== provenanceGraph).map(({ subject, predicate, object }) => quad(subject, predicate, object));
    expect(isomorphic(recordQuads, replacement.records.flatMap((record) => [...record.quads]) as typeof recordQuads)).to.equal(true);
  });
});

describe('EmbeddedStore with a change of several pieces', function () {
  this.timeout(60_000);
  let dataDir: string;
  let store: EmbeddedStore;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'bb-pieces-'));
    store = await EmbeddedStore.open({ baseIri: base, dataDir, workers: 2 });
  });

  after(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every piece', async () => {
    const summary = await store.replaceSource(versionedSnapshot(base, 'alpha', 1, RECORDS));
    expect((await store.statistics()).quadCount).to.be.at.least(summary.quadCount);
    expect(summary.added).to.have.length(RECORDS);
  });

  it('rejects an invalid quad in a later piece with its place', async () => {
    const replacement = versionedSnapshot(base, 'beta', 1, RECORDS);
    const broken = { iri: 'http://example.org/with space', quads: [quad(namedNode('http://example.org/with space'), RDF.type, namedNode('http://example.org/Thing'))] };
    let error: Error | undefined;
    try {
      await store.replaceSource({ ...replacement, records: [...replacement.records, broken] });
    } catch (caught) {
      error = caught as Error;
    }
    expect(error).to.be.instanceOf(BadInputError);
    expect(error?.message).to.match(/N-Quads are invalid: .*line \d+/);
    expect(error?.message).to.include(`count from line ${2 * PIECE_QUADS + 1} of the change's N-Quads`);
    expect((await store.statistics()).sources).to.deep.equal({ alpha: RECORDS });
  });
});
