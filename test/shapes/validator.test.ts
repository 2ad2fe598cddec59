import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser, Store } from 'n3';
import { RecordValidator, formatReport, type ValidationResult } from '../../shapes/validator';
import { BB, DCAT, DCT, PROV, RDF, SCHEMA, SH, SKOS, FOAF } from '../../vocab/namespaces';
import { parseJsonLd } from '../../vocab/jsonld';

const FIXTURES = new URL('../fixtures/shapes/', import.meta.url);

function readTurtle(relativePath: string): Quad[] {
  return new Parser().parse(readFileSync(new URL(relativePath, FIXTURES), 'utf8'));
}

function findResult(results: readonly ValidationResult[], path: string, constraintName: string): ValidationResult | undefined {
  return results.find((result) => result.path === path && result.constraint === SH.namespace + constraintName);
}

describe('RecordValidator', () => {
  let validator: RecordValidator;

  before(async () => {
    validator = await RecordValidator.load();
  });

  describe('valid records', () => {
    const files = readdirSync(new URL('valid/', FIXTURES)).filter((name) => name.endsWith('.ttl')).sort();
    const recordClasses = [
      BB.BuildingBlock, DCAT.DataService, DCAT.Dataset, DCAT.Distribution, SCHEMA.SoftwareSourceCode,
      FOAF.Organization, SCHEMA.Review,
    ].map((term) => term.value);

    it('cover every record kind', () => {
      const typed = new Set(files.flatMap((name) => readTurtle(`valid/${name}`))
        .filter((quad) => quad.predicate.equals(RDF.type)).map((quad) => quad.object.value));
      for (const recordClass of recordClasses) expect(typed, recordClass).to.include(recordClass);
    });

    for (const name of files) {
      it(`${name} conforms`, () => {
        const report = validator.validate(readTurtle(`valid/${name}`));
        const violations = report.results.filter((result) => result.severity === 'violation');
        expect(violations, formatReport(report, 'en')).to.deep.equal([]);
        expect(report.conforms).to.equal(true);
      });
    }

    it('complete curated examples have no findings at all', () => {
      for (const name of ['building-block.ttl', 'data-service.ttl', 'dataset.ttl', 'distribution.ttl', 'review.ttl',
        'organisation.ttl', 'software-source-code.ttl']) {
        const report = validator.validate(readTurtle(`valid/${name}`));
        expect(report.results, `${name}\n${formatReport(report, 'en')}`).to.deep.equal([]);
      }
    });

    it('a building block in JSON-LD conforms', async () => {
      const text = readFileSync(new URL('valid/building-block.jsonld', FIXTURES), 'utf8');
      const report = validator.validate(await parseJsonLd(text, 'https://example.org/'));
      expect(report.results, formatReport(report, 'en')).to.deep.equal([]);
    });
  });

  describe('invalid building block', () => {
    const focusNode = 'https://w3id.org/bouwblokken/id/bouwblok/eherkenning';
    let results: ValidationResult[];
    let conforms: boolean;

    before(() => {
      ({ results, conforms } = validator.validate(readTurtle('invalid/building-block.ttl')));
    });

    it('does not conform', () => {
      expect(conforms).to.equal(false);
    });

    it('names focus node, path and message for a missing title', () => {
      const missingTitle = findResult(results, DCT.title.value, 'MinCountConstraintComponent');
      expect(missingTitle).to.deep.include({
        focusNode,
        path: DCT.title.value,
        severity: 'violation',
        message: {
          nl: 'Titel (dct:title) ontbreekt. Geef het bouwblok een naam.',
          en: 'Title (dct:title) is missing. Give the building block a name.',
        },
        sourceShape: 'https://w3id.org/bouwblokken/shapes#BuildingBlock-title-min',
      });
    });

    it('reports the offending value of an unknown kind', () => {
      const unknownKind = findResult(results, BB.kind.value, 'InConstraintComponent');
      expect(unknownKind?.severity).to.equal('violation');
      expect(unknownKind?.value).to.equal('https://w3id.org/bouwblokken/id/kind/inlogmiddel');
    });

    it('reports a literal value in quotes', () => {
      const textPublisher = findResult(results, DCT.publisher.value, 'NodeKindConstraintComponent');
      expect(textPublisher?.value).to.equal('"Logius"');
    });

    it('reports nested findings on the record with a path chain', () => {
      const missingAgent = findResult(results, `${PROV.qualifiedAttribution.value} / ${PROV.agent.value}`, 'MinCountConstraintComponent');
      expect(missingAgent?.focusNode).to.equal(focusNode);
      expect(missingAgent?.severity).to.equal('violation');
      const unknownRole = findResult(results, `${PROV.qualifiedAttribution.value} / ${DCAT.hadRole.value}`, 'InConstraintComponent');
      expect(unknownRole?.value).to.equal('https://w3id.org/bouwblokken/id/role/bouwer');
    });

    it('reports a missing English description as a warning', () => {
      const result = results.find((candidate) => candidate.sourceShape?.endsWith('#BuildingBlock-description-en'));
      expect(result?.severity).to.equal('warning');
      expect(result?.path).to.equal(DCT.description.value);
    });

    it('reports missing keywords as information', () => {
      const result = findResult(results, DCAT.keyword.value, 'MinCountConstraintComponent');
      expect(result?.severity).to.equal('info');
    });

    it('orders violations before warnings and information', () => {
      const order = results.map((result) => result.severity);
      const firstWarning = order.indexOf('warning');
      expect(order.lastIndexOf('violation')).to.be.lessThan(firstWarning);
      expect(order.lastIndexOf('warning')).to.be.lessThan(order.indexOf('info'));
    });
  });

  describe('severities', () => {
    it('a missing OpenAPI document is a warning and the API conforms', () => {
      const report = validator.validate(readTurtle('valid/data-service-no-openapi.ttl'));
      const result = findResult(report.results, DCAT.endpointDescription.value, 'MinCountConstraintComponent');
      expect(result?.severity).to.equal('warning');
      expect(report.conforms).to.equal(true);
    });

    it('a missing publisher is a violation', () => {
      const report = validator.validate(readTurtle('invalid/dataset-no-publisher.ttl'));
      const result = findResult(report.results, DCT.publisher.value, 'MinCountConstraintComponent');
      expect(result?.severity).to.equal('violation');
      expect(result?.message.en).to.equal('Publisher (dct:publisher) is missing. Give the organisation that makes the dataset available.');
      expect(report.conforms).to.equal(false);
    });

    it('a harvested API without licence conforms with warnings', () => {
      const report = validator.validate(readTurtle('valid/harvested-api.ttl'));
      const warnings = report.results.filter((result) => result.severity === 'warning').map((result) => result.path);
      expect(warnings).to.include.members([DCT.license.value, DCAT.theme.value, DCT.accessRights.value, DCAT.endpointDescription.value]);
      expect(report.conforms).to.equal(true);
    });

    const apiWith = (extra: string) => new Parser().parse(`
      @prefix bb: <https://w3id.org/bouwblokken/def#> . @prefix dcat: <http://www.w3.org/ns/dcat#> .
      @prefix dct: <http://purl.org/dc/terms/> .
      <https://example.org/api/1> a dcat:DataService ; dct:title "API"@nl ; dct:description "Een API."@nl ;
        dct:publisher <https://identifier.overheid.nl/tooi/id/oorg/oorg10117> ${extra} .`);

    it('an API with only a sandbox address conforms with a warning', () => {
      const report = validator.validate(apiWith(`; bb:environment [ a bb:Environment ;
        bb:environmentKind <https://w3id.org/bouwblokken/id/environment/sandbox> ; dcat:endpointURL <https://sandbox.example.org/> ]`));
      expect(report.conforms, formatReport(report, 'en')).to.equal(true);
      expect(findResult(report.results, DCAT.endpointURL.value, 'MinCountConstraintComponent')?.severity).to.equal('warning');
    });

    it('an API without any address is a violation', () => {
      const report = validator.validate(apiWith(''));
      const result = report.results.find((candidate) => candidate.sourceShape?.endsWith('#DataServiceAddressShape'));
      expect(result).to.deep.include({ focusNode: 'https://example.org/api/1', severity: 'violation' });
      expect(result?.path).to.equal(undefined);
      expect(report.conforms).to.equal(false);
    });

    it('an environment without kind is a warning on the API', () => {
      const report = validator.validate(apiWith('; bb:environment [ a bb:Environment ; dcat:endpointURL <https://api.example.org/> ]'));
      const result = findResult(report.results, `${BB.environment.value} / ${BB.environmentKind.value}`, 'MinCountConstraintComponent');
      expect(result).to.deep.include({ focusNode: 'https://example.org/api/1', severity: 'warning' });
      expect(report.conforms).to.equal(true);
    });

    it('an OIN of 19 digits is a violation on the organisation', () => {
      const report = validator.validate(readTurtle('invalid/organisation-bad-oin.ttl'));
      expect(report.results).to.have.length(1);
      expect(report.results[0]).to.deep.include({
        focusNode: 'https://identifier.overheid.nl/tooi/id/oorg/oorg10117',
        path: 'http://www.w3.org/ns/adms#identifier',
        severity: 'violation',
      });
      expect(report.results[0]?.value).to.equal(undefined);
    });
  });

  describe('web addresses', () => {
    const service = 'https://example.org/id/api/adres';

    function webAddressFindings(objects: string): ValidationResult[] {
      const text = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
        @prefix schema: <https://schema.org/> . @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
        <${service}> a dcat:DataService ; ${objects} .`;
      return validator.validate(new Parser().parse(text))
        .results.filter((result) => result.sourceShape?.startsWith('https://w3id.org/bouwblokken/shapes#WebAddress-'));
    }

    it('reject javascript: and data: IRIs as violations', () => {
      const findings = webAddressFindings('dcat:landingPage <javascript:alert(1)> ; dcat:endpointURL <data:text/html,x> ; foaf:page <file:///etc/passwd>');
      expect(findings.map((finding) => [finding.path, finding.value, finding.severity])).to.have.deep.members([
        [DCAT.landingPage.value, 'javascript:alert(1)', 'violation'],
        [DCAT.endpointURL.value, 'data:text/html,x', 'violation'],
        [FOAF.page.value, 'file:///etc/passwd', 'violation'],
      ]);
      expect(findings[0]!.message.nl).to.contain('geen http- of https-adres');
      expect(findings[0]!.message.en).to.contain('not an http or https address');
    });

    it('accept http and https IRIs in any case', () => {
      expect(webAddressFindings(`dcat:landingPage <https://example.org/> ; dcat:endpointURL <HTTP://example.org/api> ;
        dcat:endpointDescription <https://example.org/openapi.json> ; dcat:accessURL <https://example.org/a> ;
        dcat:downloadURL <https://example.org/d> ; foaf:page <http://example.org/doc> ;
        dcat:contactPoint [ vcard:hasURL <https://example.org/contact> ]`)).to.deep.equal([]);
    });

    it('check every URL-valued property', () => {
      const properties = ['dcat:endpointURL', 'dcat:endpointDescription', 'dcat:landingPage', 'foaf:page', 'dcat:accessURL',
        'dcat:downloadURL', 'vcard:hasURL', 'schema:codeRepository'];
      for (const property of properties) {
        expect(webAddressFindings(`${property} <ftp://example.org/x>`), property).to.have.length(1);
      }
    });

    it('warn for a literal contact page', () => {
      const text = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
        <${service}> a dcat:DataService ; dcat:contactPoint [ a vcard:Organization ; vcard:hasURL "https://example.org/contact" ] .`;
      const findings = validator.validate(new Parser().parse(text)).results
        .filter((result) => result.sourceShape === 'https://w3id.org/bouwblokken/shapes#ContactPoint-url-iri');
      expect(findings.map((finding) => finding.severity)).to.deep.equal(['warning']);
      expect(findings[0]!.message.en).to.contain('DCAT-AP-NL allows that, but the building-block profile expects an IRI');
      expect(findings[0]!.message.nl).to.contain('bouwblokprofiel');
    });

    it('leave a literal value to the property\'s own rule', () => {
      expect(webAddressFindings('dcat:landingPage "javascript:alert(1)"')).to.deep.equal([]);
    });
  });

  describe('validate', () => {
    it('ignores the graph of the quads', () => {
      const graph = DataFactory.namedNode('https://example.org/graph/1');
      const quads = readTurtle('invalid/dataset-no-publisher.ttl')
        .map(({ subject, predicate, object }) => DataFactory.quad(subject, predicate, object, graph));
      expect(validator.validate(quads).conforms).to.equal(false);
    });

    it('gives the same report for the same record twice', () => {
      const quads = readTurtle('invalid/building-block.ttl');
      expect(validator.validate(quads)).to.deep.equal(validator.validate(quads));
    });

    it('conforms for quads without a record class', () => {
      const quads = new Parser().parse('<https://example.org/a> <http://purl.org/dc/terms/title> "A" .');
      expect(validator.validate(quads)).to.deep.equal({ conforms: true, results: [] });
    });

    it('lists the target classes of the shapes', () => {
      expect(validator.targetClasses).to.include.members([BB.BuildingBlock.value, DCAT.DataService.value, SCHEMA.Review.value]);
    });
  });

  describe('formatReport', () => {
    it('writes a Dutch report per focus node', () => {
      const text = formatReport(validator.validate(readTurtle('invalid/dataset-no-publisher.ttl')), 'nl');
      const lines = text.split('\n');
      expect(lines[0]).to.equal('Voldoet niet (2 overtredingen, 0 waarschuwingen, 2 meldingen)');
      expect(lines).to.include('<https://w3id.org/bouwblokken/id/dataset/zonder-uitgever>');
      expect(lines).to.include('  OVERTREDING dct:publisher: Uitgever (dct:publisher) ontbreekt. Geef de organisatie die de dataset beschikbaar stelt.');
    });

    it('writes an English report with compact nested paths and values', () => {
      const text = formatReport(validator.validate(readTurtle('invalid/building-block.ttl')), 'en');
      expect(text).to.match(/^Does not conform \(6 violations, 5 warnings, 2 info\)\n/);
      expect(text).to.include('  VIOLATION prov:qualifiedAttribution/dcat:hadRole: Role (dcat:hadRole) is unknown.');
      expect(text).to.include('    value: <https://w3id.org/bouwblokken/id/role/bouwer>');
      expect(text).to.include('    value: "Logius"');
    });

    it('uses the singular for one finding', () => {
      const result = (severity: ValidationResult['severity']): ValidationResult => ({
        focusNode: 'https://example.org/a', severity, message: { nl: 'Bericht.', en: 'Message.' },
      });
      const report = { conforms: false, results: [result('violation'), result('warning'), result('info')] };
      expect(formatReport(report, 'nl').split('\n')[0]).to.equal('Voldoet niet (1 overtreding, 1 waarschuwing, 1 melding)');
      expect(formatReport(report, 'en').split('\n')[0]).to.equal('Does not conform (1 violation, 1 warning, 1 info)');
    });

    it('writes one line for a conforming record', () => {
      expect(formatReport({ conforms: true, results: [] }, 'en')).to.equal('Conforms (0 violations, 0 warnings, 0 info)\n');
    });
  });
});

describe('shape files', () => {
  const shapes = new Store();
  const directory = new URL('../../shapes/', import.meta.url);
  for (const name of readdirSync(directory).filter((file) => file.endsWith('.ttl'))) {
    shapes.addQuads(new Parser().parse(readFileSync(new URL(name, directory), 'utf8')));
  }
  const concepts = new Store(new Parser().parse(readFileSync(new URL('../../vocab/concepts.ttl', import.meta.url), 'utf8')));

  it('give every constraint a message in Dutch and English', () => {
    const shapeNodes = [
      ...shapes.getSubjects(RDF.type, SH.PropertyShape, null),
      ...shapes.getSubjects(RDF.type, SH.NodeShape, null),
    ];
    expect(shapeNodes.length).to.be.greaterThan(100);
    for (const shape of shapeNodes) {
      const isNodeShapeWithoutOwnConstraint = shapes.getQuads(shape, SH.path, null, null).length === 0 &&
        shapes.getQuads(shape, SH.term('or'), null, null).length === 0 &&
        shapes.getQuads(shape, SH.term('pattern'), null, null).length === 0;
      if (isNodeShapeWithoutOwnConstraint) continue;
      const languages = shapes.getObjects(shape, SH.message, null).map((message) => (message as { language: string }).language);
      expect(languages, shape.value).to.have.members(['nl', 'en']);
    }
  });

  it('accept exactly the concepts of the concept schemes', () => {
    const schemes = ['kind', 'domain', 'environment', 'role'];
    for (const scheme of schemes) {
      const schemeIri = `https://w3id.org/bouwblokken/id/${scheme}`;
      const inScheme = concepts.getSubjects(SKOS.inScheme, DataFactory.namedNode(schemeIri), null).map((term) => term.value);
      const accepted = new Set(shapes.getQuads(null, SH.term('in'), null, null)
        .map((quad) => readList(shapes, quad.object))
        .filter((list) => list.some((value) => value.startsWith(`${schemeIri}/`)))
        .flat());
      expect([...accepted].sort(), scheme).to.deep.equal(inScheme.sort());
    }
  });
});

function readList(store: Store, head: Quad['object']): string[] {
  const values: string[] = [];
  let node = head;
  while (node.value !== RDF.nil.value) {
    const first = store.getObjects(node, RDF.first, null)[0];
    if (first) values.push(first.value);
    const rest = store.getObjects(node, RDF.rest, null)[0];
    if (!rest) break;
    node = rest as Quad['object'];
  }
  return values;
}
