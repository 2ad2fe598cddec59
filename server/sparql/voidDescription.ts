/**
 * The VoID description of the catalogue, served at `/.well-known/void`: counts of triples, records,
 * subjects, properties and classes, measured in the store, with one subset per source.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { CatalogueStore, JsonTerm } from '../../store/CatalogueStore';
import { BB, DCT, PROV, RDF, VOID, XSD } from '../../vocab/namespaces';
import { SPARQL_PATH, VOID_PATH } from './serviceDescription';

const { namedNode, literal, quad } = DataFactory;

/** Counts over the record graphs; the provenance graph is left out. */
const RECORD_COUNTS_QUERY = `
SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
WHERE { ?g a <${BB.RecordGraph.value}> . GRAPH ?g { ?s ?p ?o } }`;

const CLASS_PARTITION_QUERY = `
SELECT ?class (COUNT(DISTINCT ?s) AS ?entities)
WHERE { ?g a <${BB.RecordGraph.value}> . GRAPH ?g { ?s a ?class } }
GROUP BY ?class ORDER BY ?class`;

const LAST_HARVEST_QUERY = `
SELECT (MAX(?time) AS ?modified)
WHERE { ?g a <${BB.RecordGraph.value}> ; <${PROV.generatedAtTime.value}> ?time }`;

/** Returns the IRI of the catalogue as a VoID dataset. */
export function voidDatasetIri(baseIri: string): string {
  return `${baseIri}${VOID_PATH}#catalogue`;
}

/**
 * Measures the store and describes it in VoID.
 * @param runQuery runs one query against the store; the router passes one that goes through its query gate.
 * @throws whatever the store throws (a deadline or size limit when the store is very large).
 */
export async function buildVoidDescription(
  store: CatalogueStore,
  baseIri: string,
  runQuery: (query: string) => ReturnType<CatalogueStore['query']>,
): Promise<Quad[]> {
  const statistics = await store.statistics();
  const [counts] = rowsOf(await runQuery(RECORD_COUNTS_QUERY));
  const classes = rowsOf(await runQuery(CLASS_PARTITION_QUERY));
  const [lastHarvest] = rowsOf(await runQuery(LAST_HARVEST_QUERY));

  // The catalogue as a whole.
  const dataset = namedNode(voidDatasetIri(baseIri));
  const quads: Quad[] = [
    quad(dataset, RDF.type, VOID.Dataset),
    quad(dataset, DCT.title, literal('Bouwblokken-catalogus', 'nl')),
    quad(dataset, DCT.title, literal('Bouwblokken catalogue', 'en')),
    quad(dataset, VOID.sparqlEndpoint, namedNode(baseIri + SPARQL_PATH)),
    quad(dataset, VOID.uriSpace, literal(`${baseIri}id/`)),
    quad(dataset, VOID.triples, integer(counts?.triples?.value ?? '0')),
    quad(dataset, VOID.entities, integer(String(statistics.recordGraphCount))),
    quad(dataset, VOID.distinctSubjects, integer(counts?.subjects?.value ?? '0')),
    quad(dataset, VOID.properties, integer(counts?.properties?.value ?? '0')),
    quad(dataset, VOID.classes, integer(String(classes.length))),
  ];
  if (lastHarvest?.modified) quads.push(quad(dataset, DCT.modified, literal(lastHarvest.modified.value, XSD.dateTime)));

  // One partition per class, one subset per source.
  for (const row of classes) {
    const partition = namedNode(`${voidDatasetIri(baseIri)}-class-${encodeURIComponent(row.class!.value)}`);
    quads.push(
      quad(dataset, VOID.classPartition, partition),
      quad(partition, VOID.class, namedNode(row.class!.value)),
      quad(partition, VOID.entities, integer(row.entities!.value)),
    );
  }
  for (const [source, records] of Object.entries(statistics.sources).sort(([a], [b]) => a.localeCompare(b))) {
    const subset = namedNode(`${voidDatasetIri(baseIri)}-source-${encodeURIComponent(source)}`);
    quads.push(
      quad(dataset, VOID.subset, subset),
      quad(subset, RDF.type, VOID.Dataset),
      quad(subset, BB.sourceName, literal(source)),
      quad(subset, VOID.entities, integer(String(records))),
    );
  }
  return quads;
}

function integer(value: string) {
  return literal(value, XSD.integer);
}

function rowsOf(result: Awaited<ReturnType<CatalogueStore['query']>>): ReadonlyArray<Readonly<Record<string, JsonTerm>>> {
  if (result.type !== 'bindings') throw new Error(`Expected bindings from a VoID count query, got ${result.type}`);
  return result.bindings;
}
