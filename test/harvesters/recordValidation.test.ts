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

  it('shares a large run with workers', async () => {
    const validator = await loadValidator();
    const fixtures = fixtureRecords();
    const records = Array.from({ length: 3000 }, (_, index) => ({ ...fixtures[index % fixtures.length]!, iri: `https://example.org/record/${index}` }));
    const checks = await validateRecords(records, validator, logger);
    expect(checks).to.have.length(records.length);
    const byWorkers = checks.filter((check) => check.ntriples !== undefined);
    expect(byWorkers.length, 'records validated by workers').to.be.greaterThan(0);
    for (const [index, record] of records.entries()) {
      expect(checks[index]?.outcome, record.iri).to.deep.equal(validator.validate(record.quads));
      if (checks[index]?.ntriples !== undefined) {
        expect(checks[index]?.ntriples, record.iri).to.equal(new Writer({ format: 'N-Triples' }).quadsToString([...record.quads]));
      }
    }
  });

  it('validates a record workers cannot read here', async () => {
    const validator = await loadValidator();
    const fixtures = fixtureRecords();
    const unwritable = DataFactory.blankNode('label with spaces');
    const records: HarvestedRecord[] = Array.from({ length: 3000 }, (_, index) => index % 100 === 99
      ? { iri: `https://example.org/unwritable/${index}`, sourceUrl: 'https://example.org/source', quads: [DataFactory.quad(unwritable, RDF.type, DCAT.Dataset)] }
      : { ...fixtures[index % fixtures.length]!, iri: `https://example.org/record/${index}` });
    const checks = await validateRecords(records, validator, logger);
    const unwritableChecks = checks.filter((_, index) => index % 100 === 99);
    expect(unwritableChecks.some((check) => check.ntriples !== undefined), 'an unwritable record was sent to a worker').to.equal(true);
    for (const check of unwritableChecks) {
      expect(check.outcome).to.deep.equal(validator.validate(records[99]!.quads));
      expect(check.outcome?.results.map((result) => result.focusNode)).to.include('_:label with spaces');
    }
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
