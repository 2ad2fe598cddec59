/**
 * One oxigraph store holding the whole catalogue, with the operations that the embedded store runs on it.
 * A replica is used from exactly one thread; each operation is synchronous, so a reader on the same thread
 * never sees an operation half done.
 */
import oxigraph from 'oxigraph';
import { Parser as SparqlParser } from 'sparqljs';
import { BB, FOAF, RDF } from '../vocab/namespaces';
import { BadInputError, LimitExceededError, ParseError } from '../core/errors';
import type { GraphFormat, JsonTerm, QueryResult, ResultsFormat } from './CatalogueStore';
import { splitIntoLoadChunks } from './loadChunks';
import { projectedVariables, serialiseBoolean, serialiseSolutions } from './resultsSerializers';

/** Media types that oxigraph uses for each format name of the store contract. */
export const GRAPH_MEDIA_TYPES: Readonly<Record<GraphFormat, string>> = {
  'turtle': 'text/turtle',
  'n-triples': 'application/n-triples',
  'n-quads': 'application/n-quads',
  'trig': 'application/trig',
  'rdf-xml': 'application/rdf+xml',
};


/** A change to apply: graphs to drop, then N-Quads to add. Produced by the writer, replayed from the log. */
export interface ReplicaChange {
  readonly dropGraphs: readonly string[];
  /** Subjects whose quads are removed from the provenance graph (the dropped record graphs). */
  readonly dropProvenanceSubjects: readonly string[];
  readonly nquads: string;
}

/** Options of `OxigraphReplica.query`, resolved by the caller. */
export interface ReplicaQueryOptions {
  readonly defaultGraphs?: readonly string[];
  readonly namedGraphs?: readonly string[];
  readonly maxResults: number;
  readonly resultsFormat?: ResultsFormat;
  readonly graphFormat?: GraphFormat;
}

export class OxigraphReplica {
  private store = new oxigraph.Store();

  constructor(private readonly provenanceGraph: string) {}

  /** Number of quads in all graphs. */
  get size(): number {
    return this.store.size;
  }

  /**
   * Applies a change in one synchronous step: drops the old graphs, then loads the new quads, giving their blank
   * nodes labels of this replica. Unless `validated` is set, the N-Quads are parsed first, so a change that
   * cannot be parsed leaves the replica as it was.
   * @throws BadInputError when the N-Quads cannot be parsed.
   */
  apply(change: ReplicaChange, options: { validated?: boolean } = {}): void {
    if (!options.validated) validateNQuads(change.nquads);

    // Drop the old record graphs and their provenance, inside oxigraph (no quad objects cross into JavaScript).
    const graphs = change.dropGraphs.map(iriRef);
    const subjects = change.dropProvenanceSubjects.map(iriRef);
    const provenance = iriRef(this.provenanceGraph);
    if (graphs.length > 0) this.store.update(graphs.map((graph) => `DROP SILENT GRAPH ${graph}`).join(' ;\n'));
    if (subjects.length > 0) {
      this.store.update(`DELETE { GRAPH ${provenance} { ?s ?p ?o } } WHERE { VALUES ?s { ${subjects.join(' ')} } GRAPH ${provenance} { ?s ?p ?o } }`);
    }

    // Add the new quads; validated input may skip the parser's checks.
    for (const chunk of splitIntoLoadChunks(change.nquads)) {
      this.store.load(chunk, { format: 'application/n-quads', no_transaction: true, lenient: options.validated === true });
    }
  }

  /**
   * Loads N-Quads in bulk, for restoring a snapshot into an empty replica. The parser's IRI and language tag
   * checks are skipped, because a snapshot holds only quads that were checked when they were stored. Blank
   * nodes get new labels per call, so a blank node must not span two calls (see `loadChunks.ts`).
   */
  loadSnapshot(nquads: string | Uint8Array): void {
    this.store.load(nquads, { format: 'application/n-quads', no_transaction: true, lenient: true });
  }

  /** Returns every record graph with its source and record IRI, read from the provenance graph. */
  recordGraphs(): Array<{ source: string; recordIri: string; graph: string }> {
    const query = `SELECT ?graph ?source ?record WHERE { GRAPH <${this.provenanceGraph}> {
      ?graph a <${BB.RecordGraph.value}> ; <${BB.sourceName.value}> ?source ; <${FOAF.primaryTopic.value}> ?record } }`;
    const solutions = this.store.query(query) as Map<string, oxigraph.Term>[];
    return solutions.map((solution) => ({
      graph: solution.get('graph')!.value,
      source: solution.get('source')!.value,
      recordIri: solution.get('record')!.value,
    }));
  }

