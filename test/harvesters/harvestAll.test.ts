import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { loadConfig } from '../../core/config';
import { harvestAll } from '../../harvesters/harvestAll';
import { apiIriFromOasUrl } from '../../harvesters/developerOverheid/apiRegisterMapping';
import { ReplayServer, ckanPackageList, ckanPackageSearch, registerCollection } from './replay/ReplayServer';
import { BASE_IRI, createStore, loadValidator, logger, temporaryDataDir, TUNING, values } from './helpers';

const BRP_BLOCK = 'https://w3id.org/bouwblokken/id/bouwblok/brp';
const BAG_BLOCK = 'https://w3id.org/bouwblokken/id/bouwblok/bag';

describe('harvestAll', () => {
  let server: ReplayServer;
  let closedUrl: string;

  before(async () => {
    const closed = await ReplayServer.start();
    closedUrl = closed.baseUrl;
    await closed.close();
  });

  beforeEach(async () => {
    const fixtures = 'test/fixtures/harvest';
    const apis = JSON.parse(await readFile(`${fixtures}/api-register/apis.json`, 'utf8')) as Array<{ id: string }>;
    const packages = JSON.parse(await readFile(`${fixtures}/ckan/donl-packages.json`, 'utf8')) as Array<Record<string, unknown>>;
    const repositories = JSON.parse(await readFile(`${fixtures}/oss-register/repositories.json`, 'utf8')) as Array<{ id: string }>;
    server = await ReplayServer.start();
    server.route('/api-register/v1/apis', registerCollection(() => apis));
    for (const api of apis) server.route(`/api-register/v1/apis/${api.id}`, () => ({ body: api }));
    server.route('/api-register/v1/organisations', () => ({ body: [] }));
    server.route('/oss-register/v1/repositories', registerCollection(() => repositories));
    for (const repository of repositories) server.route(`/oss-register/v1/repositories/${repository.id}`, () => ({ body: repository }));
    server.route('/data/api/3/action/package_search', ckanPackageSearch(() => packages));
    server.route('/data/api/3/action/package_list', ckanPackageList(() => packages));
  });

  afterEach(async () => {
    await server.close();
  });

  async function runtimeFor(sources: Record<string, unknown>) {
    const dataDir = await temporaryDataDir();
    const file = path.join(dataDir, 'config.yaml');
    await writeFile(file, stringify({ baseIri: BASE_IRI, dataDir, curatedFiles: ['test/fixtures/harvest/curated'], sources }));
    return { config: loadConfig({ file, env: {} }), logger, store: createStore() };
  }

  function captureIo() {
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return { io: { stdin: new PassThrough(), stdout: new PassThrough(), stderr }, text: () => text };
  }

  it('goes on after a source that cannot be reached and says which', async () => {
    const runtime = await runtimeFor({
      apis: { kind: 'developer-overheid-api-register', baseUrl: `${server.baseUrl}/api-register/v1`, apiKey: 'k' },
      unreachable: { kind: 'developer-overheid-api-register', baseUrl: closedUrl, apiKey: 'k', maxRetries: 0 },
      future: { kind: 'dcat', baseUrl: 'https://example.org/catalog' },
      legacy: { kind: 'developer-overheid-legacy', directory: 'test/fixtures/harvest/legacy-register' },
    });
    const { io, text } = captureIo();
    const result = await harvestAll([], runtime, io, { tuning: TUNING, validator: await loadValidator() });

    expect(result.reports.map((report) => [report.source, report.outcome])).to.deep.equal([
      ['curated', 'completed'], ['apis', 'completed'], ['unreachable', 'failed'], ['future', 'failed'], ['legacy', 'completed'], ['links', 'completed'],
    ]);
    expect(result.allCompleted).to.equal(false);
    expect(result.reports[3]?.reason).to.match(/kind "dcat", which is not supported yet/);
    const lines = text().split('\n').filter(Boolean);
    expect(lines.filter((line) => /^\S+\s+(completed|failed|incomplete)\s+read \d+/.test(line))).to.have.length(6);
    expect(lines.at(-1)).to.equal('Niet volledig geoogst, vorige gegevens behouden / not completely harvested, previous records kept: unreachable, future');
    expect((await runtime.store.statistics()).sources.apis).to.equal(4);
  });

  it('links APIs, datasets and repositories to their building block', async () => {
    const runtime = await runtimeFor({
      apis: { kind: 'developer-overheid-api-register', baseUrl: `${server.baseUrl}/api-register/v1`, apiKey: 'k' },
      data: { kind: 'data-overheid-ckan', baseUrl: `${server.baseUrl}/data/api/3/action` },
      oss: { kind: 'developer-overheid-oss-register', baseUrl: `${server.baseUrl}/oss-register/v1`, apiKey: 'k' },
    });
    const result = await harvestAll([], runtime, captureIo().io, { tuning: TUNING, validator: await loadValidator() });
    expect(result.allCompleted).to.equal(true);

    const brpApi = apiIriFromOasUrl(BASE_IRI, 'https://raw.githubusercontent.com/BRP-API/Haal-Centraal-BRP-bevragen/master/specificatie/genereervariant/openapi.yaml');
    const bagApi = apiIriFromOasUrl(BASE_IRI, 'https://api.bag.kadaster.nl/esd/huidigebevragingen/v1/openapi.yaml');
    const repository = 'https://github.com/BRP-API/Haal-Centraal-BRP-bevragen';
    const { store } = runtime;
    expect(await values(store, `SELECT ?api WHERE { <${BRP_BLOCK}> bb:api ?api }`, 'api')).to.deep.equal([brpApi, 'https://w3id.org/bouwblokken/id/api/haal-centraal-brp'].sort());
    expect(await values(store, `SELECT ?r WHERE { <${BRP_BLOCK}> bb:codeRepository ?r }`, 'r')).to.deep.equal([repository]);
    expect(await values(store, `SELECT ?api WHERE { <${BAG_BLOCK}> bb:api ?api }`, 'api')).to.deep.equal([bagApi]);
    expect(await values(store, `SELECT ?d WHERE { <${BAG_BLOCK}> bb:dataset ?d }`, 'd')).to.deep.equal(['https://data.example.nl/id/dataset/bag']);
    expect(await values(store, `SELECT ?api WHERE { <${repository}> bb:implementsApi ?api }`, 'api')).to.deep.equal([brpApi]);
  });

  it('rejects an unknown source name before reading anything', async () => {
    const runtime = await runtimeFor({});
    try {
      await harvestAll(['nope'], runtime, captureIo().io, { validator: await loadValidator() });
      expect.fail('harvestAll should have thrown');
    } catch (error) {
      expect((error as Error).name).to.equal('BadInputError');
      expect((error as Error).message).to.equal('Unknown source "nope"; configured sources: (none)');
    }
    expect(server.requests).to.have.length(0);
  });
});
