/**
 * Reads the stored version of records of one source, so that a harvest run can keep a record's previous version
 * when its new version is rejected. The queries are built as sparqljs structures: the source name and the graph
 * IRI enter as terms, never as pasted text.
 */
import sparqljs from 'sparqljs';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import type { CatalogueStore, JsonTerm, QueryResult, RecordInput } from '../store/CatalogueStore';
import { recordGraphIri } from '../store/graphs';
import { PREFIXES } from '../vocab/namespaces';

const PREFIX_LINES = Object.entries(PREFIXES).map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>`).join('\n');

/** The records of the source in `VALUES ?source` and the URL each was read from, in the provenance graph. */
const STORED_RECORDS_QUERY = `${PREFIX_LINES}
SELECT ?record ?sourceUrl WHERE {
  VALUES ?source { "" }
  ?graph a bb:RecordGraph ;
    bb:sourceName ?source ;
    foaf:primaryTopic ?record .
  OPTIONAL { ?graph prov:wasDerivedFrom ?sourceUrl }
}`;

/** Every quad of the record graph in `VALUES ?graph`. */
const RECORD_GRAPH_QUERY = `CONSTRUCT { ?s ?p ?o } WHERE {
  VALUES ?graph { <urn:x-placeholder> }
  GRAPH ?graph { ?s ?p ?o }
}`;

const parser = new sparqljs.Parser();
const generator = new sparqljs.Generator();
const storedRecordsTemplate = parser.parse(STORED_RECORDS_QUERY) as sparqljs.SelectQuery;
const recordGraphTemplate = parser.parse(RECORD_GRAPH_QUERY) as sparqljs.ConstructQuery;

/** Upper bound on the rows of one read; it guards against a runaway result only. */
const MAX_ROWS = 10_000_000;

const QUERY_TIMEOUT_MS = 120_000;

/**
 * Reads the stored versions of those `iris` that `source` currently publishes.
 * @returns the stored records by IRI, with the URL each was read from when the store has one. IRIs that the
 *   source does not publish are absent.
 * @throws the store's errors (LimitExceededError on deadline or size, UpstreamError for an external store).
 */
export async function readStoredRecords(
  store: CatalogueStore, baseIri: string, source: string, iris: readonly string[],
): Promise<Map<string, RecordInput>> {
  const found = new Map<string, RecordInput>();
  if (iris.length === 0) return found;

  // Find which of the records the source publishes now.
  const stored = new Map<string, string | undefined>();
  const rows = bindingsOf(await store.query({
    query: withValue(storedRecordsTemplate, '?source', DataFactory.literal(source)),
    defaultGraphs: [store.provenanceGraph], maxResults: MAX_ROWS, timeoutMs: QUERY_TIMEOUT_MS,
  }));
  for (const row of rows) stored.set(row.record!.value, row.sourceUrl?.value);

  // Read the record graph of each of them.
  for (const iri of new Set(iris)) {
    if (!stored.has(iri)) continue;
    const graph = DataFactory.namedNode(recordGraphIri(baseIri, source, iri));
    const result = await store.query({ query: withValue(recordGraphTemplate, '?graph', graph), maxResults: MAX_ROWS, timeoutMs: QUERY_TIMEOUT_MS });
    if (result.type !== 'quads') throw new Error(`expected quads from a CONSTRUCT query, got ${result.type}`);
    const quads: Quad[] = new Parser({ format: 'application/n-triples' }).parse(result.ntriples);
    if (quads.length === 0) continue;
    const sourceUrl = stored.get(iri);
    found.set(iri, sourceUrl ? { iri, quads, sourceUrl } : { iri, quads });
  }
  return found;
}

/** Returns the text of `template` with its first `VALUES` clause binding `variable` to `value`. */
function withValue(template: sparqljs.SelectQuery | sparqljs.ConstructQuery, variable: `?${string}`, value: sparqljs.IriTerm | sparqljs.LiteralTerm): string {
  const query = structuredClone(template);
  const values = query.where?.find((pattern): pattern is sparqljs.ValuesPattern => pattern.type === 'values');
  if (!values) throw new Error(`query template has no VALUES clause for ${variable}`);
  values.values = [{ [variable]: value }];
  return generator.stringify(query);
}

function bindingsOf(result: QueryResult): ReadonlyArray<Readonly<Record<string, JsonTerm>>> {
  // NOTE: the oxigraph replica reports an empty SELECT result as zero quads, so that means no rows.
  if (result.type === 'quads' && result.count === 0) return [];
  if (result.type !== 'bindings') throw new Error(`expected SELECT bindings from the store, got ${result.type}`);
  return result.bindings;
}
