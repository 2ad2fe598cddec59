import { expect } from 'chai';
import { negotiate, parseAccept, type Offer } from '../../server/conneg';

const OFFERS: Offer[] = [
  { name: 'turtle', mediaType: 'text/turtle' },
  { name: 'json-ld', mediaType: 'application/ld+json', aliases: ['application/json'] },
  { name: 'html', mediaType: 'text/html' },
];

describe('content negotiation', () => {
  const cases: Array<[string | undefined, string | undefined]> = [
    [undefined, 'turtle'],
    ['', 'turtle'],
    ['*/*', 'turtle'],
    ['text/html', 'html'],
    ['application/json', 'json-ld'],
    ['text/*', 'turtle'],
    ['text/html;q=0.5, application/ld+json', 'json-ld'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    ['image/png', undefined],
    ['text/turtle;q=0, */*', 'json-ld'],
    ['TEXT/HTML', 'html'],
    ['text/html;level=1;q=0.4, text/turtle;q=0.3', 'html'],
  ];
  for (const [accept, expected] of cases) {
    it(`picks ${expected ?? 'nothing'} for Accept "${accept ?? '(absent)'}"`, () => {
      expect(negotiate(accept, OFFERS)?.name).to.equal(expected);
    });
  }

  it('prefers a specific range over a wildcard with the same q-value', () => {
    expect(negotiate('*/*;q=0.9, application/ld+json;q=0.9', OFFERS)?.name).to.equal('json-ld');
  });

  it('ignores ranges with an invalid q-value', () => {
    expect(parseAccept('text/html;q=2, text/turtle;q=abc, application/ld+json')).to.deep.equal([
      { type: 'application', subtype: 'ld+json', q: 1, order: 2 },
    ]);
  });
});
