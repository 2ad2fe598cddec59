/**
 * Turns a source replacement into a replica change: the N-Quads of the new record graphs with their
 * provenance, the graphs to drop, and remembered deletions. Shared by every oxigraph-based store.
 */
import { DataFactory, Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { BB, FOAF, PROV, RDF, XSD } from '../vocab/namespaces';
import { BadInputError } from '../core/errors';
import type { ReplacementSummary, SourceReplacement } from './CatalogueStore';
import type { ReplicaChange } from './OxigraphReplica';
import { deletionIri, recordGraphIri } from './graphs';

const { namedNode, literal, quad } = DataFactory;

/**
 * Builds the change that replaces the previous records of a source.
 * @param previous record IRI to record graph, for the records the source has now.
 * @throws BadInputError when a record has an empty or duplicate IRI.
 */
export function buildReplacementChange(
  replacement: SourceReplacement,
  previous: ReadonlyMap<string, string>,
  baseIri: string,
  provenanceGraph: string,
): { change: ReplicaChange; summary: ReplacementSummary } {
  const provenance = namedNode(provenanceGraph);
  const generatedAt = literal(replacement.generatedAt.toISOString(), XSD.dateTime);
  const run = namedNode(replacement.runIri);
  const output: Quad[] = [];
  const seen = new Set<string>();

  // Place each record in its own graph and describe that graph in the provenance graph.
  for (const record of replacement.records) {
    if (!record.iri) throw new BadInputError(`A record of source "${replacement.source}" has no IRI`);
    if (seen.has(record.iri)) throw new BadInputError(`Record ${record.iri} occurs twice in the snapshot of source "${replacement.source}"`);
    seen.add(record.iri);

    const graph = namedNode(recordGraphIri(baseIri, replacement.source, record.iri));
    for (const { subject, predicate, object } of record.quads) output.push(quad(subject, predicate, object, graph));
    output.push(
      quad(graph, RDF.type, BB.RecordGraph, provenance),
      quad(graph, BB.sourceName, literal(replacement.source), provenance),
      quad(graph, FOAF.primaryTopic, namedNode(record.iri), provenance),
      quad(graph, PROV.wasGeneratedBy, run, provenance),
      quad(graph, PROV.generatedAtTime, generatedAt, provenance),
    );
    if (record.sourceUrl) output.push(quad(graph, PROV.wasDerivedFrom, namedNode(record.sourceUrl), provenance));
  }

  // Remember the records that disappeared.
  const removed = [...previous.keys()].filter((iri) => !seen.has(iri));
  for (const iri of removed) {
    const deletion = namedNode(deletionIri(baseIri, replacement.source, iri, replacement.generatedAt));
    output.push(
      quad(deletion, RDF.type, BB.DeletedRecord, provenance),
      quad(deletion, FOAF.primaryTopic, namedNode(iri), provenance),
      quad(deletion, BB.sourceName, literal(replacement.source), provenance),
      quad(deletion, BB.deletedAt, generatedAt, provenance),
      quad(deletion, PROV.wasInvalidatedBy, run, provenance),
    );
  }

  for (const extra of replacement.provenance ?? []) output.push(quad(extra.subject, extra.predicate, extra.object, provenance));

  const graphs = [...previous.values()];
  const change: ReplicaChange = { dropGraphs: graphs, dropProvenanceSubjects: graphs, nquads: writeNQuads(output) };
  const summary: ReplacementSummary = {
    source: replacement.source,
    added: [...seen].filter((iri) => !previous.has(iri)),
    kept: [...seen].filter((iri) => previous.has(iri)),
    removed,
    quadCount: output.length,
  };
  return { change, summary };
}

/** Builds the change that adds quads to the provenance graph. */
export function buildProvenanceChange(quads: readonly Quad[], provenanceGraph: string): ReplicaChange {
  const provenance = namedNode(provenanceGraph);
  const output = quads.map(({ subject, predicate, object }) => quad(subject, predicate, object, provenance));
  return { dropGraphs: [], dropProvenanceSubjects: [], nquads: writeNQuads(output) };
}

/** Serialises quads as N-Quads. */
export function writeNQuads(quads: readonly Quad[]): string {
  const writer = new Writer({ format: 'N-Quads' });
  return writer.quadsToString(quads as Quad[]);
}
