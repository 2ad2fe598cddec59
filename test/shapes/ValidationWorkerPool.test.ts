import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Quad } from '@rdfjs/types';
import { Parser, Writer } from 'n3';
import { ValidationWorkerPool } from '../../shapes/ValidationWorkerPool';
import { RecordValidator } from '../../shapes/validator';

const FIXTURES = new URL('../fixtures/shapes/', import.meta.url);

/** Every valid and invalid fixture record, plus a dataset that is a blank node no other node links to. */
function fixtureRecords(): Quad[][] {
  const records = ['valid/', 'invalid/'].flatMap((folder) => readdirSync(new URL(folder, FIXTURES))
    .filter((name) => name.endsWith('.ttl')).sort()
    .map((name) => new Parser().parse(readFileSync(new URL(`${folder}${name}`, FIXTURES), 'utf8'))));
  records.push(new Parser().parse('[] a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> "Zonder IRI"@nl .'));
  return records;
}

function toNTriples(quads: Quad[]): string {
  return new Writer({ format: 'N-Triples' }).quadsToString(quads);
}

describe('ValidationWorkerPool', function () {
  this.timeout(60_000);
  let validator: RecordValidator;
  let pool: ValidationWorkerPool;

  before(async () => {
    validator = await RecordValidator.load();
    pool = await ValidationWorkerPool.start({ workers: 2 });
  });

  after(async () => {
    await pool.close();
  });

  it('returns the reports of the main thread in order', async () => {
    const records = fixtureRecords();
    const outcomes = await pool.validateAll(records.map(toNTriples));
    expect(outcomes).to.have.length(records.length);
    for (const [index, quads] of records.entries()) {
      expect(outcomes[index], `record ${index}`).to.deep.equal({ kind: 'report', report: validator.validate(quads) });
    }
  });

  it('keeps blank node labels in reports', async () => {
    const orphan = fixtureRecords().at(-1)!;
    const [outcome] = await pool.validateAll([toNTriples(orphan)]);
    const label = `_:${orphan[0]!.subject.value}`;
    expect(outcome?.kind).to.equal('report');
    expect(outcome?.kind === 'report' && outcome.report.results.map((result) => result.focusNode)).to.include(label);
  });

  it('marks a record that is not N-Triples as unreadable', async () => {
    const [outcome] = await pool.validateAll(['<https://example.org/a> <https://example.org/b> "open']);
    expect(outcome?.kind).to.equal('unreadable');
  });

  it('returns nothing for no records', async () => {
    expect(await pool.validateAll([])).to.deep.equal([]);
  });

  it('fails to start with shapes that are not Turtle', async () => {
    let error: Error | undefined;
    try {
      await ValidationWorkerPool.start({ workers: 1, shapesDirectory: fileURLToPath(new URL('unparseable/', FIXTURES)) });
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message).to.match(/^A validation worker could not load the shapes: Shape file .*broken\.ttl is not valid Turtle/);
  });
});
