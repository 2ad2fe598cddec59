import { expect } from 'chai';
import { normaliseOrganisationUrl, organisationIri } from '../../harvesters/organisations';

describe('organisation identifiers', () => {
  it('normalises URL-like organisation URIs', () => {
    expect(normaliseOrganisationUrl('https://www.vng.nl')).to.equal('https://vng.nl/');
    expect(normaliseOrganisationUrl('https://vng.nl/')).to.equal('https://vng.nl/');
    expect(normaliseOrganisationUrl('http://WWW.VNG.nl/')).to.equal('https://vng.nl/');
    expect(normaliseOrganisationUrl('https://developer.omgevingswet.overheid.nl/?x=1#top')).to.equal('https://developer.omgevingswet.overheid.nl/');
    expect(normaliseOrganisationUrl('https://example.nl/afdeling/')).to.equal('https://example.nl/afdeling');
    expect(normaliseOrganisationUrl('VNG')).to.equal(undefined);
  });

  it('maps known websites, OINs and OWMS terms to TOOI', () => {
    expect(organisationIri('https://www.kadaster.nl')).to.equal('https://identifier.overheid.nl/tooi/id/zbo/zb000195');
    expect(organisationIri('00000001802327497000')).to.equal('https://identifier.overheid.nl/tooi/id/zbo/zb000195');
    expect(organisationIri('http://standaarden.overheid.nl/owms/terms/Centraal_Bureau_voor_de_Statistiek')).to.equal('https://identifier.overheid.nl/tooi/id/zbo/zb000193');
  });

  it('keeps TOOI IRIs and unmapped OWMS terms', () => {
    expect(organisationIri('http://identifier.overheid.nl/tooi/id/gemeente/gm0363/')).to.equal('https://identifier.overheid.nl/tooi/id/gemeente/gm0363');
    expect(organisationIri('http://standaarden.overheid.nl/owms/terms/Rijkswaterstaat')).to.equal('http://standaarden.overheid.nl/owms/terms/Rijkswaterstaat');
    expect(organisationIri('99999999999999999999')).to.equal(undefined);
    expect(organisationIri('')).to.equal(undefined);
  });
});
