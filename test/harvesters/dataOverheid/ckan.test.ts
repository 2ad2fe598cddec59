import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { CkanHarvester } from '../../../harvesters/dataOverheid/ckan';
import { runHarvest, type HarvestRunReport } from '../../../harvesters/runHarvest';
import type { SourceConfig } from '../../../core/config';
import type { InProcessStore } from '../../../store/InProcessStore';
import { ReplayServer, ckanPackageList, ckanPackageSearch } from '../replay/ReplayServer';
import { BASE_IRI, createStore, loadValidator, logger, select, sourceConfig, temporaryDataDir, TUNING, values } from '../helpers';

type Package = Record<string, unknown> & { name: string };
const BAG = 'https://data.example.nl/id/dataset/bag';
const CBS = `${BASE_IRI}id/dataset/kerncijfers-wijken-en-buurten`;
const DUO = `${BASE_IRI}id/dataset/leerlingen-basisonderwijs-naar-gemeente`;

async function readPackages(file: string): Promise<Package[]> {
  return JSON.parse(await readFile(`test/fixtures/harvest/ckan/${file}`, 'utf8')) as Package[];
}

describe('data.overheid.nl CKAN harvester', () => {
  let server: ReplayServer;
  let packages: Package[];

  beforeEach(async () => {
    packages = [...await readPackages('donl-packages.json'), ...await readPackages('legacy-2015-packages.json')];
    server = await ReplayServer.start();
    server.route('/package_search', ckanPackageSearch(() => packages));
    server.route('/package_list', ckanPackageList(() => packages));
  });

  afterEach(async () => {
    await server.close();
  });

  async function harvest(store: InProcessStore, overrides: Partial<SourceConfig> = {}, dataDir?: string): Promise<HarvestRunReport> {
    const config = sourceConfig('data-overheid-ckan', { baseUrl: server.baseUrl, pageSize: 2, ...overrides });
    return runHarvest(new CkanHarvester('data-overheid', config, TUNING), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI, dataDir });
  }

  it('pages with rows and start until start plus rows reaches count', async () => {
    const report = await harvest(createStore(), { pageSize: 2 });
    expect(report.outcome).to.equal('completed');
    const starts = server.requestsTo('/package_search').map((request) => [request.query.get('start'), request.query.get('rows')]);
    expect(starts).to.deep.equal([['0', '2'], ['2', '2']]);
    expect(report.counts.read).to.equal(4);
  });

  it('maps DCAT-AP-DONL fields to a DCAT-AP-NL dataset', async () => {
    const store = createStore();
    await harvest(store);
    const rows = await select(store, `SELECT * WHERE {
      <${BAG}> a dcat:Dataset ; dct:title ?title ; dct:description ?description ; dct:creator ?creator ; dct:publisher ?publisher ;
        dct:accessRights ?access ; dct:license ?licence ; dct:modified ?modified ; dct:issued ?issued ; dct:accrualPeriodicity ?frequency ;
        dcatap:applicableLegislation ?hvd ; dcat:landingPage ?landing ; dct:language ?language ;
        dcat:contactPoint [ vcard:fn ?contact ; vcard:hasEmail ?email ; vcard:hasURL ?website ] }`);
    expect(rows).to.have.length(1);
    const row = rows[0]!;
    expect(row.title).to.deep.include({ value: 'Basisregistratie Adressen en Gebouwen (BAG)', 'xml:lang': 'nl' });
    expect(row.description?.value).to.equal('Alle adressen en gebouwen in Nederland.');
    expect(row.creator?.value).to.equal('https://identifier.overheid.nl/tooi/id/zbo/zb000195');
    expect(row.publisher?.value).to.equal('https://identifier.overheid.nl/tooi/id/zbo/zb000195');
    expect(row.access?.value).to.equal('http://publications.europa.eu/resource/authority/access-right/PUBLIC');
    expect(row.licence?.value).to.equal('http://creativecommons.org/publicdomain/zero/1.0/deed.nl');
    expect(row.modified).to.deep.include({ value: '2025-02-28T23:00:00', datatype: 'http://www.w3.org/2001/XMLSchema#dateTime' });
    expect(row.issued).to.deep.include({ value: '2019-01-01', datatype: 'http://www.w3.org/2001/XMLSchema#date' });
    expect(row.frequency?.value).to.equal('http://publications.europa.eu/resource/authority/frequency/MONTHLY');
    expect(row.hvd?.value).to.equal('http://data.europa.eu/eli/reg_impl/2023/138/oj');
    expect(row.language?.value).to.equal('http://publications.europa.eu/resource/authority/language/NLD');
    expect(row.email?.value).to.equal('mailto:bag@kadaster.nl');
  });

  it('maps OWMS themes to EU data themes and keeps unknown ones', async () => {
    const store = createStore();
    await harvest(store);
    expect(await values(store, `SELECT ?theme WHERE { <${BAG}> dcat:theme ?theme }`, 'theme')).to.deep.equal([
      'http://publications.europa.eu/resource/authority/data-theme/REGI',
      'http://standaarden.overheid.nl/owms/terms/Onbekend_thema',
    ]);
    expect(await values(store, `SELECT ?subject WHERE { <${BAG}> dct:subject ?subject }`, 'subject')).to.deep.equal([
      'http://standaarden.overheid.nl/owms/terms/Huisvesting_(thema)',
    ]);
  });

  it('maps resources to distributions with media type, format and licence IRIs', async () => {
    const store = createStore();
    await harvest(store);
    const rows = await select(store, `SELECT * WHERE { <${BAG}> dcat:distribution ?d .
      ?d dcat:accessURL ?access ; dcat:downloadURL ?download ; dcat:mediaType ?media ; dct:format ?format ; dct:license ?licence ;
        dcat:byteSize ?size ; dct:modified ?modified ; dct:type ?type }`);
    expect(rows).to.have.length(1);
    expect(rows[0]?.media?.value).to.equal('https://www.iana.org/assignments/media-types/application/zip');
    expect(rows[0]?.format?.value).to.equal('http://publications.europa.eu/resource/authority/file-type/ZIP');
    expect(rows[0]?.size?.value).to.equal('3100000000');
    expect(rows[0]?.modified).to.deep.include({ value: '2025-03-01T08:00:00Z', datatype: 'http://www.w3.org/2001/XMLSchema#dateTime' });

    const cbs = await select(store, `SELECT ?media ?format ?licence WHERE { <${CBS}> dcat:distribution [ dcat:mediaType ?media ; dct:format ?format ; dct:license ?licence ] }`);
    expect(cbs[0]?.media?.value).to.equal('https://www.iana.org/assignments/media-types/application/json');
    expect(cbs[0]?.format?.value).to.equal('http://publications.europa.eu/resource/authority/file-type/JSON');
    expect(cbs[0]?.licence?.value).to.equal('http://creativecommons.org/licenses/by/4.0/deed.nl');
  });

  it('mints a dataset IRI from the name when the identifier is no IRI', async () => {
    const store = createStore();
    await harvest(store);
    expect(await values(store, `SELECT ?id WHERE { <${CBS}> dct:identifier ?id }`, 'id')).to.deep.equal(['83765NED']);
  });

  it('reads 2015 records with their older field names', async () => {
    const store = createStore();
    const report = await harvest(store);
    expect(report.rejected.map((record) => record.iri)).to.not.include(DUO);
    const rows = await select(store, `SELECT * WHERE { <${DUO}> dct:title ?title ; dct:creator ?creator ; dct:license ?licence ;
      dct:language ?language ; dct:accrualPeriodicity ?frequency ; dcat:landingPage ?landing ; dct:modified ?modified ;
      dcat:theme ?theme ; dct:accessRights ?access ; dct:temporal [ dcat:startDate ?start ] ; dcat:contactPoint [ vcard:hasEmail ?email ] }`);
    expect(rows).to.have.length(1);
    const row = rows[0]!;
    expect(row.creator?.value).to.equal('http://standaarden.overheid.nl/owms/terms/Dienst_Uitvoering_Onderwijs');
    expect(row.licence?.value).to.equal('http://creativecommons.org/licenses/by/3.0/deed.nl');
    expect(row.language?.value).to.equal('http://publications.europa.eu/resource/authority/language/NLD');
    expect(row.frequency?.value).to.equal('http://publications.europa.eu/resource/authority/frequency/ANNUAL');
    expect(row.landing?.value).to.equal('http://data.example.nl/onderwijs/leerlingen-po');
    expect(row.theme?.value).to.equal('http://publications.europa.eu/resource/authority/data-theme/EDUC');
    expect(row.access?.value).to.equal('http://publications.europa.eu/resource/authority/access-right/PUBLIC');
    expect(row.start).to.deep.include({ value: '2012-10-01T00:00:00+01:00', datatype: 'http://www.w3.org/2001/XMLSchema#dateTime' });
    expect(row.email?.value).to.equal('mailto:opendata@example.nl');
    expect(await values(store, `SELECT ?d WHERE { <${DUO}> dct:description ?d }`, 'd')).to.deep.equal(['Aantal leerlingen per gemeente.\nPeildatum 1 oktober.']);

    const sizes = await values(store, `SELECT ?size WHERE { <${DUO}> dcat:distribution [ dcat:byteSize ?size ] }`, 'size');
    expect(sizes).to.deep.equal([]);
    const media = await values(store, `SELECT ?media WHERE { <${DUO}> dcat:distribution [ dcat:mediaType ?media ] }`, 'media');
    expect(media).to.deep.equal(['https://www.iana.org/assignments/media-types/application/atom+xml', 'https://www.iana.org/assignments/media-types/text/csv']);
  });

  it('rejects a package without the required fields and says which', async () => {
    const report = await harvest(createStore());
    const rejected = report.rejected.find((record) => record.iri === `${BASE_IRI}id/dataset/zonder-beschrijving`);
    expect(rejected).to.not.equal(undefined);
    const paths = rejected!.findings.filter((finding) => finding.severity === 'violation').map((finding) => finding.path);
    expect(paths).to.include.members(['http://purl.org/dc/terms/description', 'http://purl.org/dc/terms/publisher']);
    const warnings = rejected!.findings.filter((finding) => finding.severity === 'warning').map((finding) => finding.value);
    expect(warnings).to.include.members(['onbekende-licentie', 'vorige week']);
  });

  it('asks only for changes in an incremental run and still removes deleted packages', async () => {
    const dataDir = await temporaryDataDir();
    const store = createStore();
    const first = await harvest(store, {}, dataDir);
    expect(server.requestsTo('/package_search').every((request) => request.query.get('fq') === null)).to.equal(true);

    // One package changes, one disappears.
    packages = packages
      .filter((pkg) => pkg.name !== 'leerlingen-basisonderwijs-naar-gemeente')
      .map((pkg) => (pkg.name === 'kerncijfers-wijken-en-buurten' ? { ...pkg, title: 'Kerncijfers wijken en buurten 2025', metadata_modified: new Date().toISOString().replace('Z', '') } : pkg));
    const second = await harvest(store, {}, dataDir);

    const incremental = server.requestsTo('/package_search').slice(-1)[0]!;
    expect(incremental.query.get('fq')).to.match(/^metadata_modified:\[\d{4}-\d{2}-\d{2}T[\d:.]+Z TO \*\]$/);
    expect(second.outcome).to.equal('completed');
    expect(second.note).to.match(/^incremental: 1 packages changed/);
    expect(second.counts.read).to.equal(1);
    expect(second.removed).to.deep.equal([DUO]);
    expect(second.counts.published).to.equal(first.counts.published - 1);
    expect(await values(store, `SELECT ?t WHERE { <${CBS}> dct:title ?t }`, 't')).to.deep.equal(['Kerncijfers wijken en buurten 2025']);
    expect(await values(store, `SELECT ?t WHERE { <${BAG}> dct:title ?t }`, 't')).to.deep.equal(['Basisregistratie Adressen en Gebouwen (BAG)']);
  });

  it('fails when CKAN answers without success', async () => {
    server.route('/package_search', () => ({ status: 200, body: { success: false, error: { message: 'Solr returned an error', __type: 'Search Query Error' } } }));
    const report = await harvest(createStore());
    expect(report.outcome).to.equal('failed');
    expect(report.reason).to.match(/without success: Solr returned an error/);
  });
});
