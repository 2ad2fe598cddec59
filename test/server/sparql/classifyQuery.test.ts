import { expect } from 'chai';
import { checkNestingDepth, classifyQuery, MAX_NESTING_DEPTH } from '../../../server/sparql/classifyQuery';
import { BadInputError } from '../../../core/errors';

const OPTIONS = { partners: [], maxResults: 100 };

function nested(levels: number): string {
  return `ASK { ${'{ '.repeat(levels)}?s ?p ?o${' }'.repeat(levels)} }`;
}

describe('classifyQuery nesting', () => {
  it('accepts nesting up to the limit', () => {
    expect(classifyQuery(nested(MAX_NESTING_DEPTH - 1), OPTIONS).form).to.equal('ASK');
  });

  it('rejects deeper nesting with its position', () => {
    const query = nested(5000);
    expect(() => classifyQuery(query, OPTIONS)).to.throw(BadInputError, `more than ${MAX_NESTING_DEPTH} levels deep at line 1, column ${2 * MAX_NESTING_DEPTH + 5}`);
  });

  it('counts brackets and parentheses too', () => {
    const expression = `${'('.repeat(200)}1${')'.repeat(200)}`;
    expect(() => checkNestingDepth(`SELECT * WHERE { BIND(${expression} AS ?x) }`)).to.throw(BadInputError);
  });

  it('ignores brackets in strings, IRIs and comments', () => {
    const brackets = '{'.repeat(300);
    const query = `SELECT * WHERE { ?s ?p "${brackets}" . ?s ?p '''${brackets}''' . ?s ?p <http://example.org/${'('.repeat(300)}> } # ${brackets}`;
    expect(() => checkNestingDepth(query)).not.to.throw();
  });
});
