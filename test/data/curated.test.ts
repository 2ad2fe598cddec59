import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Quad } from '@rdfjs/types';
import { expect } from 'chai';
import { Parser } from 'n3';
import { splitIntoRecords } from '../../core/records';
import { RecordValidator } from '../../shapes/validator';
import { BB, BB_ID, DCAT, DCT, FOAF, PROV, RDF, TOOI } from '../../vocab/namespaces';

const DATA_DIRECTORY = fileURLToPath(new URL('../../data/', import.meta.url));
const BLOCK_BASE = 'https://w3id.org/bouwblokken/id/bouwblok/';

/** Lists every curated Turtle file: the organisations, the data services and datasets, and the blocks per domain. */
function curatedFiles(): string[] {
  const blocks = readdirSync(join(DATA_DIRECTORY, 'blocks'))
    .filter((name) => name.endsWith('.ttl'))
    .map((name) => join(DATA_DIRECTORY, 'blocks', name));
  return [join(DATA_DIRECTORY, 'organisations.ttl'), join(DATA_DIRECTORY, 'apis.ttl'), ...blocks];
}

function parseFile(path: string): Quad[] {
  return new Parser({ baseIRI: `file://${path}` }).parse(readFileSync(path, 'utf8'));
}

const quads: Quad[] = curatedFiles().flatMap(parseFile);

function subjectsOfType(type: string): Set<string> {
  return new Set(
    quads
      .filter((quad) => quad.predicate.value === RDF.type.value && quad.object.value === type)
      .map((quad) => quad.subject.value),
  );
}

function objects(subject: string, predicate: string): Quad['object'][] {
  return quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate).map((quad) => quad.object);
}

const blocks = subjectsOfType(BB.BuildingBlock.value);
const dataServices = subjectsOfType(DCAT.DataService.value);
const datasets = subjectsOfType(DCAT.Dataset.value);
const organisations = subjectsOfType(FOAF.Organization.value);

/** Slugs of the blocks that the catalogue promises to contain. Each must exist under exactly this IRI. */
const REQUIRED_BLOCKS = [
  'digid', 'mijnoverheid', 'berichtenbox', 'brp', 'bri', 'brv', 'woz', 'brk', 'bag', 'bron', 'register-onderwijsdeelnemers',
  'nhr', 'oin-register', 'eherkenning', 'eidas-koppelpunt', 'pkioverheid', 'digikoppeling', 'digipoort', 'digilevering',
  'digimelding', 'fsc', 'stelselcatalogus', 'bgt', 'brt', 'bro', 'pdok', 'data-overheid-nl', 'developer-overheid-nl',
  'haven', 'haal-centraal', 'haal-centraal-brp-bevragen', 'bag-api-individuele-bevragingen', 'haal-centraal-brk-bevragen',
  'haal-centraal-woz-bevragen', 'bsn-stelsel', 'digid-machtigen', 'mijnoverheid-lopende-zaken', 'berichtenbox-voor-bedrijven',
  'nlx', 'omgevingsloket-dso', 'blau', 'federatief-datastelsel', 'notify-nl', 'api-design-rules', 'nl-gov-oauth-profile',
  'zgw-apis', 'common-ground', 'pdok-locatieserver', 'kvk-handelsregister-api', 'rdw-open-data', 'duo-open-onderwijsdata',
];

/** Properties whose object must be a building block of this catalogue. */
const BLOCK_LINKS = [BB.usesBlock, BB.servesRegister, DCT.isPartOf, DCT.hasPart, DCT.relation, DCT.conformsTo];

