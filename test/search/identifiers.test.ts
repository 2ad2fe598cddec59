import { expect } from 'chai';
import { normaliseIdentifier } from '../../search/identifiers';

describe('normaliseIdentifier', () => {
  const sameKey: Array<[string, string]> = [
    ['http://api.example.nl/v1', 'https://api.example.nl/v1'],
    ['https://WWW.Example.NL/v1', 'https://example.nl/v1'],
    ['https://example.nl/v1/', 'https://example.nl/v1'],
    ['https://example.nl:443/v1', 'https://example.nl/v1'],
    ['http://example.nl:80/v1', 'https://example.nl/v1'],
    ['https://example.nl/v1#section', 'https://example.nl/v1'],
    ['https://github.com/BRP-API/repo.git', 'https://github.com/BRP-API/repo'],
    ['  https://example.nl/v1  ', 'https://example.nl/v1'],
  ];
  for (const [variant, canonical] of sameKey) {
    it(`gives ${JSON.stringify(variant)} the key of ${canonical}`, () => {
      expect(normaliseIdentifier(variant)).to.equal(normaliseIdentifier(canonical));
    });
  }

  it('keeps the case of the path and the query string', () => {
    expect(normaliseIdentifier('https://example.nl/Api/V1?x=A')).to.equal('https://example.nl/Api/V1?x=A');
  });

  it('keeps a port that is not the default', () => {
    expect(normaliseIdentifier('http://localhost:8080/api')).to.equal('https://localhost:8080/api');
  });

  it('folds case and whitespace of literal identifiers', () => {
    expect(normaliseIdentifier(' 0000 0001 8210 0219 3000 ')).to.equal('00000001821002193000');
    expect(normaliseIdentifier('BRP-Testpersonen')).to.equal('brp-testpersonen');
  });

  it('returns an empty key for a blank value', () => {
    expect(normaliseIdentifier('   ')).to.equal('');
  });

  it('treats a non-web URI as a literal', () => {
    expect(normaliseIdentifier('urn:uuid:ABC-1')).to.equal('urn:uuid:abc-1');
  });

  it('maps a bare TOOI code to its IRI', () => {
    const cases: Array<[string, string]> = [
      ['oorg10103', 'https://identifier.overheid.nl/tooi/id/oorg/oorg10103'],
      [' MNRE1034 ', 'https://identifier.overheid.nl/tooi/id/ministerie/mnre1034'],
      ['gm0363', 'https://identifier.overheid.nl/tooi/id/gemeente/gm0363'],
      ['zb000195', 'https://identifier.overheid.nl/tooi/id/zbo/zb000195'],
    ];
    for (const [code, iri] of cases) {
      expect(normaliseIdentifier(code), code).to.equal(normaliseIdentifier(iri));
      expect(normaliseIdentifier(code), code).to.equal(iri);
    }
    expect(normaliseIdentifier('abc123')).to.equal('abc123');
  });

  it('reads an OIN URN as the bare OIN', () => {
    expect(normaliseIdentifier('urn:nld:oin:00000001821002193000')).to.equal('00000001821002193000');
    expect(normaliseIdentifier('URN:NLD:OIN:00000001821002193000')).to.equal(normaliseIdentifier('00000001821002193000'));
    expect(normaliseIdentifier('urn:nld:oin:123')).to.equal('urn:nld:oin:123');
  });

  it('drops a trailing dot of the host', () => {
    expect(normaliseIdentifier('https://api.example.nl./v1/')).to.equal('https://api.example.nl/v1');
    expect(normaliseIdentifier('https://www.example.nl.:443/')).to.equal(normaliseIdentifier('https://example.nl'));
  });
});
