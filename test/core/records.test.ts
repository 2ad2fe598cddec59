import { expect } from 'chai';
import { Parser } from 'n3';
import { splitIntoRecords } from '../../core/records';

const TURTLE = `
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
<http://example.org/api/1> a dcat:DataService ;
  dct:title "API"@nl ;
  dcat:contactPoint [ a vcard:Organization ; vcard:fn "Servicedesk" ; vcard:hasURL [ a vcard:Kind ] ] .
<http://example.org/dataset/1> a dcat:Dataset ; dct:title "Dataset"@nl .
<http://example.org/loose> dct:title "not a record" .
`;

describe('splitIntoRecords', () => {
  const quads = new Parser().parse(TURTLE);

  it('makes one record per typed resource', () => {
    const { records } = splitIntoRecords(quads);
    expect(records.map((record) => record.iri)).to.have.members(['http://example.org/api/1', 'http://example.org/dataset/1']);
  });

  it('includes the blank nodes a record reaches', () => {
    const { records } = splitIntoRecords(quads);
    const api = records.find((record) => record.iri === 'http://example.org/api/1');
    expect(api?.quads).to.have.length(7);
  });

  it('returns quads about other subjects as unassigned', () => {
    const { unassigned } = splitIntoRecords(quads);
    expect(unassigned.map((quad) => quad.subject.value)).to.deep.equal(['http://example.org/loose']);
  });

  it('passes the source URL to every record', () => {
    const { records } = splitIntoRecords(quads, undefined, 'file:///catalogue.ttl');
    expect(records.every((record) => record.sourceUrl === 'file:///catalogue.ttl')).to.equal(true);
  });
});
