import { expect } from 'chai';
import { LegacyRegisterHarvester } from '../../../harvesters/developerOverheid/legacyRegister';
import { apiIriFromOasUrl } from '../../../harvesters/developerOverheid/apiRegisterMapping';
import { runHarvest } from '../../../harvesters/runHarvest';
import { BASE_IRI, createStore, loadValidator, logger, select, sourceConfig, values } from '../helpers';

describe('2019-2021 register harvester', () => {
  it('reads one file per API and reports a broken file', async () => {
    const store = createStore();
    const harvester = new LegacyRegisterHarvester('legacy', sourceConfig('developer-overheid-legacy', { directory: 'test/fixtures/harvest/legacy-register' }));
    const report = await runHarvest(harvester, { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
    expect(report.outcome).to.equal('completed');
    expect(report.counts.read).to.equal(3);
    expect(report.failures.map((failure) => failure.itemId)).to.deep.equal(['afgebroken']);

    // The BAG API gets the same IRI as in the current register, from its OpenAPI URL.
    const bag = apiIriFromOasUrl(BASE_IRI, 'https://api.bag.kadaster.nl/esd/huidigebevragingen/v1/openapi.yaml');
    const rows = await select(store, `SELECT * WHERE { <${bag}> dct:title ?title ; dct:publisher ?publisher ; bb:authentication ?auth ;
      dct:accessRights ?access ; dcat:endpointURL ?endpoint ; dcat:contactPoint [ vcard:hasTelephone ?phone ] }`);
    expect(rows).to.have.length(1);
    expect(rows[0]?.publisher?.value).to.equal('https://identifier.overheid.nl/tooi/id/zbo/zb000195');
    expect(rows[0]?.auth?.value).to.equal('apiKey');
    expect(rows[0]?.access?.value).to.equal('http://publications.europa.eu/resource/authority/access-right/RESTRICTED');
    expect(rows[0]?.endpoint?.value).to.equal('https://api.bag.kadaster.nl/lvbag/individuelebevragingen/v2/');
    expect(rows[0]?.phone?.value).to.equal('tel:0881833400');
    expect(await values(store, `SELECT ?kind WHERE { <${bag}> bb:environment [ bb:environmentKind ?kind ] }`, 'kind')).to.deep.equal([
      'https://w3id.org/bouwblokken/id/environment/acceptatie', 'https://w3id.org/bouwblokken/id/environment/productie',
    ]);
  });

  it('identifies an organisation without TOOI mapping by its OIN', async () => {
    const store = createStore();
    const harvester = new LegacyRegisterHarvester('legacy', sourceConfig('developer-overheid-legacy', { directory: 'test/fixtures/harvest/legacy-register' }));
    await runHarvest(harvester, { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
    const organisation = `${BASE_IRI}id/organisation/oin-00000001817301409000`;
    const rows = await select(store, `SELECT ?name ?oin WHERE { <${organisation}> foaf:name ?name ; adms:identifier [ skos:notation ?oin ; dct:type "OIN" ] }`);
    expect(rows[0]?.name?.value).to.equal('Gemeenschappelijke Regeling Drechtsteden');
    expect(rows[0]?.oin?.value).to.equal('00000001817301409000');
    expect(await values(store, `SELECT ?api WHERE { ?api dct:publisher <${organisation}> }`, 'api')).to.deep.equal([`${BASE_IRI}id/api/legacy-drechtsteden-afvalkalender`]);
  });
});
