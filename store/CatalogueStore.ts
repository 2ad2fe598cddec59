/**
 * The store contract. Every reader and writer of the catalogue goes through this interface, so that the
 * embedded oxigraph store can later be swapped for an external SPARQL server (Virtuoso) without touching
 * harvesters or the HTTP server.
 *
 * Data model: each record of each source lives in a named graph of its own. The provenance graph holds, per
 * record graph, its source, record IRI, harvest run and time, plus the harvest runs and deleted records.
 */
import type { Quad } from '@rdfjs/types';

/** One record to store: the resource it describes and the quads that describe it. */
export interface RecordInput {
  /** IRI of the record's main resource (a building block, data service, dataset, repository, organisation). */
  readonly iri: string;
  /** The record's quads. Their graph term is ignored: the store puts them in the record's named graph. */
  readonly quads: readonly Quad[];
  /** URL the record was read from; stored as `prov:wasDerivedFrom` of the record graph. */
  readonly sourceUrl?: string;
}

/** A complete new snapshot of one source, replacing everything the source had before. */
export interface SourceReplacement {
  /** Source name, as configured (`curated`, `developer-overheid-apis`, ...). */
  readonly source: string;
  /** IRI of the harvest run (a `prov:Activity`) that produced the snapshot. */
  readonly runIri: string;
  /** Time the snapshot was produced; becomes `prov:generatedAtTime` of every record graph. */
  readonly generatedAt: Date;
  readonly records: readonly RecordInput[];
  /** Extra quads for the provenance graph, such as the run's `prov:Activity` with its counts. */
  readonly provenance?: readonly Quad[];
}

/** Changes made by a replacement. */
export interface ReplacementSummary {
  readonly source: string;
  /** Record IRIs that are new in this snapshot. */
  readonly added: readonly string[];
  /** Record IRIs that were present before and are present again (their content may have changed). */
  readonly kept: readonly string[];
  /** Record IRIs that were present before and are gone; the store remembers them as deleted records. */
  readonly removed: readonly string[];
  readonly quadCount: number;
}

/** Serialisations that `query` can return for SELECT/ASK results. */
export type ResultsFormat = 'json' | 'xml' | 'csv' | 'tsv';
/** Serialisations that `query` can return for CONSTRUCT/DESCRIBE results, and that `dump` writes. */
export type GraphFormat = 'turtle' | 'n-triples' | 'n-quads' | 'trig' | 'rdf-xml';

/** A SPARQL query with its dataset and budget. */
export interface QueryRequest {
  readonly query: string;
  /** Graphs that form the default graph; when absent, the default graph is the union of all named graphs. */
  readonly defaultGraphs?: readonly string[];
  /** Graphs that `GRAPH ?g` may range over; when absent, all named graphs. */
  readonly namedGraphs?: readonly string[];
  /** Deadline in milliseconds; the store's configured deadline applies when absent. */
  readonly timeoutMs?: number;
  /** Maximum rows (SELECT) or triples (CONSTRUCT/DESCRIBE); the configured limit applies when absent. */
  readonly maxResults?: number;
  /** Serialise SELECT/ASK results in this format instead of returning bindings. */
  readonly resultsFormat?: ResultsFormat;
  /** Serialise CONSTRUCT/DESCRIBE results in this format instead of returning quads as N-Triples. */
  readonly graphFormat?: GraphFormat;
}

/** An RDF term in plain JSON, as in the SPARQL 1.1 JSON results format. */
export interface JsonTerm {
  readonly type: 'uri' | 'literal' | 'bnode' | 'triple';
  readonly value: string;
  readonly 'xml:lang'?: string;
  readonly datatype?: string;
}

/** The result of a query, either parsed (bindings, boolean, N-Triples) or serialised as requested. */
export type QueryResult =
  | { readonly type: 'bindings'; readonly variables: readonly string[]; readonly bindings: ReadonlyArray<Readonly<Record<string, JsonTerm>>> }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'quads'; readonly ntriples: string; readonly count: number }
  | { readonly type: 'serialised'; readonly form: 'bindings' | 'boolean' | 'quads'; readonly body: string };

/** A write that a store acknowledged: a source replaced, or provenance added. */
export type StoreChange =
  | { readonly type: 'replaced'; readonly summary: ReplacementSummary }
  | { readonly type: 'provenance' };

/** Size of the store. */
export interface StoreStatistics {
  readonly quadCount: number;
  readonly recordGraphCount: number;
  readonly sources: Readonly<Record<string, number>>;
}

/** The catalogue store. Implementations are safe to call concurrently; writes are serialised internally. */
export interface CatalogueStore {
  /**
   * Replaces all records of one source, whole or not at all. Resolves after the change is durable; a reader
   * sees either the old or the new snapshot, never a mix.
   * @throws BadInputError when a record has no IRI or a quad cannot be stored.
   */
  replaceSource(replacement: SourceReplacement): Promise<ReplacementSummary>;

  /** Adds quads to the provenance graph (for runs that produced no snapshot, such as failed runs). */
  addProvenance(quads: readonly Quad[]): Promise<void>;

  /**
   * Runs a read-only SPARQL query.
   * @throws ParseError for invalid SPARQL, with line and column; LimitExceededError on deadline or result size;
   *   ForbiddenError for updates.
   */
  query(request: QueryRequest): Promise<QueryResult>;

  /** Serialises the whole store (all graphs) in a quad format, or the union of record graphs in a triple format. */
  dump(format: GraphFormat): Promise<string>;

  statistics(): Promise<StoreStatistics>;

  /**
   * Registers a listener called after every acknowledged write (replacement or provenance), in write order,
   * so derived indexes (search, reference index) can update. Returns a function that removes the listener.
   */
  onChange(listener: (change: StoreChange) => void): () => void;

  /** IRI of the named graph that contains provenance. */
  readonly provenanceGraph: string;

  /** Flushes and releases everything; the store cannot be used afterwards. */
  close(): Promise<void>;
}
