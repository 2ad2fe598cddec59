import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'chai';
import { DataFactory, Parser, Writer } from 'n3';
import type { HarvestedRecord } from '../../harvesters/Harvester';
import { validateRecords } from '../../harvesters/recordValidation';
import type { RecordChecker } from '../../harvesters/runHarvest';
import { DCAT, RDF } from '../../vocab/namespaces';
import { loadValidator, logger } from './helpers';

const FIXTURES = new URL('../fixtures/shapes/', import.meta.url);

function fixtureRecords(): HarvestedRecord[] {
  return ['valid/', 'invalid/'].flatMap((folder) => readdirSync(new URL(folder, FIXTURES))
    .filter((name) => name.endsWith('.ttl')).sort()
    .map((name) => ({
      iri: `https://example.org/${folder}${name}`,
      sourceUrl: `https://example.org/source/${name}`,
      quads: new Parser().parse(readFileSync(new URL(`${folder}${name}`, FIXTURES), 'utf8')),
    })));
}

describe('validateRecords', function () {
  this.timeout(60_000);

  it('gives the same outcomes on workers', async () => {
    const validator = await loadValidator();
    const records = fixtureRecords();
    const checks = await validateRecords(records, validator, logger, { minRecordsForWorkers: 1 });
    expect(checks).to.have.length(records.length);
    for (const [index, record] of records.entries()) {
      expect(checks[index]?.outcome, record.iri).to.deep.equal(validator.validate(record.quads));
      expect(checks[index]?.ntriples, record.iri).to.equal(new Writer({ format: 'N-Triples' }).quadsToString([...record.quads]));
    }
  });

  it('validates a record workers cannot read here', async () => {
    const validator = await loadValidator();
    const unwritable = DataFactory.blankNode('label with spaces');
    const record: HarvestedRecord = { iri: 'https://example.org/unwritable', sourceUrl: 'https://example.org/source', quads: [DataFactory.quad(unwritable, RDF.type, DCAT.Dataset)] };
    const checks = await validateRecords([...fixtureRecords().slice(0, 2), record], validator, logger, { minRecordsForWorkers: 1 });
    expect(checks[2]?.outcome).to.deep.equal(validator.validate(record.quads));
    expect(checks[2]?.outcome?.results.map((result) => result.focusNode)).to.include('_:label with spaces');
  });

  it('validates small runs on the calling thread', async () => {
    const validator = await loadValidator();
    const records = fixtureRecords().slice(0, 3);
    const checks = await validateRecords(records, validator, logger);
    expect(checks.map((check) => check.outcome)).to.deep.equal(records.map((record) => validator.validate(record.quads)));
    expect(checks.map((check) => check.ntriples)).to.deep.equal([undefined, undefined, undefined]);
  });

  it('keeps the error of a checker that throws', async () => {
    const failing: RecordChecker = { validate: () => { throw new Error('engine failed'); } };
    const checks = await validateRecords(fixtureRecords().slice(0, 2), failing, logger, { minRecordsForWorkers: 1 });
    expect(checks.map((check) => (check.error as Error).message)).to.deep.equal(['engine failed', 'engine failed']);
  });
});
