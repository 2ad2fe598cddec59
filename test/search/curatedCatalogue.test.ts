import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CatalogueIndexes } from '../../search/CatalogueIndexes';
import { BB } from '../../vocab/namespaces';
import { InProcessStore } from '../../store/InProcessStore';
import { BASE_IRI, FIXTURE_SOURCE_KINDS, FIXTURE_SOURCES, readFixture, replaceWithTurtle } from '../fixtures/api/loadFixtures';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data');
const BRP = 'https://w3id.org/bouwblokken/id/bouwblok/brp';
const SANDBOX_API = 'https://w3id.org/bouwblokken/id/api/haal-centraal-brp-bevragen-proefomgeving';

/** Returns the text of every Turtle file under `directory`. */
function turtleFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ttl'))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}

describe('indexes over the curated catalogue', () => {
  let indexes: CatalogueIndexes;

  before(async () => {
    // The curated catalogue of the repository, plus the harvested fixtures (not their curated stand-in).
    const store = new InProcessStore({ baseIri: BASE_IRI, maxResults: 100_000 });
    await replaceWithTurtle(store, 'curated', turtleFiles(DATA).join('\n'));
    for (const [source, file] of Object.entries(FIXTURE_SOURCES)) {
      if (source !== 'curated') await replaceWithTurtle(store, source, readFixture(file));
    }
    indexes = new CatalogueIndexes(store, FIXTURE_SOURCE_KINDS).start();
    await indexes.current();
  });
  after(() => indexes.close());

  it('indexes every curated building block', async () => {
    const snapshot = await indexes.current();
    const blocks = [...snapshot.summaries.values()].filter((summary) => summary.type === 'building-block');
    const declared = turtleFiles(DATA).join('\n').match(/^\S+ a bb:BuildingBlock\b/gm) ?? [];
    expect(blocks.length).to.equal(declared.length);
  });

  it('finds the curated sandbox API by its endpoint in another spelling', async () => {
    const result = (await indexes.current()).references.lookup('http://www.proefomgeving.haalcentraal.nl/haalcentraal/api/brp/');
    const curated = result.describedBy.filter((match) => match.source === 'curated').map((match) => match.record);
    expect(curated).to.include(SANDBOX_API);
  });

  it('joins curated and harvested links of the BRP block', async () => {
    const locations = (await indexes.current()).references.locations(BRP)!;
    expect(locations.testEnvironments.map((resource) => resource.iri)).to.include(SANDBOX_API);
    const sandbox = locations.testEnvironments.find((resource) => resource.iri === SANDBOX_API)!;
    expect(sandbox.statedBy.map((statement) => statement.property)).to.include(BB.testEnvironment.value);
    expect(sandbox.endpoints!.length).to.be.greaterThan(0);
    const harvested = locations.apis.find((resource) => resource.iri === 'https://developer.overheid.nl/apis/vng-bevraging-ingeschreven-persoon');
    expect(harvested?.statedBy[0]?.source).to.equal('developer-overheid-apis');
  });

  it('lists a sandbox-only API under its test environment alone', async () => {
    const locations = (await indexes.current()).references.locations(BRP)!;
    const sandbox = locations.testEnvironments.find((resource) => resource.iri === SANDBOX_API)!;
    const kinds = sandbox.endpoints!.map((endpoint) => endpoint.kind);
    expect(kinds).to.deep.equal(['https://w3id.org/bouwblokken/id/environment/test']);
  });

  it('finds DigiD by digid among all records', async () => {
    const result = await (await indexes.current()).search.search({ q: 'digid', filters: { type: ['building-block'] }, offset: 0, limit: 5 });
    expect(result.hits[0]?.record.iri).to.equal('https://w3id.org/bouwblokken/id/bouwblok/digid');
  });
});
