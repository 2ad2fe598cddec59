import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { FileHarvester } from '../../harvesters/files';
import { runHarvest } from '../../harvesters/runHarvest';
import { BASE_IRI, createStore, loadValidator, logger, values } from './helpers';

const CURATED = 'test/fixtures/harvest/curated';
const BRP = 'https://w3id.org/bouwblokken/id/bouwblok/brp';
const BAG = 'https://w3id.org/bouwblokken/id/bouwblok/bag';
const HAAL_CENTRAAL = 'https://w3id.org/bouwblokken/id/api/haal-centraal-brp';

const PREFIXES = `@prefix bb: <https://w3id.org/bouwblokken/def#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
`;

/** Writes `text` to a new temporary file named `name` and returns its path. */
async function temporaryFile(name: string, text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'bouwblokken-run-')), name);
  await writeFile(file, text);
  return file;
}

/** Returns a store with the curated fixture loaded as source `curated`. */
async function curatedStore() {
  const store = createStore();
  const report = await runHarvest(new FileHarvester('curated', [CURATED]), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
  expect(report.outcome).to.equal('completed');
  expect((await store.statistics()).sources.curated).to.equal(3);
  return store;
}

describe('runHarvest', () => {
  describe('an empty snapshot', () => {
    for (const [name, text] of [['an empty file', ''], ['a file with only comments', '# nothing here\n# at all\n']] as const) {
      it(`keeps the records for ${name}`, async () => {
        const store = await curatedStore();
        const file = await temporaryFile('empty.ttl', text);
        const report = await runHarvest(new FileHarvester('curated', [file]), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
        expect(report.outcome).to.equal('failed');
        expect(report.reason).to.contain('would remove all 3 records of source "curated"');
        expect(report.reason).to.contain('--allow-empty');
        expect(report.counts.removed).to.equal(0);
        expect((await store.statistics()).sources.curated).to.equal(3);
      });
    }

    it('removes the records with allowEmpty', async () => {
      const store = await curatedStore();
      const file = await temporaryFile('empty.ttl', '');
      const report = await runHarvest(new FileHarvester('curated', [file]), {
        store, validator: await loadValidator(), logger, baseIri: BASE_IRI, allowEmpty: true,
      });
      expect(report.outcome).to.equal('completed');
      expect(report.counts.removed).to.equal(3);
      expect((await store.statistics()).sources.curated ?? 0).to.equal(0);
    });

    it('completes for a source without records', async () => {
      const store = createStore();
      const file = await temporaryFile('empty.ttl', '');
      const report = await runHarvest(new FileHarvester('nieuw', [file]), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
      expect(report.outcome).to.equal('completed');
    });
  });

  describe('a rejected record', () => {
    // BRP loses its title, which the shapes require; BAG stays valid.
    const update = `${PREFIXES}
<${BRP}> a bb:BuildingBlock ; dct:identifier "brp" ;
  dct:publisher <https://identifier.overheid.nl/tooi/id/ministerie/mnre1034> ;
  bb:kind <https://w3id.org/bouwblokken/id/kind/basisregistratie> .
<${BAG}> a bb:BuildingBlock ; dct:identifier "bag" ;
  dct:title "Basisregistratie Adressen en Gebouwen, bijgewerkt"@nl, "Addresses and Buildings"@en ;
  dct:description "Alle adressen en gebouwen."@nl, "All addresses and buildings."@en ;
  dct:publisher <https://identifier.overheid.nl/tooi/id/zbo/zb000195> ;
  bb:kind <https://w3id.org/bouwblokken/id/kind/basisregistratie> ;
  dcat:landingPage <https://www.kadaster.nl/zakelijk/registraties/basisregistraties/bag> .
<https://example.org/id/bouwblok/nieuw> a bb:BuildingBlock ; dct:identifier "nieuw" .
`;

    it('keeps its previously published version', async () => {
      const store = await curatedStore();
      const file = await temporaryFile('update.ttl', update);
      const report = await runHarvest(new FileHarvester('curated', [file]), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });

      expect(report.outcome).to.equal('completed');
      expect(report.counts.keptPrevious).to.equal(1);
      expect(report.removed).to.deep.equal([HAAL_CENTRAAL]);
      const brp = report.rejected.find((record) => record.iri === BRP)!;
      expect(brp.keptPreviousVersion).to.equal(true);
      expect(brp.findings.map((finding) => finding.message.en)).to.include('Kept previous version because the new one was rejected.');
      expect(await values(store, `SELECT ?title WHERE { GRAPH ?g { <${BRP}> dct:title ?title } }`, 'title'))
        .to.deep.equal(['Basisregistratie Personen', 'Personal Records Database']);
      expect(await values(store, `SELECT ?title WHERE { GRAPH ?g { <${BAG}> dct:title ?title FILTER(lang(?title) = "nl") } }`, 'title'))
        .to.deep.equal(['Basisregistratie Adressen en Gebouwen, bijgewerkt']);
    });

    it('is not stored when it was never published', async () => {
      const store = await curatedStore();
      const file = await temporaryFile('update.ttl', update);
      const report = await runHarvest(new FileHarvester('curated', [file]), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
      const nieuw = report.rejected.find((record) => record.iri === 'https://example.org/id/bouwblok/nieuw')!;
      expect(nieuw.keptPreviousVersion).to.equal(undefined);
      expect(await values(store, 'SELECT ?g WHERE { GRAPH ?g { <https://example.org/id/bouwblok/nieuw> ?p ?o } }', 'g')).to.deep.equal([]);
      expect((await store.statistics()).sources.curated).to.equal(2);
    });
  });
});
