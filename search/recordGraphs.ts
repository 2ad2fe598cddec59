/**
 * Reads the record graphs of one source from the store, with the statements that the derived indexes
 * (reference index, search index, REST API) need. Three queries per source: two over the provenance graph
 * for the record graphs and where they were read from, one for the statements in those graphs. The query
 * texts are constants; the source name enters as a term of a `VALUES` clause built with sparqljs, never as
 * pasted text.
 */
import sparqljs from 'sparqljs';
import { DataFactory } from 'n3';
import type { CatalogueStore, JsonTerm, QueryResult } from '../store/CatalogueStore';
import {
  ADMS, BB, DCAT, DCT, FOAF, OWL, PREFIXES, PROV, RDF, SCHEMA, SKOS,
} from '../vocab/namespaces';

/** One statement of a record graph. Blank nodes are keyed `_:label`, consistent within one load. */
export interface Statement {
  readonly subject: string;
  readonly property: string;
  readonly value: JsonTerm;
}

/** One record graph: which record it describes, where it came from and when, and its selected statements. */
export interface RecordGraph {
  /** IRI of the named graph. */
  readonly graph: string;
  readonly source: string;
  /** IRI of the record's main resource (`foaf:primaryTopic` of the graph). */
  readonly record: string;
  /** `prov:generatedAtTime` of the graph, as an `xsd:dateTime` lexical form. */
  readonly harvestedAt: string;
  /** URL the record was read from, when the harvester gave one. */
  readonly sourceUrl?: string;
  readonly statements: readonly Statement[];
}

/**
 * Properties read from record graphs. Everything the indexes derive comes from these, so a property that
 * is not listed here is invisible to search, the verwijsindex and the REST API summaries.
 */
export const INDEXED_PROPERTIES: readonly string[] = [
  RDF.type, DCT.title, DCT.description, DCT.identifier, DCT.modified, DCT.issued, DCT.publisher, DCT.type,
  DCT.hasPart, DCT.isPartOf, DCT.relation, DCT.conformsTo,
  DCAT.keyword, DCAT.theme, DCAT.endpointURL, DCAT.endpointDescription, DCAT.landingPage, DCAT.accessURL,
  DCAT.downloadURL, DCAT.distribution, DCAT.hadRole, DCAT.version,
  ADMS.status, ADMS.identifier, SKOS.notation, SKOS.prefLabel,
  PROV.qualifiedAttribution, PROV.agent,
  FOAF.name, FOAF.homepage, FOAF.page, OWL.sameAs,
  SCHEMA.name, SCHEMA.description, SCHEMA.codeRepository, SCHEMA.url, SCHEMA.keywords,
  BB.kind, BB.domain, BB.application, BB.environment, BB.environmentKind, BB.authentication,
  BB.api, BB.testEnvironment, BB.testData, BB.dataset, BB.codeRepository, BB.documentation, BB.usesBlock,
  BB.partOfBlock, BB.servesRegister, BB.implementsApi,
].map((term) => term.value);

