import { expect } from 'chai';
import { ForbiddenError } from '../../core/errors';
import { prepareQuery } from '../../store/queryLimit';

describe('prepareQuery', () => {
  it('appends a LIMIT of one more than allowed to a SELECT without one', () => {
    expect(prepareQuery('SELECT * WHERE { ?s ?p ?o } # all', 10)).to.equal('SELECT * WHERE { ?s ?p ?o } # all\nLIMIT 11');
  });

  it('lowers a larger LIMIT', () => {
    expect(prepareQuery('SELECT * WHERE { ?s ?p ?o } LIMIT 500', 10)).to.match(/LIMIT 11$/);
  });

  it('keeps a smaller LIMIT and OFFSET as written', () => {
    const query = 'SELECT * WHERE { ?s ?p ?o } OFFSET 20 LIMIT 5';
    expect(prepareQuery(query, 10)).to.equal(query);
  });

  it('places the LIMIT before a trailing VALUES block', () => {
    const prepared = prepareQuery('SELECT * WHERE { ?s ?p ?o } VALUES ?s { <http://ex/a> }', 10);
    expect(prepared.indexOf('LIMIT 11')).to.be.lessThan(prepared.indexOf('VALUES'));
  });

  it('leaves CONSTRUCT, ASK and unparsable queries unchanged', () => {
    for (const query of ['CONSTRUCT WHERE { ?s ?p ?o }', 'ASK { ?s ?p ?o }', 'SELECT * WHERE {']) expect(prepareQuery(query, 10)).to.equal(query);
  });

  it('rejects an update', () => {
    expect(() => prepareQuery('INSERT DATA { <http://ex/s> <http://ex/p> <http://ex/o> }', 10)).to.throw(ForbiddenError, /updates are not accepted/);
  });
});
