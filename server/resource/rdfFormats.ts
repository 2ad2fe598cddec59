/**
 * The RDF graph formats that the server negotiates, and serialisation of quads into each of them. Turtle and
 * N-Triples are written by N3.js, RDF/XML by oxigraph, JSON-LD by jsonld.js compacted with our prefixes.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser, Writer } from 'n3';
import jsonld from 'jsonld';
import oxigraph from 'oxigraph';
import { ForbiddenError } from '../../core/errors';
import { PREFIXES } from '../../vocab/namespaces';
import type { Offer } from '../conneg';

/** Names of the graph formats. */
export type GraphFormatName = 'turtle' | 'json-ld' | 'n-triples' | 'rdf-xml';

/** The graph formats, Turtle first so that it is the default for `*\/*`. */
export const GRAPH_OFFERS: readonly Offer<GraphFormatName>[] = [
  { name: 'turtle', mediaType: 'text/turtle', aliases: ['application/x-turtle', 'application/turtle'], formatNames: ['ttl', 'n3'] },
  { name: 'json-ld', mediaType: 'application/ld+json', aliases: ['application/json'], formatNames: ['jsonld', 'json', 'json-ld'] },
  { name: 'n-triples', mediaType: 'application/n-triples', aliases: ['text/plain'], formatNames: ['nt', 'ntriples'] },
  { name: 'rdf-xml', mediaType: 'application/rdf+xml', formatNames: ['rdfxml', 'rdf+xml', 'xml', 'rdf'] },
];

/** Returns the offer of a graph format by name. */
export function graphOffer(name: GraphFormatName): Offer<GraphFormatName> {
  return GRAPH_OFFERS.find((offer) => offer.name === name)!;
}

/** A JSON-LD context that maps our prefixes, so compacted documents read `dct:title` instead of full IRIs. */
export const PREFIX_CONTEXT: Readonly<Record<string, string>> = PREFIXES;

/**
 * Rejects every document that jsonld.js asks to load. The server never fetches a remote context, because
 * every context it uses is an object in memory or a local file.
 * @throws ForbiddenError for every URL.
 */
export async function refuseRemoteDocuments(url: string): Promise<never> {
  throw new ForbiddenError(`Loading the remote JSON-LD document ${url} is not allowed; the server uses local contexts only`);
}

/**
 * Serialises quads as a graph in the named format; graph terms are ignored.
 * @param quads the triples to write.
 * @returns the document text.
 */
export async function serialiseGraph(quads: readonly Quad[], format: GraphFormatName): Promise<string> {
  if (format === 'turtle') return writeTurtle(quads);
  const triples = new Writer({ format: 'N-Triples' }).quadsToString(quads.map(toTriple));
  switch (format) {
    case 'n-triples':
      return triples;
    case 'rdf-xml':
      return new oxigraph.Store(oxigraph.parse(triples, { format: 'application/n-triples' }))
        .dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.defaultGraph() });
    case 'json-ld':
      return JSON.stringify(await nTriplesToJsonLd(triples), null, 2);
  }
}

/** Writes Turtle with prefix declarations. `quadsToString` would leave the declarations out. */
function writeTurtle(quads: readonly Quad[]): Promise<string> {
  const writer = new Writer({ format: 'Turtle', prefixes: usedPrefixes(quads) });
  writer.addQuads(groupBySubject(quads).map(toTriple));
  return new Promise((resolve, reject) => {
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });
}

/** Converts N-Triples to JSON-LD compacted with our prefixes. */
export async function nTriplesToJsonLd(ntriples: string): Promise<object> {
  const expanded = await jsonld.fromRDF(ntriples, { format: 'application/n-quads', useNativeTypes: false });
  return jsonld.compact(expanded, PREFIX_CONTEXT as jsonld.ContextDefinition, { documentLoader: refuseRemoteDocuments } as jsonld.Options.Compact);
}

/** Parses N-Triples, as returned by the store for CONSTRUCT and DESCRIBE, into quads. */
export function parseNTriples(ntriples: string): Quad[] {
  return new Parser({ format: 'N-Triples' }).parse(ntriples);
}

/** Returns the prefixes of `PREFIXES` whose namespace occurs in the quads, so Turtle declares only those. */
function usedPrefixes(quads: readonly Quad[]): Record<string, string> {
  const iris = new Set<string>();
  for (const quad of quads) {
    for (const term of [quad.subject, quad.predicate, quad.object]) {
      if (term.termType === 'NamedNode') iris.add(term.value);
      else if (term.termType === 'Literal') iris.add(term.datatype.value);
    }
  }
  const used: Record<string, string> = {};
  for (const [prefix, namespace] of Object.entries(PREFIXES)) {
    for (const iri of iris) {
      if (iri.startsWith(namespace)) {
        used[prefix] = namespace;
        break;
      }
    }
  }
  return used;
}

/** Orders quads so that those of one subject are adjacent (in order of first appearance), for compact Turtle. */
function groupBySubject(quads: readonly Quad[]): Quad[] {
  const groups = new Map<string, Quad[]>();
  for (const quad of quads) {
    const key = `${quad.subject.termType}:${quad.subject.value}`;
    const group = groups.get(key);
    if (group) group.push(quad);
    else groups.set(key, [quad]);
  }
  return [...groups.values()].flat();
}

function toTriple(quad: Quad): Quad {
  return DataFactory.quad(quad.subject, quad.predicate, quad.object);
}
