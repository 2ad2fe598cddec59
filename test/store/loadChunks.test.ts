import { expect } from 'chai';
import oxigraph from 'oxigraph';
import { blankNodeLabels, splitIntoLoadChunks } from '../../store/loadChunks';

describe('loadChunks', () => {
  it('finds blank node labels outside IRIs and literals', () => {
    expect(blankNodeLabels('_:a <http://ex/p> "text with _:x inside" _:g .')).to.deep.equal(['_:a', '_:g']);
    expect(blankNodeLabels('<http://ex/_:s> <http://ex/p> _:b.')).to.deep.equal(['_:b']);
    expect(blankNodeLabels('<http://ex/s> <http://ex/p> "quote \\" _:y" .')).to.deep.equal([]);
  });

  it('keeps lines that share a blank node in one chunk', () => {
    const lines = [
      '<http://ex/r1> <http://ex/contact> _:c1 <http://ex/g1> .',
      '<http://ex/r2> <http://ex/p> "plain" <http://ex/g2> .',
      '<http://ex/r3> <http://ex/p> "plain" <http://ex/g3> .',
      '_:c1 <http://ex/name> _:n1 <http://ex/g1> .',
      '<http://ex/r4> <http://ex/p> "plain" <http://ex/g4> .',
      '_:n1 <http://ex/value> "name" <http://ex/g1> .',
    ];
    const chunks = splitIntoLoadChunks(`${lines.join('\n')}\n`, 2);
    const chunkOf = (label: string) => chunks.findIndex((chunk) => chunk.includes(label));
    expect(chunks.filter((chunk) => chunk.includes('_:c1') || chunk.includes('_:n1'))).to.have.length(1);
    expect(chunks[chunkOf('_:c1')]!.split('\n').filter(Boolean)).to.have.length(3);
    expect(chunks.flatMap((chunk) => chunk.split('\n').filter(Boolean))).to.have.members(lines);
  });

  it('loads chunk by chunk into the same dataset as one load', () => {
    const lines: string[] = [];
    for (let index = 0; index < 300; index++) {
      lines.push(`<http://ex/r${index}> <http://ex/contact> _:c${index} <http://ex/g> .`);
      lines.push(`<http://ex/r${index}> <http://ex/title> "record ${index}" <http://ex/g> .`);
      lines.push(`_:c${index} <http://ex/name> "contact ${index}" <http://ex/g> .`);
    }
    const whole = new oxigraph.Store();
    whole.load(lines.join('\n'), { format: 'application/n-quads' });
    const chunked = new oxigraph.Store();
    const chunks = splitIntoLoadChunks(lines.join('\n'), 50);
    for (const chunk of chunks) chunked.load(chunk, { format: 'application/n-quads' });
    expect(chunks.length).to.be.greaterThan(5);

    const pairs = 'SELECT ?r ?name WHERE { GRAPH ?g { ?r <http://ex/contact> ?c . ?c <http://ex/name> ?name } } ORDER BY ?r';
    const rows = (store: oxigraph.Store) => (store.query(pairs) as Map<string, oxigraph.Term>[]).map((row) => `${row.get('r')!.value} ${row.get('name')!.value}`);
    expect(rows(chunked)).to.have.length(300);
    expect(rows(chunked)).to.deep.equal(rows(whole));
    expect(chunked.size).to.equal(whole.size);
  });
});
