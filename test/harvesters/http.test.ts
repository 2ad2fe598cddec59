import { expect } from 'chai';
import { parseRetryAfter } from '../../harvesters/http';
import { nextLink } from '../../harvesters/paging';

describe('HTTP helpers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(parseRetryAfter('7', now)).to.equal(7_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).to.equal(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });

  it('finds the next link of a Link header', () => {
    const header = '</apis?page=1&perPage=2>; rel="first", </apis?page=3&perPage=2>; rel="next", </apis?page=9&perPage=2>; rel="last"';
    expect(nextLink(header, 'https://api.example.nl/api-register/v1/apis?page=2')).to.equal('https://api.example.nl/apis?page=3&perPage=2');
    expect(nextLink('<https://x.example/a?b=c>; rel="prev"', 'https://x.example/')).to.equal(undefined);
    expect(nextLink(undefined, 'https://x.example/')).to.equal(undefined);
  });
});
