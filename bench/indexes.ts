/**
 * Benchmark of the derived indexes (search, reference index) over a synthetic catalogue.
 *
 * Measures, in one run on one store, the first full build and an incremental rebuild after one small source
 * is harvested again, with the longest event-loop stall during each. Search and lookup times are compared
 * with a SPARQL `CONTAINS` scan and a SPARQL lookup on the same store, as baselines.
 *
 * Run: `npx tsx bench/indexes.ts [approximateTriples] [inprocess|embedded]` (default 100000, inprocess).
 * `embedded` runs the queries in the worker threads of `EmbeddedStore`, as the server does; `inprocess` runs
 * them on the main thread, so their time shows as event-loop stalls too. Prints a table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { InProcessStore } from '../store/InProcessStore';
import { EmbeddedStore } from '../store/EmbeddedStore';
import type { CatalogueStore } from '../store/CatalogueStore';
import { CatalogueIndexes } from '../search/CatalogueIndexes';
import { BB, BB_ID, DCAT, DCT, RDF } from '../vocab/namespaces';
import type { RecordInput } from '../store/CatalogueStore';

const { namedNode, literal, blankNode, quad } = DataFactory;

const targetTriples = Number(process.argv[2] ?? 100_000);
const storeKind = process.argv[3] ?? 'inprocess';
const TRIPLES_PER_RECORD = 17;
const SOURCES = 10;
const WORDS = ['gegevens', 'persoon', 'adres', 'kadaster', 'voertuig', 'inkomen', 'bedrijf', 'gemeente', 'belasting', 'zorg', 'onderwijs', 'water'];

/** Builds the records of one synthetic source: data services with an environment, described in Dutch. */
function sourceRecords(source: number, count: number): RecordInput[] {
  const records: RecordInput[] = [];
  for (let index = 0; index < count; index++) {
    const iri = `https://register.example.nl/${source}/api/${index}`;
    const subject = namedNode(iri);
    const environment = blankNode(`env${source}x${index}`);
    const word = WORDS[(index * 7 + source) % WORDS.length]!;
    const quads: Quad[] = [
      quad(subject, RDF.type, DCAT.DataService),
      quad(subject, DCT.title, literal(`${word} API ${index} van bron ${source}`, 'nl')),
      quad(subject, DCT.description, literal(`Levert ${word} en ${WORDS[(index + 3) % WORDS.length]} voor dienst ${index}.`, 'nl')),
      quad(subject, DCT.description, literal(`Provides ${word} data for service ${index}.`, 'en')),
      quad(subject, DCT.identifier, literal(`api-${source}-${index}`)),
      quad(subject, DCAT.keyword, literal(word, 'nl')),
      quad(subject, DCAT.endpointURL, namedNode(`https://api${source}.example.nl/v1/${index}`)),
      quad(subject, DCAT.endpointDescription, namedNode(`https://api${source}.example.nl/v1/${index}/openapi.json`)),
      quad(subject, DCT.publisher, namedNode(`https://identifier.overheid.nl/tooi/id/oorg/oorg${10000 + (index % 50)}`)),
      quad(subject, DCT.modified, literal(`2026-0${1 + (index % 9)}-01`)),
      quad(subject, DCT.conformsTo, namedNode('https://example.org/standard/adr')),
      quad(subject, DCAT.landingPage, namedNode(`https://docs${source}.example.nl/${index}`)),
      quad(subject, BB.authentication, literal('apiKey')),
      quad(subject, BB.environment, environment),
      quad(environment, RDF.type, BB.Environment),
      quad(environment, BB.environmentKind, namedNode(`${BB_ID.namespace}environment/acceptatie`)),
      quad(environment, DCAT.endpointURL, namedNode(`https://acc.api${source}.example.nl/v1/${index}`)),
    ];
    records.push({ iri, quads });
  }
  return records;
}

/** Runs `action` while a 5 ms ticker records the longest delay of the event loop. */
async function withStallMeter<T>(action: () => Promise<T>): Promise<{ value: T; ms: number; maxStallMs: number }> {
  let last = performance.now();
  let maxStallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxStallMs = Math.max(maxStallMs, now - last - 5);
    last = now;
  }, 5);
  const start = performance.now();
  const value = await action();
  const ms = performance.now() - start;
  clearInterval(ticker);
  return { value, ms, maxStallMs };
}