  /** Returns, per record IRI, the record graph that `source` stores it in. */
  recordGraphsOfSource(source: string): Map<string, string> {
    const provenance = oxigraph.namedNode(this.provenanceGraph);
    const graphs = new Map<string, string>();
    for (const quad of this.store.match(null, oxigraph.namedNode(BB.sourceName.value), oxigraph.literal(source), provenance)) {
      if (!this.isRecordGraph(quad.subject)) continue;
      const topic = this.store.match(quad.subject, oxigraph.namedNode(FOAF.primaryTopic.value), null, provenance)[0];
      if (topic) graphs.set(topic.object.value, quad.subject.value);
    }
    return graphs;
  }

  /** Returns the number of record graphs per source. */
  sourceSizes(): Record<string, number> {
    const provenance = oxigraph.namedNode(this.provenanceGraph);
    const sizes: Record<string, number> = {};
    for (const quad of this.store.match(null, oxigraph.namedNode(BB.sourceName.value), null, provenance)) {
      if (!this.isRecordGraph(quad.subject)) continue;
      sizes[quad.object.value] = (sizes[quad.object.value] ?? 0) + 1;
    }
    return sizes;
  }

  private isRecordGraph(subject: oxigraph.Term): boolean {
    const type = oxigraph.quad(subject as oxigraph.NamedNode, oxigraph.namedNode(RDF.type.value), oxigraph.namedNode(BB.RecordGraph.value), oxigraph.namedNode(this.provenanceGraph));
    return this.store.has(type);
  }

  /** Serialises all graphs (quad formats) or the union of all graphs (triple formats). */
  dump(format: GraphFormat): string {
    if (format === 'n-quads' || format === 'trig') return this.store.dump({ format: GRAPH_MEDIA_TYPES[format] });
    const ntriples = this.store.query('CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }', { results_format: GRAPH_MEDIA_TYPES[format] });
    return ntriples as string;
  }

  /**
   * Runs a read-only query. Without `defaultGraphs`, the default graph is the union of all named graphs.
   * @throws ParseError for invalid SPARQL (with line and column), LimitExceededError when results exceed the limit.
   */
  query(sparql: string, options: ReplicaQueryOptions): QueryResult {
    const dataset = {
      use_default_graph_as_union: options.defaultGraphs === undefined,
      default_graph: options.defaultGraphs?.map((graph) => oxigraph.namedNode(graph)),
      named_graphs: options.namedGraphs?.map((graph) => oxigraph.namedNode(graph)),
    };

    let result: ReturnType<oxigraph.Store['query']>;
    try {
      result = this.store.query(sparql, dataset);
    } catch (error) {
      throw toQueryError(error);
    }

    // Booleans (ASK).
    if (typeof result === 'boolean') {
      if (!options.resultsFormat) return { type: 'boolean', value: result };
      return { type: 'serialised', form: 'boolean', body: serialiseBoolean(options.resultsFormat, result) };
    }

    // Quads (CONSTRUCT, DESCRIBE). An empty result is ambiguous, so the query form decides.
    if (result.length === 0 ? isGraphQuery(sparql) : isQuad(result[0])) {
      const quads = result as oxigraph.Quad[];
      if (quads.length > options.maxResults) {
        throw new LimitExceededError(`Query result has ${quads.length} triples, more than the limit of ${options.maxResults}; narrow the query`, { status: 413 });
      }
      const store = new oxigraph.Store(quads);
      const format = options.graphFormat ?? 'n-triples';
      const body = store.dump({ format: GRAPH_MEDIA_TYPES[format === 'n-quads' || format === 'trig' ? 'n-triples' : format], from_graph_name: oxigraph.defaultGraph() });
      if (options.graphFormat) return { type: 'serialised', form: 'quads', body };
      return { type: 'quads', ntriples: body, count: quads.length };
    }

    // Bindings (SELECT).
    const solutions = result as Map<string, oxigraph.Term>[];
    if (solutions.length > options.maxResults) {
      throw new LimitExceededError(`Query result has more than the limit of ${options.maxResults} rows; add a LIMIT or narrow the query`, { status: 413 });
    }
    const bound = new Set<string>();
    const bindings = solutions.map((solution) => {
      const row: Record<string, JsonTerm> = {};
      for (const [name, term] of solution) {
        bound.add(name);
        row[name] = toJsonTerm(term);
      }
      return row;
    });
    const variables = projectedVariables(sparql) ?? [...bound];
    if (options.resultsFormat) {
      return { type: 'serialised', form: 'bindings', body: serialiseSolutions(options.resultsFormat, variables, bindings) };
    }
    return { type: 'bindings', variables, bindings };
  }
}

