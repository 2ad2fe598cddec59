import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Parser, Store, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { isomorphic } from 'rdf-isomorphic';
import { parseJsonLd } from '../../vocab/jsonld';
import { DCAT, DCT, HYDRA, RDF } from '../../vocab/namespaces';
import { RecordValidator } from '../../shapes/validator';
import { BASE_IRI } from '../fixtures/api/loadFixtures';
import { startApiServer, type ApiServer } from './apiServer';

const CATALOG = `${BASE_IRI}catalog`;

/** The DCAT-AP-NL 3.0 shapes as Geonovum publishes them, in the shared folder beside a checkout. */
const DCAT_AP_NL_SHAPES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/real-data/dcat/geonovum-dcat-ap-nl-3.0/shapes/dcat-ap-nl-SHACL.ttl');

describe('DCAT catalogue', () => {
  let server: ApiServer;
  before(async () => {
    server = await startApiServer();
  });
  after(async () => {
    server.indexes.close();
    await server.running.close();
  });

  async function turtle(path: string): Promise<Quad[]> {
    const response = await server.get(path, { headers: { accept: 'text/turtle' } });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/turtle/);
    return new Parser({ baseIRI: BASE_IRI }).parse(await response.text());
  }

  const objects = (quads: Quad[], subject: string, predicate: { value: string }) =>
    quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate.value).map((quad) => quad.object);

  it('describes the catalogue as DCAT-AP-NL asks', async () => {
    const quads = await turtle('/catalog');
    expect(objects(quads, CATALOG, RDF.type).map((term) => term.value)).to.include(DCAT.Catalog.value);
    expect(objects(quads, CATALOG, DCT.title).map((term) => (term as { language?: string }).language)).to.have.members(['nl', 'en']);
    expect(objects(quads, CATALOG, DCT.description)).to.have.length(2);
    expect(objects(quads, CATALOG, DCT.publisher)).to.have.length(1);
    expect(objects(quads, CATALOG, DCAT.contactPoint)).to.have.length(1);
    expect(objects(quads, CATALOG, DCAT.dataset).length).to.be.greaterThan(0);
  });

  it('lists datasets, services and resources with their descriptions', async () => {
    const quads = await turtle('/catalog');
    expect(objects(quads, CATALOG, DCAT.dataset).map((term) => term.value)).to.have.members([
      'https://data.overheid.nl/dataset/bevolkingsstatistiek-gemeenten', 'https://w3id.org/bouwblokken/id/dataset/brp-testpersonen',
    ]);
    expect(objects(quads, CATALOG, DCAT.service)).to.have.length(5);
    expect(objects(quads, CATALOG, DCAT.resource).map((term) => term.value)).to.include.members([
      'https://w3id.org/bouwblokken/id/bouwblok/brp', 'https://w3id.org/bouwblokken/id/bouwblok/digid',
    ]);
    expect(objects(quads, 'https://w3id.org/bouwblokken/id/bouwblok/digid', DCT.title)).to.have.length(2);
  });

  it('pages with Hydra links and counts every member', async () => {
    const quads = await turtle('/catalog?page=2&pageSize=4');
    expect(objects(quads, CATALOG, HYDRA.totalItems).map((term) => term.value)).to.deep.equal(['10']);
    const view = `${CATALOG}?page=2&pageSize=4`;
    expect(objects(quads, CATALOG, HYDRA.view).map((term) => term.value)).to.deep.equal([view]);
    expect(objects(quads, view, HYDRA.previous).map((term) => term.value)).to.deep.equal([`${CATALOG}?page=1&pageSize=4`]);
    expect(objects(quads, view, HYDRA.next).map((term) => term.value)).to.deep.equal([`${CATALOG}?page=3&pageSize=4`]);
    expect(objects(quads, view, HYDRA.last).map((term) => term.value)).to.deep.equal([`${CATALOG}?page=3&pageSize=4`]);
    const members = [DCAT.dataset, DCAT.service, DCAT.resource].flatMap((property) => objects(quads, CATALOG, property));
    expect(members).to.have.length(4);
  });

  it('sends the same statements as JSON-LD and Turtle', async () => {
    const fromTurtle = await turtle('/catalog?pageSize=3');
    const response = await server.get('/catalog?pageSize=3', { headers: { accept: 'application/ld+json' } });
    expect(response.headers.get('content-type')).to.match(/^application\/ld\+json/);
    const fromJsonLd = await parseJsonLd(await response.text(), CATALOG);
    expect(isomorphic(fromTurtle, fromJsonLd as Quad[])).to.equal(true);
  });

  it('takes the format from the format parameter', async () => {
    const response = await server.get('/catalog?format=ttl', { headers: { accept: 'application/ld+json' } });
    expect(response.headers.get('content-type')).to.match(/^text\/turtle/);
  });

  it('reports no violation on its own catalogue node', async () => {
    const validator = await RecordValidator.load();
    const report = validator.validate(await turtle('/catalog'));
    const onCatalogue = report.results.filter((result) => result.focusNode === CATALOG && result.severity === 'violation');
    expect(onCatalogue).to.deep.equal([]);
  });

  it('conforms to the DCAT-AP-NL 3.0 catalogue shape', async function () {
    if (!existsSync(DCAT_AP_NL_SHAPES)) this.skip();
    const shapes = new Store(new Parser().parse(readFileSync(DCAT_AP_NL_SHAPES, 'utf8')));
    const report = await new SHACLValidator(shapes).validate(new Store(await turtle('/catalog')));
    const onCatalogue = report.results.filter((result) => result.focusNode?.value === CATALOG).map((result) => result.message.map((message) => message.value).join(' '));
    expect(onCatalogue).to.deep.equal([]);
  });

  const errors: Array<[string, Record<string, string>, number, RegExp]> = [
    ['/catalog?page=5', {}, 404, /Page 5 of .*catalog does not exist; the last page is 1/],
    ['/catalog?page=x', {}, 400, /"page" has the invalid value "x"/],
    ['/catalog?pageSize=501', {}, 400, /"pageSize" has the invalid value "501"/],
    ['/catalog?sort=title', {}, 400, /Unknown query parameter "sort"/],
    ['/catalog', { accept: 'text/csv' }, 406, /available: text\/turtle, application\/ld\+json/],
  ];
  for (const [path, headers, status, detail] of errors) {
    it(`answers ${path} ${headers.accept ?? ''} with ${status}`, async () => {
      const response = await server.get(path, { headers });
      expect(response.status).to.equal(status);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(((await response.json()) as { detail: string }).detail).to.match(detail);
    });
  }
});
