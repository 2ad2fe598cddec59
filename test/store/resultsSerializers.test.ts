import { expect } from 'chai';
import { projectedVariables, serialiseBoolean, serialiseSolutions } from '../../store/resultsSerializers';

const SOLUTIONS = [
  { s: { type: 'uri', value: 'http://example.org/a' }, label: { type: 'literal', value: 'Basisregistratie, "BRP"', 'xml:lang': 'nl' } },
  { s: { type: 'bnode', value: 'b1' }, count: { type: 'literal', value: '3', datatype: 'http://www.w3.org/2001/XMLSchema#integer' } },
] as const;
const VARIABLES = ['s', 'label', 'count'];

describe('resultsSerializers', () => {
  it('writes SPARQL JSON with every projected variable', () => {
    const document = JSON.parse(serialiseSolutions('json', VARIABLES, SOLUTIONS));
    expect(document.head.vars).to.deep.equal(VARIABLES);
    expect(document.results.bindings[0].label).to.deep.equal({ type: 'literal', value: 'Basisregistratie, "BRP"', 'xml:lang': 'nl' });
  });

  it('writes CSV with quoting and empty cells', () => {
    expect(serialiseSolutions('csv', VARIABLES, SOLUTIONS)).to.equal(
      's,label,count\r\nhttp://example.org/a,"Basisregistratie, ""BRP""",\r\n_:b1,,3\r\n',
    );
  });

  it('writes TSV with terms in Turtle syntax', () => {
    expect(serialiseSolutions('tsv', VARIABLES, SOLUTIONS)).to.equal(
      '?s\t?label\t?count\n<http://example.org/a>\t"Basisregistratie, \\"BRP\\""@nl\t\n_:b1\t\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>\n',
    );
  });

  it('writes XML with escaped values', () => {
    const xml = serialiseSolutions('xml', VARIABLES, SOLUTIONS);
    expect(xml).to.contain('<variable name="count"/>');
    expect(xml).to.contain('<binding name="label"><literal xml:lang="nl">Basisregistratie, &#34;BRP&#34;</literal></binding>');
    expect(xml).to.contain('<binding name="s"><bnode>b1</bnode></binding>');
  });

  it('writes ASK results', () => {
    expect(JSON.parse(serialiseBoolean('json', true))).to.deep.equal({ head: {}, boolean: true });
    expect(serialiseBoolean('xml', false)).to.contain('<boolean>false</boolean>');
  });

  it('reads projected variables in order', () => {
    expect(projectedVariables('SELECT ?b ?a (COUNT(?x) AS ?n) WHERE { ?a ?b ?x } GROUP BY ?a ?b')).to.deep.equal(['b', 'a', 'n']);
    expect(projectedVariables('SELECT * WHERE { ?s ?p ?o }')).to.equal(undefined);
  });
});
