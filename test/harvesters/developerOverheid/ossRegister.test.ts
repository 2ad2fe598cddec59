import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { OssRegisterHarvester } from '../../../harvesters/developerOverheid/ossRegister';
import { runHarvest } from '../../../harvesters/runHarvest';
import { ReplayServer, registerCollection } from '../replay/ReplayServer';
import { BASE_IRI, createStore, loadValidator, logger, select, sourceConfig, TUNING } from '../helpers';

describe('OSS register harvester', () => {
  let server: ReplayServer;

  beforeEach(async () => {
    const repositories = JSON.parse(await readFile('test/fixtures/harvest/oss-register/repositories.json', 'utf8')) as Array<{ id: string; publicCode?: unknown }>;
    server = await ReplayServer.start();
    server.route('/repositories', registerCollection(() => repositories, { summary: ({ publicCode: _publicCode, ...summary }) => summary }));
    for (const repository of repositories) server.route(`/repositories/${repository.id}`, () => ({ body: repository }));
  });

  afterEach(async () => {
    await server.close();
  });

  it('maps repositories with their publiccode.yml to software source code records', async () => {
    const store = createStore();
    const config = sourceConfig('developer-overheid-oss-register', { baseUrl: server.baseUrl, apiKey: 'test-key' });
    const report = await runHarvest(new OssRegisterHarvester('oss', config, TUNING), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
    expect(report.outcome).to.equal('completed');
    expect(report.counts.published).to.equal(2);

    const brp = 'https://github.com/BRP-API/Haal-Centraal-BRP-bevragen';
    const rows = await select(store, `SELECT * WHERE { <${brp}> a schema:SoftwareSourceCode ; schema:name ?name ; schema:codeRepository ?repository ;
      schema:license ?licence ; adms:status ?status ; dct:publisher ?publisher ; schema:description ?description ; schema:url ?landing }`);
    expect(rows).to.have.length(1);
    expect(rows[0]?.name?.value).to.equal('Haal Centraal BRP bevragen');
    expect(rows[0]?.licence?.value).to.equal('https://spdx.org/licenses/EUPL-1.2');
    expect(rows[0]?.status?.value).to.equal('http://purl.org/adms/status/Completed');
    expect(rows[0]?.publisher?.value).to.equal('https://identifier.overheid.nl/tooi/id/ministerie/mnre1034');
    expect(rows[0]?.description).to.deep.include({ value: 'API om personen in de BRP te bevragen', 'xml:lang': 'nl' });

    const archived = await select(store, 'SELECT ?status ?publisher WHERE { <https://gitlab.com/example-gemeente/archief-tool> adms:status ?status ; dct:publisher ?publisher }');
    expect(archived[0]?.status?.value).to.equal('http://purl.org/adms/status/Withdrawn');
    expect(archived[0]?.publisher?.value).to.equal('https://example-gemeente.nl/');
  });
});
