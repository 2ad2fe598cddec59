import { expect } from 'chai';
import { parseExampleQuery } from '../../../server/sparql/exampleQueries';
import { startTestServer, type TestServer } from './testServer';
import { DELETED_RECORD } from './fixtureCatalogue';

const ID = 'https://w3id.org/bouwblokken/id/';
const TOOI = 'https://identifier.overheid.nl/tooi/id/';
const THEME = 'http://publications.europa.eu/resource/authority/data-theme/';

/**
 * The rows each example query must return for the fixture catalogue, in order, as values of the listed
 * variables. The curated source has 25 records; the second harvest of "api-register" keeps 2 of 3 records and adds 1.
 */
const EXPECTED: Record<string, { variables: string[]; rows: string[][] }> = {
  'apis-per-authentication': {
    variables: ['authentication', 'apis'],
    rows: [['apiKey', '2'], ['mtls', '1'], ['none', '1'], ['oauth2', '1']],
  },
  'apis-per-register': {
    variables: ['register', 'api', 'apiTitle'],
    rows: [
      [`${ID}bouwblok/brk`, `${ID}api/kadaster-brk-bevragen`, 'BRK bevragen'],
      [`${ID}bouwblok/brp`, `${ID}api/haal-centraal-brp-bevragen`, 'BRP bevragen'],
      [`${ID}bouwblok/brp`, `${ID}api/haal-centraal-brp-bevragen-proefomgeving`, 'BRP bevragen (proefomgeving)'],
    ],
  },
  'apis-without-openapi': {
    variables: ['api', 'title'],
    rows: [
      ['https://apis.example.org/register/apis/rdw-kentekens', 'Open data kentekens'],
      [`${ID}api/digid-preproductie`, 'DigiD preproductie'],
      [`${ID}api/haal-centraal-brp-bevragen-proefomgeving`, 'BRP bevragen (proefomgeving)'],
      [`${ID}api/kadaster-brk-bevragen`, 'BRK bevragen'],
    ],
  },
  'basisregistratie-owners': {
    variables: ['register', 'owner', 'ownerName'],
    rows: [
      [`${ID}bouwblok/brk`, `${TOOI}zbo/zb000195`, 'Dienst voor het kadaster en de openbare registers'],
      [`${ID}bouwblok/brp`, `${TOOI}ministerie/mnre1034`, 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties'],
    ],
  },
  'block-dependencies': {
    variables: ['block', 'usedBlock'],
    rows: [
      [`${ID}bouwblok/digid`, `${ID}bouwblok/brp`],
      [`${ID}bouwblok/digid`, `${ID}bouwblok/pkioverheid`],
      [`${ID}bouwblok/haal-centraal`, `${ID}bouwblok/brk`],
      [`${ID}bouwblok/haal-centraal`, `${ID}bouwblok/brp`],
    ],
  },
  'blocks-not-completed': {
    variables: ['block', 'status'],
    rows: [[`${ID}bouwblok/haal-centraal`, 'http://purl.org/adms/status/UnderDevelopment']],
  },
  'blocks-per-domain': {
    variables: ['domain', 'domainLabel', 'blocks'],
    rows: [
      [`${ID}domain/basisgegevens`, 'Basisgegevens', '2'],
      [`${ID}domain/gegevensuitwisseling`, 'Gegevensuitwisseling', '1'],
      [`${ID}domain/infrastructuur`, 'Infrastructuur', '1'],
      [`${ID}domain/toegang`, 'Toegang', '1'],
    ],
  },
  'blocks-test-environments': {
    variables: ['block', 'service', 'environmentKind', 'endpoint'],
    rows: [
      [`${ID}bouwblok/brp`, `${ID}api/haal-centraal-brp-bevragen-proefomgeving`, `${ID}environment/test`, 'https://proef.brp.example.nl/haalcentraal/api/brp'],
      [`${ID}bouwblok/digid`, `${ID}api/digid-preproductie`, `${ID}environment/acceptatie`, 'https://preprod.digid.example.nl/saml'],
    ],
  },
  'datasets-per-theme': {
    variables: ['theme', 'datasets'],
    rows: [[`${THEME}GOVE`, '3'], [`${THEME}REGI`, '1']],
  },
  'deleted-records': {
    variables: ['record', 'source', 'deletedAt'],
    rows: [[DELETED_RECORD, 'api-register', '2026-03-03T08:00:00Z']],
  },
  'organisations-with-oin': {
    variables: ['organisation', 'oin'],
    rows: [
      [`${TOOI}zbo/zb000195`, '00000001802327497000'],
      [`${TOOI}oorg/oorg10117`, '00000001822477348000'],
      [`${TOOI}ministerie/mnre1034`, '00000001003214345000'],
    ],
  },
  'records-per-source': {
    variables: ['source', 'records', 'lastHarvest'],
    rows: [['api-register', '3', '2026-03-03T08:00:00Z'], ['curated', '25', '2026-03-01T08:00:00Z']],
  },
};

interface ExampleListing {
  examples: Array<{ id: string; title: { nl: string; en: string }; description: { nl: string; en: string }; query: string; source: string; run: string }>;
}

describe('example queries', () => {
  let server: TestServer;
  let listing: ExampleListing;

  before(async () => {
    server = await startTestServer();
    listing = await (await fetch(`${server.url}sparql/examples`)).json() as ExampleListing;
  });
  after(async () => {
    await server.close();
  });

  it('lists at least ten examples with titles in Dutch and English', () => {
    expect(listing.examples.length).to.be.at.least(10);
    for (const example of listing.examples) {
      expect(example.title.nl, example.id).to.be.a('string').and.not.equal('');
      expect(example.title.en, example.id).to.be.a('string').and.not.equal('');
      expect(example.description.nl, example.id).to.have.length.above(20);
      expect(example.description.en, example.id).to.have.length.above(20);
    }
  });

  it('has an expectation for every example', () => {
    expect(listing.examples.map((example) => example.id).sort()).to.deep.equal(Object.keys(EXPECTED).sort());
  });

  it('serves the text of each example', async () => {
    const example = listing.examples[0]!;
    const response = await fetch(example.source);
    expect(response.headers.get('content-type')).to.match(/^application\/sparql-query/);
    expect(await response.text()).to.equal(example.query);
  });

  it('answers 404 for an unknown example', async () => {
    const response = await fetch(`${server.url}sparql/examples/no-such-query`);
    expect(response.status).to.equal(404);
  });

  for (const [id, expected] of Object.entries(EXPECTED)) {
    it(`runs ${id} with the expected rows`, async () => {
      const example = listing.examples.find((candidate) => candidate.id === id);
      expect(example, id).to.not.equal(undefined);
      const response = await fetch(example!.run, { headers: { accept: 'application/sparql-results+json' } });
      expect(response.status).to.equal(200);
      const body = await response.json() as { results: { bindings: Array<Record<string, { value: string }>> } };
      const rows = body.results.bindings.map((row) => expected.variables.map((variable) => row[variable]?.value ?? ''));
      expect(rows).to.deep.equal(expected.rows);
    });
  }
});

describe('parseExampleQuery', () => {
  it('reads the title and description in both languages', () => {
    const example = parseExampleQuery('x', '# title@nl: Titel\n# title@en: Title\n# description@nl: Uitleg\n# description@en: Explanation\nASK {}', 'x.rq');
    expect(example.title).to.deep.equal({ nl: 'Titel', en: 'Title' });
    expect(example.description).to.deep.equal({ nl: 'Uitleg', en: 'Explanation' });
  });

  it('names the file and the missing header line', () => {
    expect(() => parseExampleQuery('x', '# title@nl: Titel\n# title@en: Title\n# description@nl: Uitleg\nASK {}', 'x.rq'))
      .to.throw('Example query x.rq has no "# description@en: ..." line in its header');
  });
});
