import { expect } from 'chai';
import { DataFactory } from 'n3';
import { dateLiteral, LOWER_CASE_DATETIME, repairQuads } from '../../harvesters/rdf';

const { literal, namedNode, quad } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

describe('harvest literals', () => {
  it('types dates and date-times by their form', () => {
    const cases: Array<[string, string | undefined, string | undefined]> = [
      ['2019-01-01', '2019-01-01', `${XSD}date`],
      ['2015-04-02T13:18:24.499884', '2015-04-02T13:18:24.499884', `${XSD}dateTime`],
      ['2012-11-01T00:00:00+01:00', '2012-11-01T00:00:00+01:00', `${XSD}dateTime`],
      ['2025-03-01 08:00', '2025-03-01T08:00:00', `${XSD}dateTime`],
      ['2025-03-01T08:00:00+0100', '2025-03-01T08:00:00+01:00', `${XSD}dateTime`],
      ['2025-02-30', undefined, undefined],
      ['vorige week', undefined, undefined],
    ];
    for (const [input, value, datatype] of cases) {
      const typed = dateLiteral(input);
      expect(typed?.value, input).to.equal(value);
      expect(typed?.datatype.value, input).to.equal(datatype);
    }
  });

  it('repairs the lower-case xsd:datetime datatype', () => {
    const subject = namedNode('https://example.org/d');
    const predicate = namedNode('http://purl.org/dc/terms/modified');
    const repaired = repairQuads([
      quad(subject, predicate, literal('2019-09-01T10:00:00', namedNode(LOWER_CASE_DATETIME))),
      quad(subject, predicate, literal('2019-09-01', namedNode(LOWER_CASE_DATETIME))),
      quad(subject, predicate, literal('geen datum', namedNode(LOWER_CASE_DATETIME))),
    ]);
    expect(repaired.map((item) => (item.object as ReturnType<typeof literal>).datatype.value)).to.deep.equal([`${XSD}dateTime`, `${XSD}date`, LOWER_CASE_DATETIME]);
  });
});
