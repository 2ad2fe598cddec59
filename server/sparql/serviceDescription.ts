/**
 * The SPARQL 1.1 Service Description of the endpoint, returned for a GET on `/sparql` without a query.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { DCT, FORMATS, RDF, RDFS, SD } from '../../vocab/namespaces';

const { namedNode, blankNode, literal, quad } = DataFactory;

/** Paths of the endpoint and the VoID document, relative to the base IRI. */
export const SPARQL_PATH = 'sparql';
export const VOID_PATH = '.well-known/void';

/** Returns the IRI of the service: the endpoint IRI with the fragment `#service`. */
export function serviceIri(baseIri: string): string {
  return `${baseIri}${SPARQL_PATH}#service`;
}

/**
 * Describes the endpoint of an instance: the SPARQL 1.1 Query language, the result formats and the union
 * default graph, with a link to the VoID description of the data.
 */
export function buildServiceDescription(baseIri: string): Quad[] {
  const service = namedNode(serviceIri(baseIri));
  const dataset = blankNode('dataset');
  const defaultGraph = blankNode('defaultGraph');
  const quads: Quad[] = [
    quad(service, RDF.type, SD.Service),
    quad(service, SD.endpoint, namedNode(baseIri + SPARQL_PATH)),
    quad(service, SD.supportedLanguage, SD.SPARQL11Query),
    quad(service, SD.feature, SD.UnionDefaultGraph),
    quad(service, DCT.title, literal('SPARQL-endpoint van de Bouwblokken-catalogus', 'nl')),
    quad(service, DCT.title, literal('SPARQL endpoint of the Bouwblokken catalogue', 'en')),
    quad(service, DCT.description, literal('Alleen lezen. De standaardgraaf is de vereniging van alle records en hun herkomst.', 'nl')),
    quad(service, DCT.description, literal('Read-only. The default graph is the union of all records and their provenance.', 'en')),
    quad(service, SD.defaultDataset, dataset),
    quad(dataset, RDF.type, SD.Dataset),
    quad(dataset, SD.defaultGraph, defaultGraph),
    quad(defaultGraph, RDF.type, SD.Graph),
    quad(dataset, RDFS.seeAlso, namedNode(baseIri + VOID_PATH)),
  ];
  for (const format of [
    FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV, FORMATS.SPARQL_Results_TSV,
    FORMATS.Turtle, FORMATS['N-Triples'], FORMATS['JSON-LD'], FORMATS.RDF_XML,
  ]) {
    quads.push(quad(service, SD.resultFormat, format));
  }
  return quads;
}