describe('curated catalogue', () => {
  it('parses every curated file', () => {
    for (const path of curatedFiles()) {
      expect(parseFile(path).length, path).to.be.greaterThan(100);
    }
  });

  it('has at least 45 building blocks', () => {
    expect(blocks.size).to.be.at.least(45);
  });

  it('contains every named building block', () => {
    const missing = REQUIRED_BLOCKS.filter((slug) => !blocks.has(BLOCK_BASE + slug));
    expect(missing).to.deep.equal([]);
  });

  it('gives each block its slug as identifier', () => {
    for (const block of blocks) {
      const identifiers = objects(block, DCT.identifier.value).map((term) => term.value);
      expect(identifiers, block).to.deep.equal([block.slice(BLOCK_BASE.length)]);
    }
  });

  it('describes every block in Dutch and English', () => {
    for (const block of blocks) {
      for (const predicate of [DCT.title, DCT.description, BB.application]) {
        const languages = objects(block, predicate.value).map((term) => (term.termType === 'Literal' ? term.language : ''));
        expect(languages, `${block} ${predicate.value}`).to.include.members(['nl', 'en']);
      }
    }
  });

  it('names an owner and a manager for every block', () => {
    const rolesOf = (block: string): string[] =>
      objects(block, PROV.qualifiedAttribution.value).flatMap((attribution) =>
        objects(attribution.value, DCAT.hadRole.value).map((role) => role.value.split('/').pop() ?? ''),
      );
    for (const block of blocks) {
      expect(rolesOf(block), block).to.include.members(['eigenaar', 'beheerder']);
    }
  });

  it('describes every TOOI organisation it uses', () => {
    const used = new Set(
      quads.filter((quad) => quad.object.termType === 'NamedNode' && quad.object.value.startsWith(TOOI.namespace))
        .map((quad) => quad.object.value),
    );
    const undescribed = [...used].filter((iri) => !organisations.has(iri));
    expect(undescribed).to.deep.equal([]);
    expect(used.size).to.be.at.least(10);
  });

  it('links blocks only to defined blocks', () => {
    const dangling = quads
      .filter((quad) => BLOCK_LINKS.some((link) => link.value === quad.predicate.value))
      .filter((quad) => quad.object.value.startsWith(BLOCK_BASE) && !blocks.has(quad.object.value))
      .map((quad) => `${quad.subject.value} ${quad.predicate.value} ${quad.object.value}`);
    expect(dangling).to.deep.equal([]);
  });

  it('links blocks only to defined APIs and datasets', () => {
    const targets: [string, Set<string>][] = [
      [BB.api.value, dataServices],
      [BB.testEnvironment.value, dataServices],
      [BB.testData.value, datasets],
      [BB.dataset.value, datasets],
    ];
    for (const [predicate, defined] of targets) {
      const dangling = quads
        .filter((quad) => quad.predicate.value === predicate && !defined.has(quad.object.value))
        .map((quad) => `${quad.subject.value} -> ${quad.object.value}`);
      expect(dangling, predicate).to.deep.equal([]);
    }
  });

  it('records the relations between the main blocks', () => {
    const has = (subject: string, predicate: string, object: string): boolean =>
      objects(BLOCK_BASE + subject, predicate).some((term) => term.value === BLOCK_BASE + object);
    expect(has('mijnoverheid', BB.usesBlock.value, 'digid')).to.equal(true);
    expect(has('berichtenbox', DCT.isPartOf.value, 'mijnoverheid')).to.equal(true);
    expect(has('haal-centraal-brp-bevragen', BB.servesRegister.value, 'brp')).to.equal(true);
    expect(has('bag-api-individuele-bevragingen', BB.servesRegister.value, 'bag')).to.equal(true);
    expect(has('digilevering', BB.usesBlock.value, 'digikoppeling')).to.equal(true);
    expect(has('digimelding', BB.usesBlock.value, 'digikoppeling')).to.equal(true);
    expect(has('eidas-koppelpunt', BB.usesBlock.value, 'eherkenning')).to.equal(true);
    for (const register of ['bgt', 'brt', 'bag']) {
      expect(has('pdok', BB.servesRegister.value, register), register).to.equal(true);
    }
  });

  it('uses only concepts of the concept schemes', () => {
    const concepts = new Set(parseFile(fileURLToPath(new URL('../../vocab/concepts.ttl', import.meta.url))).map((quad) => quad.subject.value));
    const conceptPattern = new RegExp(`^${BB_ID.namespace}(kind|domain|environment|role)/`);
    const conceptLinks = quads.filter((quad) => conceptPattern.test(quad.object.value));
    const unknown = conceptLinks
      .filter((quad) => !concepts.has(quad.object.value))
      .map((quad) => `${quad.subject.value} ${quad.predicate.value} ${quad.object.value}`);
    expect(unknown).to.deep.equal([]);
    expect(new Set(conceptLinks.map((quad) => quad.object.value)).size).to.be.at.least(15);
  });

  it('gives every data service an endpoint and an OpenAPI document', () => {
    expect(dataServices.size).to.be.at.least(15);
    for (const service of dataServices) {
      expect(objects(service, DCAT.endpointURL.value), service).to.have.lengthOf(1);
      expect(objects(service, DCAT.endpointDescription.value), service).to.have.lengthOf(1);
    }
  });

  describe('conformance to the shapes', () => {
    let validator: RecordValidator;

    before(async () => {
      validator = await RecordValidator.load();
    });

    it('splits the curated files into records without leftovers', () => {
      const { records, unassigned } = splitIntoRecords(quads);
      expect(unassigned.map((quad) => quad.subject.value)).to.deep.equal([]);
      expect(records.length).to.equal(blocks.size + dataServices.size + datasets.size + organisations.size);
    });

    it('validates every record without violations', () => {
      const { records } = splitIntoRecords(quads);
      const failures = records
        .map((record) => ({ iri: record.iri, report: validator.validate(record.quads) }))
        .filter(({ report }) => !report.conforms)
        .map(({ iri, report }) => ({
          iri,
          violations: report.results.filter((result) => result.severity === 'violation').map((result) => result.message.en),
        }));
      expect(failures).to.deep.equal([]);
    });

    it('validates data services and datasets without warnings', () => {
      const { records } = splitIntoRecords(quads);
      const warned = records
        .filter((record) => dataServices.has(record.iri) || datasets.has(record.iri))
        .map((record) => ({ iri: record.iri, report: validator.validate(record.quads) }))
        .map(({ iri, report }) => ({
          iri,
          warnings: report.results.filter((result) => result.severity === 'warning').map((result) => result.message.en),
        }))
        .filter(({ warnings }) => warnings.length > 0);
      expect(warned).to.deep.equal([]);
    });
  });
});
