import { expect } from 'chai';
import { CatalogueIndexes } from '../../search/CatalogueIndexes';
import { BB, DCAT, DCT, FOAF, SCHEMA } from '../../vocab/namespaces';
import { BadInputError } from '../../core/errors';
import {
  createFixtureStore, FIXTURE_SOURCE_KINDS, readFixture, replaceWithTurtle,
} from '../fixtures/api/loadFixtures';
import type { InProcessStore } from '../../store/InProcessStore';

const BRP = 'https://w3id.org/bouwblokken/id/bouwblok/brp';
const CURATED_API = 'https://w3id.org/bouwblokken/id/api/haal-centraal-brp-bevragen';
const HARVESTED_API = 'https://developer.overheid.nl/apis/vng-bevraging-ingeschreven-persoon';
const PARTNER_API = 'https://partner.example.org/catalogus/api/brp-bevragen';
const REPOSITORY = 'https://developer.overheid.nl/repositories/haal-centraal-brp-bevragen';

describe('ReferenceIndex', () => {
  let store: InProcessStore;
  let indexes: CatalogueIndexes;

  beforeEach(async () => {
    store = await createFixtureStore();
    indexes = new CatalogueIndexes(store, FIXTURE_SOURCE_KINDS).start();
  });
  afterEach(() => indexes.close());

  async function lookup(identifier: string) {
    return (await indexes.current()).references.lookup(identifier);
  }

  it('finds an API by its endpoint URL in every spelling', async () => {
    for (const spelling of ['https://api.brp.example.nl/haalcentraal/api/brp', 'http://www.API.brp.example.nl/haalcentraal/api/brp/']) {
      const result = await lookup(spelling);
      expect(result.key).to.equal('https://api.brp.example.nl/haalcentraal/api/brp');
      expect([...new Set(result.describedBy.map((match) => match.record))]).to.have.members([CURATED_API, HARVESTED_API]);
    }
  });

  it('names graph, source, harvest time and environment of a match', async () => {
    const result = await lookup('https://acc.api.brp.example.nl/haalcentraal/api/brp');
    expect(result.describedBy).to.have.length(1);
    const match = result.describedBy[0]!;
    expect(match.record).to.equal(CURATED_API);
    expect(match.source).to.equal('curated');
    expect(match.sourceKind).to.equal('curated');
    expect(match.harvestedAt).to.equal('2026-04-01T12:00:00Z');
    expect(match.graph).to.match(/^http:\/\/127\.0\.0\.1:8080\/graph\/curated\//);
    expect(match.property).to.equal(DCAT.endpointURL.value);
    expect(match.environmentKind).to.equal('https://w3id.org/bouwblokken/id/environment/acceptatie');
    expect(match.recordType).to.equal('api');
    expect(match.title).to.equal('Haal Centraal BRP bevragen');
  });

  it('lists partner catalogues that describe the same API apart', async () => {
    const result = await lookup('https://api.brp.example.nl/haalcentraal/api/brp');
    expect(result.partners).to.have.length(1);
    expect(result.partners[0]!.source).to.equal('partner-catalogus');
    expect(result.partners[0]!.kind).to.equal('dcat');
    expect(result.partners[0]!.matches.map((match) => match.record)).to.deep.equal([PARTNER_API]);
    expect(result.describedBy.map((match) => match.record)).to.not.include(PARTNER_API);
  });

  it('finds an API by its OpenAPI document URL', async () => {
    const result = await lookup('https://raw.githubusercontent.com/BRP-API/Haal-Centraal-BRP-bevragen/master/specificatie/openapi.yaml');
    expect(result.describedBy.map((match) => match.record)).to.have.members([CURATED_API, HARVESTED_API]);
    expect(result.describedBy.every((match) => match.property === DCAT.endpointDescription.value)).to.equal(true);
  });

  it('finds a repository by its URL with another case and .git', async () => {
    const result = await lookup('https://github.com/brp-api/haal-centraal-brp-bevragen.git');
    const repositoryMatch = result.describedBy.find((match) => match.record === REPOSITORY);
    expect(repositoryMatch?.property).to.equal(SCHEMA.codeRepository.value);
    // The curated block links the same repository with another case, which the path keeps: no match there.
    expect(result.referencedBy.map((match) => match.record)).to.not.include(BRP);
  });

  it('finds an organisation by its OIN with the identifier scheme', async () => {
    const result = await lookup('00000001821002193000');
    expect(result.describedBy).to.have.length(1);
    expect(result.describedBy[0]!.record).to.equal('http://127.0.0.1:8080/id/organisation/vng-realisatie');
    expect(result.describedBy[0]!.scheme).to.equal('OIN');
  });

  it('separates the record of a TOOI IRI from records that reference it', async () => {
    const result = await lookup('https://identifier.overheid.nl/tooi/id/oorg/oorg10103');
    expect(result.describedBy.map((match) => match.record)).to.deep.equal(['https://identifier.overheid.nl/tooi/id/oorg/oorg10103']);
    expect(result.describedBy[0]!.property).to.equal(FOAF.primaryTopic.value);
    const referencing = result.referencedBy.map((match) => `${match.record} ${match.property}`);
    expect(referencing).to.include(`${BRP} ${'http://www.w3.org/ns/prov#agent'}`);
    expect(referencing).to.include(`${CURATED_API} ${DCT.publisher.value}`);
    expect(referencing).to.include(`${REPOSITORY} ${DCT.publisher.value}`);
  });

  it('finds a record by a dataset identifier and by an owl:sameAs target', async () => {
    const dataset = await lookup('BRP-Testpersonen');
    expect(dataset.describedBy.map((match) => match.record)).to.deep.equal(['https://w3id.org/bouwblokken/id/dataset/brp-testpersonen']);
    const sameAs = await lookup('http://data.overheid.nl/dataservice/rdw-open-data/');
    expect(sameAs.describedBy.map((match) => match.record)).to.deep.equal(['https://developer.overheid.nl/apis/rdw-open-data']);
  });

  it('returns empty lists for an unknown identifier', async () => {
    const result = await lookup('https://nowhere.example.org/api');
    expect(result.describedBy).to.deep.equal([]);
    expect(result.referencedBy).to.deep.equal([]);
    expect(result.partners).to.deep.equal([]);
  });

  it('rejects an empty identifier', async () => {
    const snapshot = await indexes.current();
    expect(() => snapshot.references.lookup('  ')).to.throw(BadInputError, /identifier to look up is empty/);
  });

  it('lists where a building block lives with the source of each link', async () => {
    const locations = (await indexes.current()).references.locations(BRP)!;
    expect(locations.apis.map((api) => api.iri)).to.have.members([CURATED_API, HARVESTED_API]);
    const harvested = locations.apis.find((api) => api.iri === HARVESTED_API)!;
    expect(harvested.statedBy.map((statement) => [statement.source, statement.property])).to.deep.equal([['developer-overheid-apis', DCT.isPartOf.value]]);
    const curated = locations.apis.find((api) => api.iri === CURATED_API)!;
    expect(curated.statedBy.map((statement) => [statement.source, statement.property])).to.deep.equal([['curated', BB.api.value]]);
    expect(curated.endpoints!.map((endpoint) => [endpoint.kind, endpoint.endpointUrl])).to.deep.equal([
      ['https://w3id.org/bouwblokken/id/environment/productie', 'https://api.brp.example.nl/haalcentraal/api/brp'],
      ['https://w3id.org/bouwblokken/id/environment/acceptatie', 'https://acc.api.brp.example.nl/haalcentraal/api/brp'],
    ]);
    expect(curated.openApiUrls!.map((document) => document.url)).to.deep.equal(['https://raw.githubusercontent.com/BRP-API/Haal-Centraal-BRP-bevragen/master/specificatie/openapi.yaml']);
    expect(locations.testEnvironments[0]!.endpoints!.map((endpoint) => endpoint.kind)).to.deep.equal(['https://w3id.org/bouwblokken/id/environment/sandbox']);
    expect(locations.testData.map((resource) => resource.iri)).to.deep.equal(['https://w3id.org/bouwblokken/id/dataset/brp-testpersonen']);
    expect(locations.repositories.map((resource) => resource.iri)).to.have.members(['https://github.com/BRP-API/Haal-Centraal-BRP-bevragen', REPOSITORY]);
    expect(locations.documentation.map((resource) => resource.iri)).to.deep.equal(['https://brp-api.github.io/Haal-Centraal-BRP-bevragen/']);
  });

  it('returns no locations for a record that is not a building block', async () => {
    expect((await indexes.current()).references.locations(CURATED_API)).to.equal(undefined);
  });

  describe('after a source changes', () => {
    async function replaceAndSettle(target: InProcessStore, source: string, turtle: string) {
      await replaceWithTurtle(target, source, turtle, new Date('2026-05-01T08:00:00Z'));
      await indexes.settled();
    }

    it('follows an endpoint that moved when the source is harvested again', async () => {
      const moved = readFixture('developer-overheid-apis.ttl').replaceAll('WWW.API.BRP.EXAMPLE.NL', 'nieuw.brp.example.nl');
      await replaceAndSettle(store, 'developer-overheid-apis', moved);
      const old = await lookup('https://api.brp.example.nl/haalcentraal/api/brp');
      expect(old.describedBy.map((match) => match.record)).to.deep.equal([CURATED_API]);
      const renewed = await lookup('https://nieuw.brp.example.nl/haalcentraal/api/brp');
      expect(renewed.describedBy.map((match) => match.record)).to.include(HARVESTED_API);
      expect(renewed.describedBy[0]!.harvestedAt).to.equal('2026-05-01T08:00:00Z');
    });

    it('drops the records of a source that became empty', async () => {
      await replaceAndSettle(store, 'developer-overheid-repositories', '');
      const result = await lookup('https://github.com/brp-api/haal-centraal-brp-bevragen');
      expect(result.describedBy.map((match) => match.record)).to.not.include(REPOSITORY);
      const locations = (await indexes.current()).references.locations(BRP)!;
      expect(locations.repositories.map((resource) => resource.iri)).to.deep.equal(['https://github.com/BRP-API/Haal-Centraal-BRP-bevragen']);
    });

    it('drops a removed record and keeps the others of its source', async () => {
      const withoutVng = readFixture('developer-overheid-apis.ttl').split('<http://127.0.0.1:8080/id/organisation/vng-realisatie> a')[0]!;
      const rdwOnly = readFixture('developer-overheid-apis.ttl').split('<https://developer.overheid.nl/apis/rdw-open-data>')[1]!;
      const prefixes = withoutVng.split('\n').filter((line) => line.startsWith('@prefix')).join('\n');
      await replaceAndSettle(store, 'developer-overheid-apis', `${prefixes}\n<https://developer.overheid.nl/apis/rdw-open-data>${rdwOnly}`);
      expect((await lookup('00000001821002193000')).describedBy).to.deep.equal([]);
      expect((await lookup(HARVESTED_API)).describedBy).to.deep.equal([]);
      expect((await lookup('https://opendata.rdw.nl/resource')).describedBy.map((match) => match.record)).to.include('https://developer.overheid.nl/apis/rdw-open-data');
      const snapshot = await indexes.current();
      expect(snapshot.summaries.has(HARVESTED_API)).to.equal(false);
    });

    it('adds a partner source that appears later', async () => {
      await replaceAndSettle(store, 'tweede-partner', readFixture('partner.ttl').replace('partner.example.org', 'tweede.example.org'));
      const result = await lookup('https://api.brp.example.nl/haalcentraal/api/brp');
      // Not configured as a partner kind, so it counts with our own sources.
      expect(result.describedBy.map((match) => match.source)).to.include('tweede-partner');
    });

    it('keeps serving the previous snapshot while a rebuild runs', async () => {
      const before = await indexes.current();
      const pending = replaceWithTurtle(store, 'data-overheid', '', new Date('2026-05-02T00:00:00Z'));
      expect(await indexes.current()).to.equal(before);
      await pending;
      await indexes.settled();
      const after = await indexes.current();
      expect(after).to.not.equal(before);
      expect(after.summaries.has('https://data.overheid.nl/dataset/bevolkingsstatistiek-gemeenten')).to.equal(false);
      expect(before.summaries.has('https://data.overheid.nl/dataset/bevolkingsstatistiek-gemeenten')).to.equal(true);
    });
  });
});
