/**
 * Helpers for comparing RDF in tests: parse each format into quads and compare graphs as canonical
 * N-Quads (RDF Dataset Canonicalization), so blank node labels and order do not matter.
 */
import type { Quad } from '@rdfjs/types';
import jsonld from 'jsonld';
import oxigraph from 'oxigraph';
import { DataFactory, Parser, Writer } from 'n3';
import { localDocumentLoader } from '../../../vocab/jsonld';

/** Parses Turtle or N-Triples. */
export function parseTurtle(text: string, baseIRI?: string): Quad[] {
  return new Parser(baseIRI ? { baseIRI } : {}).parse(text);
}

/** Parses JSON-LD with the project's local loader, so a context other than our own fails the test. */
export async function parseJsonLd(text: string): Promise<Quad[]> {
  const nquads = await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', documentLoader: localDocumentLoader } as jsonld.Options.ToRdf);
  return new Parser({ format: 'N-Quads' }).parse(nquads as unknown as string);
}

/** Parses RDF/XML with oxigraph. */
export function parseRdfXml(text: string, baseIri?: string): Quad[] {
  const ntriples = new oxigraph.Store(oxigraph.parse(text, { format: 'application/rdf+xml', ...(baseIri ? { base_iri: baseIri } : {}) }))
    .dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() });
  return new Parser({ format: 'N-Triples' }).parse(ntriples);
}

/** Returns the canonical N-Quads of a graph (graph terms dropped). */
export async function canonical(quads: readonly Quad[]): Promise<string> {
  const triples = quads.map((quad) => DataFactory.quad(quad.subject, quad.predicate, quad.object));
  const nquads = new Writer({ format: 'N-Quads' }).quadsToString(triples);
  return jsonld.normalize(nquads as unknown as jsonld.JsonLdDocument, { algorithm: 'URDNA2015', inputFormat: 'application/n-quads' });
}
