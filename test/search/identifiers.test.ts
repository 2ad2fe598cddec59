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
});
