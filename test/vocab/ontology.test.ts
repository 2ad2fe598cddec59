import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Term } from '@rdfjs/types';
import { DataFactory, Parser, Store } from 'n3';
import { ADMS, BB, DCAT, OWL, RDF, RDFS, SKOS } from '../../vocab/namespaces';
import { contextDocument } from '../../vocab/jsonld';

function readTurtle(name: string): Store {
  return new Store(new Parser().parse(readFileSync(new URL(`../../vocab/${name}`, import.meta.url), 'utf8')));
}

function languagesOf(store: Store, subject: Term, predicate: Term): string[] {
  return store.getObjects(subject, predicate, null).map((object) => (object as { language: string }).language).sort();
}

const { namedNode } = DataFactory;

describe('Bouwblokken ontology', () => {
  const ontology = readTurtle('bouwblokken.ttl');
  const bbTerms = Object.entries(BB)
    .filter(([key]) => key !== 'namespace' && key !== 'term')
    .map(([, term]) => term as Term);

  it('defines every BB term in Dutch and English', () => {
    expect(bbTerms.length).to.be.greaterThan(30);
    for (const term of bbTerms) {
      const types = ontology.getObjects(term, RDF.type, null).map((type) => type.value);
      expect(types, term.value).to.have.length(1);
      expect([OWL.Class.value, OWL.ObjectProperty.value, OWL.DatatypeProperty.value], term.value).to.include(types[0]);
      expect(languagesOf(ontology, term, RDFS.label), term.value).to.deep.equal(['en', 'nl']);
      expect(languagesOf(ontology, term, RDFS.comment), term.value).to.deep.equal(['en', 'nl']);
    }
  });

  it('defines no term that the BB vocabulary lacks', () => {
    const defined = ontology.getSubjects(RDFS.isDefinedBy, null, null).map((subject) => subject.value);
    expect(defined.sort()).to.deep.equal(bbTerms.map((term) => term.value).sort());
  });

  it('makes a building block a DCAT resource and an ADMS asset', () => {
    const superClasses = ontology.getObjects(BB.BuildingBlock, RDFS.subClassOf, null).map((term) => term.value);
    expect(superClasses).to.have.members([DCAT.Resource.value, ADMS.Asset.value]);
  });
});

describe('Bouwblokken concept schemes', () => {
  const concepts = readTurtle('concepts.ttl');
  const expected: Record<string, string[]> = {
    kind: ['voorziening', 'basisregistratie', 'standaard', 'api', 'component', 'dataset', 'platform', 'register'],
    domain: ['toegang', 'interactie', 'gegevensuitwisseling', 'infrastructuur', 'basisgegevens', 'ontwikkelen'],
    environment: ['productie', 'acceptatie', 'test', 'sandbox', 'demo'],
    role: ['eigenaar', 'beheerder', 'opdrachtgever', 'leverancier'],
  };

  for (const [scheme, names] of Object.entries(expected)) {
    it(`holds exactly the ${scheme} concepts`, () => {
      const schemeIri = namedNode(`https://w3id.org/bouwblokken/id/${scheme}`);
      expect(concepts.getQuads(schemeIri, RDF.type, SKOS.ConceptScheme, null)).to.have.length(1);
      const members = concepts.getSubjects(SKOS.inScheme, schemeIri, null).map((term) => term.value);
      expect(members.sort()).to.deep.equal(names.map((name) => `${schemeIri.value}/${name}`).sort());
      const topConcepts = concepts.getObjects(schemeIri, SKOS.hasTopConcept, null).map((term) => term.value);
      expect(topConcepts.sort()).to.deep.equal(members.sort());
    });
  }

  it('gives every concept and scheme a label and definition in Dutch and English', () => {
    const subjects = [
      ...concepts.getSubjects(RDF.type, SKOS.Concept, null),
      ...concepts.getSubjects(RDF.type, SKOS.ConceptScheme, null),
    ];
    expect(subjects).to.have.length(27);
    for (const subject of subjects) {
      expect(languagesOf(concepts, subject, SKOS.prefLabel), subject.value).to.deep.equal(['en', 'nl']);
      expect(languagesOf(concepts, subject, SKOS.definition), subject.value).to.deep.equal(['en', 'nl']);
    }
  });
});

describe('JSON-LD context v1', () => {
  const context = contextDocument()['@context'] as Record<string, unknown>;
  const prefixes = Object.fromEntries(Object.entries(context).filter(([, value]) => typeof value === 'string' && /[#/]$/.test(value)));

  function expandTerm(definition: unknown): string | undefined {
    const id = typeof definition === 'string' ? definition : (definition as { '@id'?: string } | undefined)?.['@id'];
    if (!id) return undefined;
    const [prefix, local] = id.split(':', 2);
    const namespace = prefix ? prefixes[prefix] : undefined;
    return typeof namespace === 'string' && local !== undefined && !id.includes('://') ? namespace + local : id;
  }

  it('has a term for every class and property of the ontology', () => {
    const ontology = readTurtle('bouwblokken.ttl');
    const defined = ontology.getSubjects(RDFS.isDefinedBy, null, null).map((subject) => subject.value);
    const expanded = new Set(Object.values(context).map(expandTerm));
    const deliberatelyWithoutTerm = [BB.functionalDescription, BB.organisationRole, BB.partOfBlock, BB.oin, BB.kvkNumber,
      BB.rooId, BB.sourceUrl, BB.record, BB.harvestRun].map((term) => term.value);
    for (const iri of defined.filter((value) => !deliberatelyWithoutTerm.includes(value))) {
      expect(expanded.has(iri), iri).to.equal(true);
    }
  });

  it('maps the short names of the building block profile', () => {
    expect(expandTerm(context.title)).to.equal('http://purl.org/dc/terms/title');
    expect(expandTerm(context.dataset)).to.equal(BB.dataset.value);
    expect(expandTerm(context.codeRepository)).to.equal(BB.codeRepository.value);
    expect(expandTerm(context.name)).to.equal('http://xmlns.com/foaf/0.1/name');
    expect(context.title).to.deep.include({ '@container': '@language' });
  });
});
