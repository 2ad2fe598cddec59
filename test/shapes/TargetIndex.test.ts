import { expect } from 'chai';
import { Parser, Store } from 'n3';
import { RecordValidator } from '../../shapes/validator';
import { DCT } from '../../vocab/namespaces';

const PREFIXES = `
  @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
  @prefix ex: <https://example.org/> .`;

function parse(turtle: string): Store {
  return new Store(new Parser().parse(PREFIXES + turtle));
}

describe('TargetIndex', () => {
  let validator: RecordValidator;

  before(async () => {
    validator = await RecordValidator.load();
  });

  it('checks an instance of a subclass that the record declares', () => {
    const record = parse(`
      ex:OpenDataset rdfs:subClassOf dcat:Dataset .
      ex:d1 a ex:OpenDataset ; dct:title "Dataset"@nl .`);
    const report = validator.validate(record.getQuads(null, null, null, null));
    const missingPublisher = report.results.find((result) => result.path === DCT.publisher.value);
    expect(report.conforms).to.equal(false);
    expect(missingPublisher?.focusNode).to.equal('https://example.org/d1');
  });

  it('checks the objects of a targeted predicate without a type', () => {
    const report = validator.validate(parse(`
      ex:d1 a dcat:Dataset ; dct:title "Dataset"@nl ; dcat:contactPoint [ vcard:hasURL <https://example.org/contact> ] .`)
      .getQuads(null, null, null, null));
    const contactFindings = report.results.filter((result) => result.path?.startsWith('http://www.w3.org/ns/dcat#contactPoint / '));
    expect(contactFindings.map((result) => result.focusNode)).to.include('https://example.org/d1');
  });

  it('finds nothing in a record without targets', () => {
    const report = validator.validate(parse('ex:thing a ex:Unknown ; dct:title "Ding"@nl .').getQuads(null, null, null, null));
    expect(report).to.deep.equal({ conforms: true, results: [] });
  });
});
