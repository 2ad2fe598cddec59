/**
 * Turns a source replacement into a replica change: the N-Quads of the new record graphs with their
 * provenance, the graphs to drop, and remembered deletions. Shared by every oxigraph-based store.
 */
import { DataFactory, Writer } from 'n3';
import type { Quad, Quad_Graph, Quad_Object, Quad_Predicate, Quad_Subject } from '@rdfjs/types';
import { BB, FOAF, PROV, RDF, XSD } from '../vocab/namespaces';
import { BadInputError } from '../core/errors';
import type { ReplacementSummary, SourceReplacement } from './CatalogueStore';
import type { ReplicaChange } from './OxigraphReplica';
import { deletionIri, recordGraphIri } from './graphs';

const { namedNode, literal, quad } = DataFactory;

/**
 * Lines per piece of a change's N-Quads. oxigraph 0.5 parses one `load` call slower than linearly in its
 * size (see `loadChunks.ts`), so a large change is validated piece by piece, and the pieces can go to
 * different workers.
 */
export const PIECE_QUADS = 20_000;

/** Part of a change's N-Quads: whole lines, in order, so that the pieces joined are the change's N-Quads. */
export interface NQuadsPiece {
  readonly nquads: string;
  /** Line number of the piece's first line in the whole N-Quads, counted from 1. */
  readonly firstLine: number;
}

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
): { change: ReplicaChange; summary: ReplacementSummary; pieces: readonly NQuadsPiece[] } {
  const provenance = namedNode(provenanceGraph);
  const generatedAt = literal(replacement.generatedAt.toISOString(), XSD.dateTime);
  const run = namedNode(replacement.runIri);
  const output = new NQuadsPieces();
  const seen = new Set<string>();

  // Place each record in its own graph and describe that graph in the provenance graph.
  for (const record of replacement.records) {
    if (!record.iri) throw new BadInputError(`A record of source "${replacement.source}" has no IRI`);
    if (seen.has(record.iri)) throw new BadInputError(`Record ${record.iri} occurs twice in the snapshot of source "${replacement.source}"`);
    seen.add(record.iri);

    const graph = namedNode(recordGraphIri(baseIri, replacement.source, record.iri));
    for (const { subject, predicate, object } of record.quads) output.add(subject, predicate, object, graph);
    output.add(graph, RDF.type, BB.RecordGraph, provenance);
    output.add(graph, BB.sourceName, literal(replacement.source), provenance);
    output.add(graph, FOAF.primaryTopic, namedNode(record.iri), provenance);
    output.add(graph, PROV.wasGeneratedBy, run, provenance);
    output.add(graph, PROV.generatedAtTime, generatedAt, provenance);
    if (record.sourceUrl) output.add(graph, PROV.wasDerivedFrom, namedNode(record.sourceUrl), provenance);
  }

  // Remember the records that disappeared.
  const removed = [...previous.keys()].filter((iri) => !seen.has(iri));
  for (const iri of removed) {
    const deletion = namedNode(deletionIri(baseIri, replacement.source, iri, replacement.generatedAt));
    output.add(deletion, RDF.type, BB.DeletedRecord, provenance);
    output.add(deletion, FOAF.primaryTopic, namedNode(iri), provenance);
    output.add(deletion, BB.sourceName, literal(replacement.source), provenance);
    output.add(deletion, BB.deletedAt, generatedAt, provenance);
    output.add(deletion, PROV.wasInvalidatedBy, run, provenance);
  }

  for (const extra of replacement.provenance ?? []) output.add(extra.subject, extra.predicate, extra.object, provenance);

  const graphs = [...previous.values()];
  const pieces = output.finish();
  const change: ReplicaChange = { dropGraphs: graphs, dropProvenanceSubjects: graphs, nquads: pieces.map((piece) => piece.nquads).join('') };
  const summary: ReplacementSummary = {
    source: replacement.source,
    added: [...seen].filter((iri) => !previous.has(iri)),
    kept: [...seen].filter((iri) => previous.has(iri)),
    removed,
    quadCount: output.quadCount,
  };
  return { change, summary, pieces };
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

/**
 * Writes N-Quads line by line into pieces of `PIECE_QUADS` lines. The terms are written as they come, without
 * building a quad object per line.
 */
class NQuadsPieces {
  private readonly writer = new Writer({ format: 'N-Quads' });
  private readonly pieces: NQuadsPiece[] = [];
  private lines: string[] = [];
  quadCount = 0;

  add(subject: Quad_Subject, predicate: Quad_Predicate, object: Quad_Object, graph: Quad_Graph): void {
    this.lines.push(this.writer.quadToString(subject, predicate, object, graph));
    this.quadCount += 1;
    if (this.lines.length >= PIECE_QUADS) this.flush();
  }

  finish(): NQuadsPiece[] {
    this.flush();
    return this.pieces;
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    this.pieces.push({ nquads: this.lines.join(''), firstLine: this.quadCount - this.lines.length + 1 });
    this.lines = [];
  }
}