const PREFIX_LINES = Object.entries(PREFIXES).map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>`).join('\n');

/** Record graphs of the sources in `VALUES ?source`, read from the provenance graph (the default graph). */
const RECORD_GRAPHS_QUERY = `${PREFIX_LINES}
SELECT ?graph ?record ?harvestedAt WHERE {
  VALUES ?source { "" }
  ?graph a bb:RecordGraph ;
    bb:sourceName ?source ;
    foaf:primaryTopic ?record ;
    prov:generatedAtTime ?harvestedAt .
}`;

/**
 * URLs the record graphs were read from. A query of its own because an OPTIONAL in the query above made it
 * five times slower on oxigraph 0.5.
 */
const SOURCE_URLS_QUERY = `${PREFIX_LINES}
SELECT ?graph ?sourceUrl WHERE {
  VALUES ?source { "" }
  ?graph bb:sourceName ?source ;
    prov:wasDerivedFrom ?sourceUrl .
}`;

/** Statements with an indexed property in the record graphs of the sources in `VALUES ?source`. */
const STATEMENTS_QUERY = `${PREFIX_LINES}
SELECT ?graph ?subject ?property ?value WHERE {
  VALUES ?source { "" }
  ?graph a bb:RecordGraph ;
    bb:sourceName ?source .
  GRAPH ?graph {
    ?subject ?property ?value .
    FILTER(?property IN (${INDEXED_PROPERTIES.map((iri) => `<${iri}>`).join(', ')}))
  }
}`;

const parser = new sparqljs.Parser();
const generator = new sparqljs.Generator();
const recordGraphsTemplate = parser.parse(RECORD_GRAPHS_QUERY) as sparqljs.SelectQuery;
const statementsTemplate = parser.parse(STATEMENTS_QUERY) as sparqljs.SelectQuery;
const sourceUrlsTemplate = parser.parse(SOURCE_URLS_QUERY) as sparqljs.SelectQuery;

/** Returns the text of `template` with its first `VALUES ?source` clause set to `source`. */
function querySource(template: sparqljs.SelectQuery, source: string): string {
  const query = structuredClone(template);
  const values = query.where?.find((pattern): pattern is sparqljs.ValuesPattern => pattern.type === 'values');
  if (!values) throw new Error('query template has no VALUES clause for ?source');
  values.values = [{ '?source': DataFactory.literal(source) }];
  return generator.stringify(query);
}

/** Upper bound on rows of one load; far above any real source, it only guards against a runaway result. */
const MAX_ROWS = 50_000_000;

/**
 * Loads the record graphs of `source` with their indexed statements. A source without records yields an
 * empty array, so a removed source simply empties its part of the indexes.
 * @throws the store's errors (LimitExceededError on deadline or size, UpstreamError for an external store).
 */
export async function loadRecordGraphs(store: CatalogueStore, source: string): Promise<RecordGraph[]> {
  const request = { defaultGraphs: [store.provenanceGraph], maxResults: MAX_ROWS, timeoutMs: 120_000 };

  // Read the record graphs of the source from the provenance graph.
  const graphRows = bindingsOf(await store.query({ ...request, query: querySource(recordGraphsTemplate, source) }));
  const statementsByGraph = new Map<string, Statement[]>();
  for (const row of graphRows) statementsByGraph.set(row.graph!.value, []);
  if (graphRows.length === 0) return [];

  // Read where each graph was read from.
  const sourceUrls = new Map<string, string>();
  for (const row of bindingsOf(await store.query({ ...request, query: querySource(sourceUrlsTemplate, source) }))) {
    sourceUrls.set(row.graph!.value, row.sourceUrl!.value);
  }

  // Read their statements and group them by graph.
  const statementRows = bindingsOf(await store.query({ ...request, query: querySource(statementsTemplate, source) }));
  for (const row of statementRows) {
    const statements = statementsByGraph.get(row.graph!.value);
    if (!statements) continue;
    statements.push({ subject: termKey(row.subject!), property: row.property!.value, value: row.value! });
  }

  return graphRows.map((row) => ({
    graph: row.graph!.value,
    source,
    record: row.record!.value,
    harvestedAt: row.harvestedAt!.value,
    ...(sourceUrls.has(row.graph!.value) ? { sourceUrl: sourceUrls.get(row.graph!.value)! } : {}),
    statements: statementsByGraph.get(row.graph!.value)!,
  }));
}

/** Returns the key of a subject term: its IRI, or `_:label` for a blank node. */
export function termKey(term: JsonTerm): string {
  return term.type === 'bnode' ? `_:${term.value}` : term.value;
}

function bindingsOf(result: QueryResult): ReadonlyArray<Readonly<Record<string, JsonTerm>>> {
  // NOTE: the oxigraph replica reports an empty SELECT result as zero quads, so that means no rows.
  if (result.type === 'quads' && result.count === 0) return [];
  if (result.type !== 'bindings') throw new Error(`expected SELECT bindings from the store, got ${result.type}`);
  return result.bindings;
}