/** Tells whether a query that oxigraph already accepted is a CONSTRUCT or DESCRIBE query. */
function isGraphQuery(sparql: string): boolean {
  let parsed: ReturnType<InstanceType<typeof SparqlParser>['parse']>;
  try {
    parsed = new SparqlParser().parse(sparql);
  } catch {
    // sparqljs rejects some queries that oxigraph runs; an empty result of those is taken as bindings.
    return false;
  }
  return parsed.type === 'query' && (parsed.queryType === 'CONSTRUCT' || parsed.queryType === 'DESCRIBE');
}

function isQuad(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'subject' in value && 'predicate' in value;
}

/**
 * Checks that a text is valid N-Quads.
 * @throws BadInputError with the parser's message (which gives the line) when it is not.
 */
export function validateNQuads(nquads: string): void {
  // Loading into a scratch store is several times faster than `oxigraph.parse`, which builds a JavaScript
  // object per quad.
  const scratch = new oxigraph.Store();
  try {
    scratch.load(nquads, { format: 'application/n-quads', no_transaction: true });
  } catch (error) {
    throw new BadInputError(`Change could not be stored because its N-Quads are invalid: ${(error as Error).message}`, { cause: error });
  } finally {
    (scratch as unknown as { free(): void }).free();
  }
}

/** Characters that an IRI reference in SPARQL may not contain. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what IRIs may not contain
const INVALID_IRI_CHARACTERS = /[<>"{}|^`\\\u0000-\u0020]/;

/**
 * Writes an IRI as a SPARQL IRI reference.
 * @throws BadInputError when the IRI contains a character that would end the reference early.
 */
function iriRef(iri: string): string {
  if (INVALID_IRI_CHARACTERS.test(iri)) throw new BadInputError(`Graph IRI <${iri}> contains a character that IRIs may not contain`);
  return `<${iri}>`;
}

/** Converts an oxigraph term to the SPARQL JSON results form. */
export function toJsonTerm(term: oxigraph.Term): JsonTerm {
  switch (term.termType) {
    case 'NamedNode':
      return { type: 'uri', value: term.value };
    case 'BlankNode':
      return { type: 'bnode', value: term.value };
    case 'Literal':
      if (term.language) return { type: 'literal', value: term.value, 'xml:lang': term.language };
      if (term.datatype.value === 'http://www.w3.org/2001/XMLSchema#string') return { type: 'literal', value: term.value };
      return { type: 'literal', value: term.value, datatype: term.datatype.value };
    default:
      return { type: 'literal', value: String((term as { value?: unknown }).value ?? '') };
  }
}

/** The error class of WebAssembly traps; the compiler's library settings do not declare `WebAssembly`. */
const WasmRuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } }).WebAssembly.RuntimeError;

/** Turns oxigraph's "error at LINE:COLUMN: ..." into a ParseError with that location. */
function toQueryError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^error at (\d+):(\d+): (.*)$/s.exec(message);
  if (match) {
    const detail = match[3]!.split('\n')[0]!.slice(0, 200);
    return new ParseError(`Invalid SPARQL query at line ${match[1]}, column ${match[2]}: ${detail}`, {
      cause: error, location: { line: Number(match[1]), column: Number(match[2]) },
    });
  }
  if (error instanceof WasmRuntimeError) {
    return new BadInputError(`The query engine failed on this query (${message}), which usually means it is nested too deeply; simplify the query`, { cause: error });
  }
  return new BadInputError(`Query failed: ${message}`, { cause: error });
}

/** Tells whether an error comes from a trap of the WebAssembly engine, after which its memory cannot be trusted. */
export function isEngineFault(error: unknown): boolean {
  return error instanceof WasmRuntimeError || (error instanceof Error && error.cause instanceof WasmRuntimeError);
}