async function timePerCall(runs: number, action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let run = 0; run < runs; run++) await action();
  return (performance.now() - start) / runs;
}

async function main(): Promise<void> {
  const recordsPerSource = Math.ceil(targetTriples / TRIPLES_PER_RECORD / SOURCES);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bouwblokken-bench-'));
  const store: CatalogueStore = storeKind === 'embedded'
    ? await EmbeddedStore.open({ baseIri: 'http://127.0.0.1:8080/', dataDir, maxResults: 10_000_000, timeoutMs: 600_000 })
    : new InProcessStore({ baseIri: 'http://127.0.0.1:8080/', maxResults: 10_000_000 });

  // Load the synthetic sources; the small last source is the one harvested again below.
  const loadStart = performance.now();
  for (let source = 0; source < SOURCES; source++) {
    const count = source === SOURCES - 1 ? Math.max(1, Math.ceil(recordsPerSource / 20)) : recordsPerSource;
    await store.replaceSource({ source: `bron-${source}`, runIri: `http://127.0.0.1:8080/run/${source}`, generatedAt: new Date(), records: sourceRecords(source, count) });
  }
  const statistics = await store.statistics();
  const storeLoadMs = performance.now() - loadStart;

  // First full build.
  const indexes = new CatalogueIndexes(store, new Map());
  const full = await withStallMeter(async () => {
    indexes.start();
    return indexes.current();
  });

  // Incremental rebuild after the small source is harvested again.
  const small = `bron-${SOURCES - 1}`;
  const incremental = await withStallMeter(async () => {
    await store.replaceSource({ source: small, runIri: 'http://127.0.0.1:8080/run/again', generatedAt: new Date(), records: sourceRecords(SOURCES - 1, Math.max(1, Math.ceil(recordsPerSource / 20))) });
    await indexes.settled();
    return indexes.current();
  });

  // Search and lookups against SPARQL baselines on the same store.
  const snapshot = incremental.value;
  const searchMs = await timePerCall(20, () => snapshot.search.search({ q: 'kadaster', offset: 0, limit: 20 }));
  const containsMs = await timePerCall(5, () => store.query({
    query: 'SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/title> ?t FILTER(CONTAINS(LCASE(STR(?t)), "kadaster")) } }',
  }));
  const lookupMs = await timePerCall(200, async () => snapshot.references.lookup('http://www.api3.example.nl/v1/17/'));
  const sparqlLookupMs = await timePerCall(20, () => store.query({
    query: 'SELECT ?s ?g WHERE { GRAPH ?g { ?s ?p <https://api3.example.nl/v1/17> } }',
  }));
  indexes.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });

  // Print the table.
  const rows: Array<[string, string]> = [
    ['quads in store', String(statistics.quadCount)],
    ['record graphs', String(statistics.recordGraphCount)],
    ['store load (s)', (storeLoadMs / 1000).toFixed(1)],
    ['full build: total (ms)', full.ms.toFixed(0)],
    ['full build: SPARQL load + facts (ms)', full.value.timings.loadMs.toFixed(0)],
    ['full build: in-memory indexes (ms)', full.value.timings.buildMs.toFixed(0)],
    ['full build: longest event-loop stall (ms)', full.maxStallMs.toFixed(0)],
    ['incremental, 1 small source: total (ms)', incremental.ms.toFixed(0)],
    ['incremental: SPARQL load + facts (ms)', incremental.value.timings.loadMs.toFixed(0)],
    ['incremental: in-memory indexes (ms)', incremental.value.timings.buildMs.toFixed(0)],
    ['incremental: longest event-loop stall (ms)', incremental.maxStallMs.toFixed(0)],
    ['incremental ÷ full (time)', (incremental.ms / full.ms).toFixed(2)],
    ['search "kadaster" with facets (ms)', searchMs.toFixed(1)],
    ['SPARQL CONTAINS scan, all matches, no facets (ms)', containsMs.toFixed(1)],
    ['search ÷ CONTAINS (time)', (searchMs / containsMs).toFixed(2)],
    ['reference lookup (ms)', lookupMs.toFixed(3)],
    ['SPARQL object lookup, exact IRI only (ms)', sparqlLookupMs.toFixed(2)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`Derived indexes, ~${targetTriples} triples, ${storeKind} store, Node ${process.version}`);
  for (const [name, value] of rows) console.log(`| ${name.padEnd(width)} | ${value.padStart(10)} |`);
}

await main();
