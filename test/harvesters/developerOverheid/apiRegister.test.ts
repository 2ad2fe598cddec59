import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { ApiRegisterHarvester } from '../../../harvesters/developerOverheid/apiRegister';
import { apiIriFromOasUrl } from '../../../harvesters/developerOverheid/apiRegisterMapping';
import { runHarvest, type HarvestRunReport } from '../../../harvesters/runHarvest';
import type { SourceConfig } from '../../../core/config';
import type { InProcessStore } from '../../../store/InProcessStore';
import { ReplayServer, registerCollection } from '../replay/ReplayServer';
import { BASE_IRI, createStore, loadValidator, logger, select, sourceConfig, temporaryDataDir, TUNING, values } from '../helpers';

const FIXTURES = 'test/fixtures/harvest/api-register';
type Api = Record<string, unknown> & { id: string; oasUrl: string; title: string };

async function readFixture<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(path.join(FIXTURES, name), 'utf8')) as T;
}

describe('API register harvester', () => {
  let server: ReplayServer;
  let apis: Api[];
  let organisations: unknown[];

  beforeEach(async () => {
    apis = await readFixture<Api[]>('apis.json');
    organisations = await readFixture<unknown[]>('organisations.json');
    server = await ReplayServer.start();
    server.route('/apis', registerCollection(() => apis, { summary: ({ id, title, organisation, lifecycle, adrScore, contact, description }) => ({ id, title, description, organisation, lifecycle, adrScore, contact }) }));
    server.route('/organisations', () => ({ body: organisations }));
    serveDetails();
  });

  afterEach(async () => {
    await server.close();
  });

  function serveDetails(): void {
    for (const api of apis) server.route(`/apis/${api.id}`, () => ({ body: api }));
  }

  async function harvest(store: InProcessStore, overrides: Partial<SourceConfig> = {}, dataDir?: string): Promise<HarvestRunReport> {
    const config = sourceConfig('developer-overheid-api-register', { baseUrl: server.baseUrl, apiKey: 'test-key', pageSize: 2, ...overrides });
    return runHarvest(new ApiRegisterHarvester('apis', config, TUNING), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI, dataDir });
  }

  it('maps each API to a data service with environments, lifecycle and ADR score', async () => {
    const store = createStore();
    const report = await harvest(store);
    expect(report.outcome).to.equal('completed');

    const bag = apiIriFromOasUrl(BASE_IRI, 'https://api.bag.kadaster.nl/esd/huidigebevragingen/v1/openapi.yaml');
    const rows = await select(store, `SELECT * WHERE {
      <${bag}> a dcat:DataService ; dct:title ?title ; dcat:endpointURL ?endpoint ; dcat:endpointDescription ?oas ;
        dct:publisher ?publisher ; adms:status ?status ; dcat:version ?version ; bb:deprecationDate ?deprecated ;
        bb:sunsetDate ?sunset ; bb:authentication ?auth ; foaf:page ?docs ;
        dqv:hasQualityMeasurement [ dqv:isMeasurementOf bb:adrScore ; dqv:value ?score ] ;
        dcat:contactPoint [ vcard:fn ?contact ; vcard:hasEmail ?email ] }`);
    expect(rows).to.have.length(1);
    const row = rows[0]!;
    expect(row.title).to.deep.include({ value: 'BAG API Huidige Bevragingen', 'xml:lang': 'nl' });
    expect(row.endpoint?.value).to.equal('https://api.bag.kadaster.nl/lvbag/individuelebevragingen/v2');
    expect(row.oas?.value).to.equal('https://api.bag.kadaster.nl/esd/huidigebevragingen/v1/openapi.yaml');
    expect(row.publisher?.value).to.equal('https://identifier.overheid.nl/tooi/id/zbo/zb000195');
    expect(row.status?.value).to.equal('http://purl.org/adms/status/Deprecated');
    expect(row.version?.value).to.equal('1.6.0');
    expect(row.deprecated).to.deep.include({ value: '2025-10-01', datatype: 'http://www.w3.org/2001/XMLSchema#date' });
    expect(row.sunset?.value).to.equal('2026-12-31');
    expect(row.auth?.value).to.equal('apiKey');
    expect(row.score).to.deep.include({ value: '88', datatype: 'http://www.w3.org/2001/XMLSchema#decimal' });
    expect(row.email?.value).to.equal('mailto:bag@kadaster.nl');

    const environments = await select(store, `SELECT ?kind ?url WHERE { <${bag}> bb:environment [ bb:environmentKind ?kind ; dcat:endpointURL ?url ] } ORDER BY ?kind`);
    expect(environments.map((environment) => [environment.kind?.value, environment.url?.value])).to.deep.equal([
      ['https://w3id.org/bouwblokken/id/environment/acceptatie', 'https://api.bag.acceptatie.kadaster.nl/lvbag/individuelebevragingen/v2'],
      ['https://w3id.org/bouwblokken/id/environment/productie', 'https://api.bag.kadaster.nl/lvbag/individuelebevragingen/v2'],
    ]);
  });

  it('pages with page and perPage and sends the API key', async () => {
    const store = createStore();
    const report = await harvest(store, { pageSize: 2 });
    const pages = server.requestsTo('/apis');
    expect(pages.map((request) => request.query.get('page'))).to.deep.equal(['1', '2', '3']);
    expect(pages.every((request) => request.query.get('perPage') === '2')).to.equal(true);
    expect(server.requests.every((request) => request.headers['x-api-key'] === 'test-key')).to.equal(true);
    expect(report.counts.pages).to.equal(4);
  });

  it('pages by Total-Pages when there is no Link header', async () => {
    server.route('/apis', registerCollection(() => apis, { link: false }));
    const report = await harvest(createStore(), { pageSize: 2 });
    expect(report.outcome).to.equal('completed');
    expect(server.requestsTo('/apis')).to.have.length(3);
  });

  it('fails without an API key before making a request', async () => {
    const store = createStore();
    const report = await harvest(store, { apiKey: undefined });
    expect(report.outcome).to.equal('failed');
    expect(report.reason).to.match(/no API key; set DEVELOPER_OVERHEID_API_KEY/);
    expect(server.requests).to.have.length(0);
  });

  it('keeps the IRI of an API when the register changes its id', async () => {
    const store = createStore();
    await harvest(store);
    apis = apis.map((api) => ({ ...api, id: `new-${api.id}` }));
    serveDetails();
    const second = await harvest(store);
    expect(second.counts.added).to.equal(0);
    expect(second.counts.removed).to.equal(0);
    expect(second.counts.kept).to.equal(second.counts.published);
  });

  it('treats www.vng.nl and vng.nl as one organisation', async () => {
    const store = createStore();
    await harvest(store);
    const publishers = await values(store, 'SELECT DISTINCT ?publisher WHERE { ?api a dcat:DataService ; dct:title ?t ; dct:publisher ?publisher FILTER(CONTAINS(STR(?t), "Zaken") || CONTAINS(STR(?t), "Documenten")) }', 'publisher');
    expect(publishers).to.deep.equal(['https://vng.nl/']);
    const organisationNames = await values(store, 'SELECT ?name WHERE { <https://vng.nl/> a foaf:Organization ; foaf:name ?name }', 'name');
    expect(organisationNames).to.deep.equal(['VNG']);
  });

  it('rejects a record that violates the shapes and reports what to fix', async () => {
    const store = createStore();
    const report = await harvest(store);
    expect(report.counts.rejected).to.equal(1);
    const rejected = report.rejected[0]!;
    expect(rejected.iri).to.equal(apiIriFromOasUrl(BASE_IRI, 'https://api.data.amsterdam.nl/v1/leeg/openapi.yaml'));
    const violations = rejected.findings.filter((finding) => finding.severity === 'violation');
    expect(violations.map((finding) => finding.path)).to.include('http://purl.org/dc/terms/title');
    expect(violations.map((finding) => finding.message.en).join(' ')).to.match(/dcat:endpointURL/);
    expect(rejected.findings[0]?.message.nl).to.be.a('string').and.not.equal('');
    expect(rejected.ntriples).to.contain('<http://www.w3.org/ns/dcat#DataService>');
    expect(report.topReasons.map((reason) => reason.path)).to.include('http://purl.org/dc/terms/title');

    const stored = await values(store, `SELECT ?s WHERE { <${rejected.iri}> ?p ?o BIND(<${rejected.iri}> AS ?s) }`, 's');
    expect(stored).to.deep.equal([]);
  });

  it('publishes records that only have warnings and lists them', async () => {
    const report = await harvest(createStore());
    expect(report.counts.published).to.equal(8);
    expect(report.warnings.length).to.be.greaterThan(0);
    expect(report.warnings.every((record) => record.findings.every((finding) => finding.severity !== 'violation'))).to.equal(true);
  });

  it('retries 429 with Retry-After and 503 before giving up', async () => {
    let calls = 0;
    const page = registerCollection(() => apis);
    server.route('/apis', (request) => {
      calls++;
      if (calls === 1) return { status: 429, headers: { 'retry-after': '0' }, body: { title: 'Too Many Requests', status: 429 } };
      if (calls === 2) return { status: 503, body: { title: 'Service Unavailable', status: 503 } };
      return page(request);
    });
    const report = await harvest(createStore(), { pageSize: 100 });
    expect(report.outcome).to.equal('completed');
    expect(calls).to.equal(3);
  });

  it('fails after the last retry and names URL, status and attempts', async () => {
    server.route('/apis', () => ({ status: 503, body: { title: 'Service Unavailable', status: 503 } }));
    const report = await harvest(createStore(), { maxRetries: 2 });
    expect(report.outcome).to.equal('failed');
    expect(report.reason).to.match(/GET http:\/\/127\.0\.0\.1:\d+\/apis\?page=1&perPage=2 failed after 3 attempts; last problem: status 503 \(Service Unavailable\)/);
  });

  it('gives up on a request that does not answer within its deadline', async () => {
    server.route('/apis/brp-pb2', () => ({ hang: true }));
    const report = await harvest(createStore(), { requestTimeoutMs: 100, maxRetries: 1 });
    expect(report.outcome).to.equal('failed');
    expect(report.reason).to.match(/\/apis\/brp-pb2 failed after 2 attempts; last problem: no response within 100 ms/);
  });

  it('stops a run that exceeds its deadline and keeps the previous records', async () => {
    const store = createStore();
    await harvest(store);
    server.route('/organisations', () => ({ delayMs: 1_000, body: organisations }));
    const report = await harvest(store, { runTimeoutMs: 300, requestTimeoutMs: 2_000, maxRetries: 0 });
    expect(report.outcome).to.equal('incomplete');
    expect(report.reason).to.match(/did not finish within 300 ms/);
    expect((await store.statistics()).sources.apis).to.equal(8);
  });

  it('stops at a page that repeats an earlier page', async () => {
    server.route('/apis', (request) => ({
      headers: { link: `</apis?page=${Number(request.query.get('page')) + 1}&perPage=2>; rel="next"` },
      body: apis.slice(0, 2),
    }));
    const report = await harvest(createStore());
    expect(report.outcome).to.equal('failed');
    expect(report.reason).to.match(/Page 2 \(.*page=2.*\) repeats page 1/);
  });

  it('stops at a next link that loops back', async () => {
    server.route('/apis', (request) => ({
      headers: { link: '</apis?page=1&perPage=2>; rel="next"' },
      body: request.query.get('page') === '1' ? apis.slice(0, 2) : apis.slice(2, 4),
    }));
    const report = await harvest(createStore());
    expect(report.outcome).to.equal('failed');
    expect(report.reason).to.match(/links back to .*page=1/);
  });

  it('stops at the page cap and calls the snapshot incomplete', async () => {
    const report = await harvest(createStore(), { maxPages: 2, pageSize: 2 });
    expect(report.outcome).to.equal('incomplete');
    expect(report.reason).to.match(/Stopped after 2 pages/);
  });

  it('fails the run on a list page with malformed JSON', async () => {
    server.route('/apis', () => ({ body: '[{"id": "bag-hb1", "title": ' }));
    const report = await harvest(createStore());
    expect(report.outcome).to.equal('failed');
    expect(report.reason).to.match(/returned invalid JSON/);
  });

  it('reports a detail with malformed JSON as a failed item and goes on', async () => {
    server.route('/apis/zgw-zaken', () => ({ body: '{"id": "zgw-zaken", ' }));
    const report = await harvest(createStore());
    expect(report.outcome).to.equal('completed');
    expect(report.failures).to.have.length(1);
    expect(report.failures[0]?.itemId).to.equal('zgw-zaken');
    expect(report.failures[0]?.message.en).to.match(/invalid JSON/);
    expect(report.counts.rejected).to.equal(2);
  });

  it('keeps the previous records when a later run fails', async () => {
    const store = createStore();
    const first = await harvest(store);
    server.route('/organisations', () => ({ status: 500, body: { title: 'Internal Server Error', status: 500 } }));
    const failed = await harvest(store, { maxRetries: 0 });
    expect(failed.outcome).to.equal('failed');
    expect((await store.statistics()).sources.apis).to.equal(first.counts.published);

    const runs = await select(store, `SELECT ?outcome ?message WHERE { GRAPH <${store.provenanceGraph}> { <${failed.runIri}> a prov:Activity ; bb:outcome ?outcome ; bb:outcomeMessage ?message } }`);
    expect(runs[0]?.outcome?.value).to.equal('failed');
    expect(runs[0]?.message?.value).to.match(/organisations failed after 1 attempts/);
  });

  it('removes records that disappeared and remembers them as deleted', async () => {
    const store = createStore();
    await harvest(store);
    const gone = apis.shift()!;
    const report = await harvest(store);
    const goneIri = apiIriFromOasUrl(BASE_IRI, gone.oasUrl);
    expect(report.removed).to.deep.equal([goneIri]);
    const deletions = await select(store, `SELECT ?at ?run WHERE { GRAPH <${store.provenanceGraph}> { ?d a bb:DeletedRecord ; foaf:primaryTopic <${goneIri}> ; bb:deletedAt ?at ; prov:wasInvalidatedBy ?run } }`);
    expect(deletions).to.have.length(1);
    expect(deletions[0]?.run?.value).to.equal(report.runIri);
    expect(Date.parse(deletions[0]!.at!.value)).to.equal(Date.parse(report.endedAt));
  });

  it('describes the run and each record in the provenance graph', async () => {
    const store = createStore();
    const report = await harvest(store);
    const run = await select(store, `SELECT * WHERE { GRAPH <${store.provenanceGraph}> {
      <${report.runIri}> a prov:Activity ; bb:sourceName ?source ; prov:startedAtTime ?start ; prov:endedAtTime ?end ;
        bb:recordCount ?read ; bb:publishedCount ?published ; bb:rejectedCount ?rejected ; bb:deletedCount ?deleted ; bb:outcome ?outcome ; prov:used ?used } }`);
    expect(run).to.have.length(1);
    expect(run[0]?.source?.value).to.equal('apis');
    expect(run[0]?.read?.value).to.equal('10');
    expect(run[0]?.published?.value).to.equal('8');
    expect(run[0]?.rejected?.value).to.equal('1');
    expect(run[0]?.deleted?.value).to.equal('0');
    expect(run[0]?.outcome?.value).to.equal('completed');
    expect(run[0]?.used?.value).to.equal(server.baseUrl);

    const bag = apiIriFromOasUrl(BASE_IRI, 'https://api.bag.kadaster.nl/esd/huidigebevragingen/v1/openapi.yaml');
    const record = await select(store, `SELECT ?from ?at WHERE { GRAPH <${store.provenanceGraph}> { ?g foaf:primaryTopic <${bag}> ; prov:wasDerivedFrom ?from ; prov:generatedAtTime ?at ; prov:wasGeneratedBy <${report.runIri}> } }`);
    expect(record[0]?.from?.value).to.equal(`${server.baseUrl}/apis/bag-hb1`);
    expect(Date.parse(record[0]!.at!.value)).to.equal(Date.parse(report.endedAt));
  });

  it('writes the run report and latest.json to the data directory', async () => {
    const dataDir = await temporaryDataDir();
    const report = await harvest(createStore(), {}, dataDir);
    const written = JSON.parse(await readFile(path.join(dataDir, 'reports', 'apis', `${report.runId}.json`), 'utf8')) as HarvestRunReport;
    const latest = JSON.parse(await readFile(path.join(dataDir, 'reports', 'apis', 'latest.json'), 'utf8')) as HarvestRunReport;
    expect(written.counts).to.deep.equal(report.counts);
    expect(latest.runId).to.equal(report.runId);
    expect(written.rejected[0]?.findings.some((finding) => finding.message.nl !== '' && finding.message.en !== '')).to.equal(true);
  });

  it('asks conditionally on the next run and reuses an unchanged answer', async () => {
    const dataDir = await temporaryDataDir();
    server.route('/organisations', (request) => request.headers['if-none-match'] === '"orgs-1"'
      ? { status: 304, headers: { etag: '"orgs-1"' } }
      : { headers: { etag: '"orgs-1"' }, body: organisations });
    const store = createStore();
    await harvest(store, {}, dataDir);
    const second = await harvest(store, {}, dataDir);
    expect(second.outcome).to.equal('completed');
    expect(server.requestsTo('/organisations').map((request) => request.headers['if-none-match'])).to.deep.equal([undefined, '"orgs-1"']);
    expect((await store.statistics()).sources.apis).to.equal(8);
  });
});
