/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are arbitrary JSON, navigated freely in assertions */
import { expect } from 'chai';
import { parseJsonLd } from '../../vocab/jsonld';
import { HYDRA, RDF } from '../../vocab/namespaces';
import { BASE_IRI } from '../fixtures/api/loadFixtures';
import { replaceWithTurtle } from '../fixtures/api/loadFixtures';
import { startApiServer, type ApiServer } from './apiServer';

const API = `${BASE_IRI}api/v1`;

describe('REST API', () => {
  let server: ApiServer;
  before(async () => {
    server = await startApiServer();
  });
  after(async () => {
    server.indexes.close();
    await server.running.close();
  });

  async function json(path: string, init?: RequestInit): Promise<{ response: Response; body: Record<string, any> }> {
    const response = await server.get(path, init);
    return { response, body: await response.json() as Record<string, any> };
  }

  describe('JSON-LD contexts', () => {
    it('refers to contexts this instance serves', async () => {
      const { body } = await json('/api/v1/building-blocks');
      expect(body['@context']).to.deep.equal([`${BASE_IRI}context/v1.jsonld`, `${BASE_IRI}context/api-v1.jsonld`]);
      const apiContext = await json('/context/api-v1.jsonld');
      expect(apiContext.response.headers.get('content-type')).to.match(/^application\/ld\+json/);
      expect(apiContext.body['@context'].member['@id']).to.equal(HYDRA.member.value);
    });
  });

  describe('API Design Rules', () => {
    it('sends API-Version on successes and errors', async () => {
      for (const path of ['/api/v1', '/api/v1/apis', '/api/v1/apis/nope', '/api/v1/apis/', '/api/v1/openapi.json', '/api/v1/search?page=0']) {
        const response = await server.get(path);
        expect(response.headers.get('api-version'), path).to.equal('1.0.0');
      }
      const post = await server.get('/api/v1/apis', { method: 'POST' });
      expect(post.headers.get('api-version')).to.equal('1.0.0');
    });

    it('answers a trailing slash with 404, not a redirect', async () => {
      for (const path of ['/api/v1/', '/api/v1/building-blocks/', '/api/v1/building-blocks/brp/']) {
        const response = await server.get(path, { redirect: 'manual' });
        expect(response.status, path).to.equal(404);
        expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
        const body = await response.json() as Record<string, unknown>;
        expect(body.detail).to.match(/no trailing slash/);
      }
    });

    it('serves the OpenAPI document with CORS for every origin', async () => {
      const response = await server.get('/api/v1/openapi.json');
      expect(response.status).to.equal(200);
      expect(response.headers.get('access-control-allow-origin')).to.equal('*');
      expect(response.headers.get('content-type')).to.match(/^application\/vnd\.oai\.openapi\+json/);
      const document = await response.json() as Record<string, any>;
      expect(document.openapi).to.match(/^3\.0\./);
      expect(document.info.version).to.equal('1.0.0');
      expect(document.servers[0].url).to.equal(API);
      expect(Object.keys(document.paths)).to.include.members(['/openapi.json', '/building-blocks', '/building-blocks/{id}', '/references', '/search']);
    });

    it('documents lower-case kebab paths without trailing slash', async () => {
      const { body } = await json('/api/v1/openapi.json');
      for (const path of Object.keys(body.paths)) {
        expect(path, path).to.match(/^(\/([a-z0-9-]+|\{[a-zA-Z]+\}|openapi\.json))+$/);
      }
    });

    it('documents every query parameter in lower camel case', async () => {
      const { body } = await json('/api/v1/openapi.json');
      for (const item of Object.values(body.paths) as any[]) {
        for (const parameter of item.get.parameters ?? []) expect(parameter.name).to.match(/^[a-z][a-zA-Z0-9]*$/);
      }
    });

    it('allows reads from any origin and answers preflight requests', async () => {
      const get = await server.get('/api/v1/building-blocks', { headers: { origin: 'https://portal.example.org' } });
      expect(get.headers.get('access-control-allow-origin')).to.equal('*');
      expect(get.headers.get('access-control-expose-headers')).to.include('API-Version');
      expect(get.headers.get('access-control-expose-headers')).to.include('Link');
      const preflight = await server.get('/api/v1/building-blocks', {
        method: 'OPTIONS', headers: { 'origin': 'https://portal.example.org', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).to.equal(204);
      expect(preflight.headers.get('access-control-allow-methods')).to.equal('GET, HEAD, OPTIONS');
      expect(preflight.headers.get('api-version')).to.equal('1.0.0');
    });

    it('rejects writes with 405 and an Allow header', async () => {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const response = await server.get('/api/v1/building-blocks/brp', { method });
        expect(response.status, method).to.equal(405);
        expect(response.headers.get('allow')).to.equal('GET, HEAD, OPTIONS');
        const body = await response.json() as Record<string, unknown>;
        expect(body).to.include({ status: 405, title: 'Method Not Allowed' });
      }
    });

    it('answers HEAD like GET without a body', async () => {
      const response = await server.get('/api/v1/apis', { method: 'HEAD' });
      expect(response.status).to.equal(200);
      expect(response.headers.get('link')).to.include('rel="first"');
      expect(await response.text()).to.equal('');
    });
  });

  describe('errors', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['/api/v1/apis?colour=red', 400, /Unknown query parameter "colour"/],
      ['/api/v1/apis?page=0', 400, /"page" has the invalid value "0"/],
      ['/api/v1/apis?pageSize=1000', 400, /"pageSize" has the invalid value "1000"; use a whole number from 1 to 100/],
      ['/api/v1/apis?sort=popularity', 400, /"sort" has the invalid value "popularity"/],
      ['/api/v1/apis?sort=relevance', 400, /no "q" to rank by/],
      ['/api/v1/apis?q=a&q=b', 400, /"q" was given more than once/],
      ['/api/v1/search?type=person', 400, /"type" has the invalid value "person"/],
      ['/api/v1/apis?lang=de', 400, /"lang" has the invalid value "de"/],
      ['/api/v1/building-blocks?kind=basisregister', 400, /"kind" has the unknown value "basisregister"; use one of: .*basisregistratie/],
      ['/api/v1/building-blocks?domain=https%3A%2F%2Fw3id.org%2Fbouwblokken%2Fid%2Fdomain%2Fbetalen', 400, /"domain" has the unknown value "https:\/\/w3id.org\/bouwblokken\/id\/domain\/betalen"; use one of: .*toegang/],
      ['/api/v1/apis?status=Active', 400, /"status" has the unknown value "Active"; use one of: Completed, UnderDevelopment, Deprecated, Withdrawn/],
      ['/api/v1/references', 400, /"identifier" is missing/],
      ['/api/v1/references?identifier=%20', 400, /identifier to look up is empty/],
      ['/api/v1/apis?page=9', 404, /Page 9 of .* does not exist; the last page is 1/],
      ['/api/v1/building-blocks/onbekend', 404, /No record with id "onbekend" in \/api\/v1\/building-blocks/],
      ['/api/v1/building-blocks/haal-centraal-brp-bevragen/locations', 404, /No record with id "haal-centraal-brp-bevragen"/],
      ['/api/v1/widgets', 404, /No resource at \/api\/v1\/widgets/],
    ];
    for (const [path, status, detail] of cases) {
      it(`answers ${path} with ${status} problem+json`, async () => {
        const response = await server.get(path);
        expect(response.status).to.equal(status);
        expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
        const body = await response.json() as Record<string, any>;
        expect(body.status).to.equal(status);
        expect(body.title).to.be.a('string');
        expect(body.detail).to.match(detail);
        expect(body.type).to.match(/^https:\/\/w3id\.org\/bouwblokken\/problem\//);
      });
    }

    it('answers an unsupported Accept with 406', async () => {
      const response = await server.get('/api/v1/apis', { headers: { accept: 'text/csv' } });
      expect(response.status).to.equal(406);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    });
  });

  describe('formats', () => {
    it('sends JSON-LD by default and plain JSON on request', async () => {
      expect((await server.get('/api/v1/apis')).headers.get('content-type')).to.match(/^application\/ld\+json/);
      expect((await server.get('/api/v1/apis', { headers: { accept: 'application/json' } })).headers.get('content-type')).to.match(/^application\/json/);
    });

    it('sends collection pages that are valid JSON-LD with a Hydra view', async () => {
      const response = await server.get('/api/v1/search?pageSize=2&page=2');
      const quads = await parseJsonLd(await response.text(), `${API}/search`);
      const views = quads.filter((quad) => quad.predicate.equals(HYDRA.view));
      expect(views).to.have.length(1);
      const view = views[0]!.object.value;
      expect(quads.some((quad) => quad.subject.value === view && quad.predicate.equals(RDF.type) && quad.object.equals(HYDRA.PartialCollectionView))).to.equal(true);
      expect(quads.filter((quad) => quad.predicate.equals(HYDRA.member))).to.have.length(2);
      expect(quads.find((quad) => quad.predicate.equals(HYDRA.totalItems))?.object.value).to.equal('13');
    });

    it('sends a record framed as JSON-LD that parses to its statements', async () => {
      const response = await server.get('/api/v1/building-blocks/brp');
      expect(response.status).to.equal(200);
      const text = await response.text();
      const body = JSON.parse(text) as Record<string, any>;
      expect(body.id).to.equal('https://w3id.org/bouwblokken/id/bouwblok/brp');
      expect(body.title).to.deep.equal({ nl: 'Basisregistratie Personen', en: 'Personal Records Database' });
      const quads = await parseJsonLd(text, `${API}/building-blocks/brp`);
      expect(quads.some((quad) => quad.predicate.value === 'https://w3id.org/bouwblokken/def#api' && quad.object.value === 'https://w3id.org/bouwblokken/id/api/haal-centraal-brp-bevragen')).to.equal(true);
    });

    it('sends reference answers and locations that are valid JSON-LD', async () => {
      for (const path of ['/api/v1/references?identifier=https%3A%2F%2Fapi.brp.example.nl%2Fhaalcentraal%2Fapi%2Fbrp', '/api/v1/building-blocks/brp/locations', '/api/v1']) {
        const quads = await parseJsonLd(await (await server.get(path)).text(), `${API}/x`);
        expect(quads.length, path).to.be.greaterThan(0);
      }
    });
  });

  describe('collections', () => {
    it('lists building blocks with paging links in header and body', async () => {
      const { response, body } = await json('/api/v1/building-blocks?pageSize=1&page=2&sort=title');
      expect(body.totalItems).to.equal(2);
      expect(body.member.map((member: any) => member.id)).to.deep.equal(['https://w3id.org/bouwblokken/id/bouwblok/digid']);
      expect(body.view).to.include({
        id: `${API}/building-blocks?pageSize=1&page=2&sort=title`,
        first: `${API}/building-blocks?pageSize=1&page=1&sort=title`,
        previous: `${API}/building-blocks?pageSize=1&page=1&sort=title`,
        last: `${API}/building-blocks?pageSize=1&page=2&sort=title`,
      });
      expect(body.view.next).to.equal(undefined);
      const link = response.headers.get('link')!;
      expect(link).to.include(`<${API}/building-blocks?pageSize=1&page=1&sort=title>; rel="prev"`);
      expect(link).to.not.include('rel="next"');
    });

    it('gives each member its type, titles and API URL', async () => {
      const { body } = await json('/api/v1/building-blocks?sort=title');
      const brp = body.member[0];
      expect(brp).to.include({ id: 'https://w3id.org/bouwblokken/id/bouwblok/brp', type: 'BuildingBlock', seeAlso: `${API}/building-blocks/brp`, recordType: 'building-block' });
      expect(brp.kind).to.deep.equal(['https://w3id.org/bouwblokken/id/kind/basisregistratie']);
      expect(brp.status).to.equal('http://purl.org/adms/status/Completed');
    });

    it('filters by kind code, status name and organisation code', async () => {
      expect((await json('/api/v1/building-blocks?kind=voorziening')).body.member.map((member: any) => member.id)).to.deep.equal(['https://w3id.org/bouwblokken/id/bouwblok/digid']);
      expect((await json('/api/v1/building-blocks?domain=basisgegevens&status=Completed')).body.totalItems).to.equal(1);
      const byOrganisation = await json('/api/v1/apis?organisation=oorg10103');
      expect(byOrganisation.body.member.map((member: any) => member.id)).to.have.members([
        'https://w3id.org/bouwblokken/id/api/haal-centraal-brp-bevragen', 'https://w3id.org/bouwblokken/id/api/haal-centraal-brp-bevragen-proef',
      ]);
      expect((await json('/api/v1/datasets?theme=SOCI')).body.member.map((member: any) => member.id)).to.deep.equal(['https://data.overheid.nl/dataset/bevolkingsstatistiek-gemeenten']);
    });

    it('searches across types with facet counts and labels', async () => {
      const { body } = await json('/api/v1/search?q=persoonsgegevens');
      const ids = body.member.map((member: any) => member.id);
      expect(ids).to.include.members(['https://w3id.org/bouwblokken/id/bouwblok/brp', 'https://w3id.org/bouwblokken/id/api/haal-centraal-brp-bevragen']);
      expect(body.member.every((member: any) => member.score > 0)).to.equal(true);
      const organisations = body.facets.organisation as Array<{ value: string; count: number; label?: string }>;
      const rvig = organisations.find((count) => count.value === 'https://identifier.overheid.nl/tooi/id/oorg/oorg10103');
      expect(rvig?.label).to.equal('Rijksdienst voor Identiteitsgegevens');
      const types = Object.fromEntries((body.facets.type as Array<{ value: string; count: number }>).map((count) => [count.value, count.count]));
      expect(types['building-block']).to.equal(1);
    });

    it('finds DigiD by digid', async () => {
      const { body } = await json('/api/v1/building-blocks?q=digid');
      expect(body.member.map((member: any) => member.id)).to.deep.equal(['https://w3id.org/bouwblokken/id/bouwblok/digid']);
    });

    it('serves a harvested record under its digest id', async () => {
      const { body } = await json('/api/v1/apis?q=ingeschreven');
      const url = body.member[0].seeAlso as string;
      expect(url).to.match(/\/api\/v1\/apis\/h[0-9a-f]{24}$/);
      const record = await json(url.replace(BASE_IRI, '/'));
      expect(record.response.status).to.equal(200);
      expect(record.body.id).to.equal('https://developer.overheid.nl/apis/vng-bevraging-ingeschreven-persoon');
    });
  });

  describe('reference index', () => {
    it('answers which records describe an endpoint URL', async () => {
      const { body } = await json(`/api/v1/references?identifier=${encodeURIComponent('http://www.api.brp.example.nl/haalcentraal/api/brp/')}`);
      expect(body.normalisedIdentifier).to.equal('https://api.brp.example.nl/haalcentraal/api/brp');
      const records = new Set(body.describedBy.map((match: any) => match.primaryTopic));
      expect([...records]).to.have.members(['https://w3id.org/bouwblokken/id/api/haal-centraal-brp-bevragen', 'https://developer.overheid.nl/apis/vng-bevraging-ingeschreven-persoon']);
      expect(body.describedBy[0]).to.have.keys(['primaryTopic', 'recordType', 'label', 'seeAlso', 'matchKind', 'viaProperty', 'matchedValue', 'environmentKind', 'namedGraph', 'sourceName', 'generatedAtTime', 'wasDerivedFrom', 'sourceKind']);
      expect(body.partners).to.deep.equal([{
        sourceName: 'partner-catalogus',
        sourceKind: 'dcat',
        matches: [body.partners[0].matches[0]],
      }]);
      expect(body.partners[0].matches[0].primaryTopic).to.equal('https://partner.example.org/catalogus/api/brp-bevragen');
    });

    it('answers where a building block lives', async () => {
      const { body } = await json('/api/v1/building-blocks/brp/locations');
      expect(body.id).to.equal('https://w3id.org/bouwblokken/id/bouwblok/brp');
      const api = body.api.find((resource: any) => resource.id === 'https://w3id.org/bouwblokken/id/api/haal-centraal-brp-bevragen');
      expect(api.environment.map((environment: any) => environment.environmentKind)).to.deep.equal([
        'https://w3id.org/bouwblokken/id/environment/productie', 'https://w3id.org/bouwblokken/id/environment/acceptatie',
      ]);
      expect(api.statedBy[0]).to.include({ sourceName: 'curated', viaProperty: 'https://w3id.org/bouwblokken/def#api' });
      expect(body.testEnvironment[0].environment[0].environmentKind).to.equal('https://w3id.org/bouwblokken/id/environment/sandbox');
      expect(body.testData.map((resource: any) => resource.id)).to.deep.equal(['https://w3id.org/bouwblokken/id/dataset/brp-testpersonen']);
      expect(body.codeRepository).to.have.length(2);
      expect(body.documentation.map((resource: any) => resource.id)).to.deep.equal(['https://brp-api.github.io/Haal-Centraal-BRP-bevragen/']);
    });

    it('follows a source that is harvested again', async () => {
      await replaceWithTurtle(server.store, 'partner-catalogus', '', new Date('2026-06-01T00:00:00Z'));
      await server.indexes.settled();
      const { body } = await json(`/api/v1/references?identifier=${encodeURIComponent('https://api.brp.example.nl/haalcentraal/api/brp')}`);
      expect(body.partners).to.deep.equal([]);
    });
  });
});
