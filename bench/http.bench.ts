/**
 * HTTP benchmark: SPARQL over HTTP (subject lookup, text search, facet counts, paged listing) and the framed
 * JSON-LD record endpoint. The real application serves them on the embedded store (worker threads). The same
 * work done in-process on one oxigraph replica (`InProcessStore`) in the same run is the baseline.
 *
 * Run: `npx tsx bench/http.bench.ts` (100k and 1M triples) or `npx tsx bench/http.bench.ts --quick` (100k).
 * The server runs in a child process, so that the load-generating client does not share its event loop. The
 * client sends a fixed number of requests per kind of work over loopback, 4 at a time; the in-process
 * baseline runs the same queries one after another, as the store's only caller.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFactory } from 'n3';
import { loadConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { createApp } from '../server/app';
import { ResourceReader } from '../server/resource/describeResource';
import { recordKindOf } from '../server/resource/resourceRouter';
import { QueryGate } from '../server/sparql/QueryGate';
import type { CatalogueStore, RecordInput } from '../store/CatalogueStore';
import { EmbeddedStore } from '../store/EmbeddedStore';
import { InProcessStore } from '../store/InProcessStore';
import { frameRecord } from '../vocab/jsonld';
import { BB, DCAT, DCT, RDF, VCARD } from '../vocab/namespaces';

const { blankNode, literal, namedNode, quad } = DataFactory;

const TRIPLES_PER_RECORD = 10;
const RECORDS_PER_SOURCE = 10_000;
const CONCURRENCY = 4;
const WORKERS = 2;
const RECORD_CLASSES = [DCAT.Dataset, DCAT.DataService, BB.BuildingBlock];

/** Requests per kind of work; expensive scans get fewer so a run stays within minutes at 1M triples. */
const REQUESTS = { lookup: 400, search: 40, facets: 20, page: 200, record: 200 } as const;

type WorkName = keyof typeof REQUESTS;

const WORK_LABELS: Record<WorkName, string> = {
  lookup: 'subject lookup (SPARQL)',
  search: 'text search, CONTAINS (SPARQL)',
  facets: 'facet counts, GROUP BY (SPARQL)',
  page: 'paged listing, LIMIT 100 (SPARQL)',
  record: 'framed JSON-LD record',
};

function recordIri(number: number): string {
  return `https://data.example.org/record/${number}`;
}

/** Generates the records of one source deterministically, so server and baseline hold the same data. */
function sourceRecords(sourceIndex: number, count: number): RecordInput[] {
  const records: RecordInput[] = [];
  for (let index = 0; index < count; index++) {
    const number = sourceIndex * RECORDS_PER_SOURCE + index;
    const subject = namedNode(recordIri(number));
    const contact = blankNode();
    records.push({
      iri: subject.value,
      quads: [
        quad(subject, RDF.type, RECORD_CLASSES[number % RECORD_CLASSES.length]!),
        quad(subject, DCT.title, literal(`Record ${number}`, 'nl')),
        quad(subject, DCT.title, literal(`Record ${number}`, 'en')),
        quad(subject, DCT.description, literal(`Beschrijving van record ${number} met kenmerk K${number % 9000 + 1000}`, 'nl')),
        quad(subject, DCT.publisher, namedNode(`https://identifier.overheid.nl/tooi/id/gemeente/gm${String(number % 350).padStart(4, '0')}`)),
        quad(subject, DCAT.keyword, literal(`thema ${number % 40}`, 'nl')),
        quad(subject, DCAT.landingPage, namedNode(`https://data.example.org/page/${number}`)),
        quad(subject, DCT.modified, literal('2026-01-01', namedNode('http://www.w3.org/2001/XMLSchema#date'))),
        quad(subject, DCAT.contactPoint, contact),
        quad(contact, VCARD.fn, literal(`Team ${number % 90}`)),
      ],
    });
  }
  return records;
}

/** Loads `triples` record triples into a store, one source per 10 000 records. */
async function loadCatalogue(store: CatalogueStore, baseIri: string, triples: number): Promise<number> {
  const records = Math.ceil(triples / TRIPLES_PER_RECORD);
  for (let sourceIndex = 0; sourceIndex * RECORDS_PER_SOURCE < records; sourceIndex++) {
    const count = Math.min(RECORDS_PER_SOURCE, records - sourceIndex * RECORDS_PER_SOURCE);
    await store.replaceSource({
      source: `bench-${sourceIndex}`, runIri: `${baseIri}run/bench-${sourceIndex}`, generatedAt: new Date('2026-01-01T00:00:00Z'),
      records: sourceRecords(sourceIndex, count),
    });
  }
  return records;
}

/** A pseudo-random sequence with a fixed seed, so every run sends the same queries. */
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Returns the SPARQL text of request `index` of a kind of work. */
function sparqlFor(work: Exclude<WorkName, 'record'>, records: number, random: () => number): string {
  switch (work) {
    case 'lookup':
      return `SELECT ?p ?o WHERE { <${recordIri(Math.floor(random() * records))}> ?p ?o }`;
    case 'search':
      return `SELECT ?s ?d WHERE { ?s <${DCT.description.value}> ?d FILTER(CONTAINS(?d, "K${1000 + Math.floor(random() * 9000)}")) } LIMIT 20`;
    case 'facets':
      return `SELECT ?publisher (COUNT(?s) AS ?n) WHERE { ?s <${DCT.publisher.value}> ?publisher } GROUP BY ?publisher`;
    case 'page':
      return `SELECT ?s ?title ?publisher WHERE { ?s a <${DCAT.Dataset.value}> ; <${DCT.title.value}> ?title . `
        + `OPTIONAL { ?s <${DCT.publisher.value}> ?publisher } FILTER(lang(?title) = "nl") } LIMIT 100 OFFSET ${Math.floor(random() * 20) * 100}`;
  }
}

/** Latencies of one kind of work, in milliseconds, with the wall time of the whole batch. */
interface Measurement {
  readonly latencies: number[];
  readonly wallMs: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/** Sends `count` requests, `CONCURRENCY` at a time, and checks each status. */
async function measureHttp(count: number, makeRequest: (index: number) => Promise<Response>): Promise<Measurement> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < count) {
      const index = next++;
      const start = performance.now();
      const response = await makeRequest(index);
      const body = await response.text();
      if (response.status !== 200) throw new Error(`Request ${index} failed with ${response.status}: ${body.slice(0, 300)}`);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  return { latencies, wallMs: performance.now() - started };
}

/** Runs `count` operations one after another. */
async function measureInProcess(count: number, operation: (index: number) => Promise<unknown>): Promise<Measurement> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    await operation(index);
    latencies.push(performance.now() - start);
  }
  return { latencies, wallMs: performance.now() - started };
}

/** Child mode: serves the generated catalogue on the embedded store and prints `READY <url>`. */
async function serve(triples: number): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bouwblokken-http-bench-'));
  const server = createServer();
  // The client keeps connections open while the in-process baseline runs for many seconds. Node closes idle
  // connections after 5 s by default, and a request sent on a connection as it closes fails.
  server.keepAliveTimeout = 600_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const loaded = loadConfig({ file: '/nonexistent/bouwblokken-bench.yaml', env: { BOUWBLOKKEN_BASE_IRI: url } });
  const config = { ...loaded, query: { ...loaded.query, workers: WORKERS, timeoutMs: 120_000, maxResults: 100_000 } };
  const store = await EmbeddedStore.open({ baseIri: url, dataDir, workers: WORKERS, timeoutMs: 120_000, maxResults: 100_000 });
  await loadCatalogue(store, url, triples);
  server.on('request', createApp({ config, store, logger: createLogger('silent'), startedAt: new Date() }));
  process.stdout.write(`READY ${url}\n`);

  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close();
    void store.close().finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

/** Starts the server child for one size and resolves with its URL once the catalogue is loaded. */
function startServerChild(triples: number): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--serve', String(triples)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /READY (\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`The benchmark server exited with code ${code} before it was ready`)));
  });
}

/** One row of the result table. */
interface Row {
  readonly triples: number;
  readonly work: WorkName;
  readonly http: Measurement;
  readonly inProcess: Measurement;
}

async function runSize(triples: number): Promise<Row[]> {
  const { child, url } = await startServerChild(triples);
  try {
    const baseline = new InProcessStore({ baseIri: url, maxResults: 100_000 });
    const records = await loadCatalogue(baseline, url, triples);
    const reader = new ResourceReader(baseline, new QueryGate({ maxRunning: 1, maxWaiting: 1, maxWaitMs: 120_000 }), { timeoutMs: 120_000, maxResults: 100_000 });
    const rows: Row[] = [];

    for (const work of Object.keys(REQUESTS) as WorkName[]) {
      const count = REQUESTS[work];

      // The same pseudo-random queries for HTTP and in-process.
      const httpRandom = randomSequence(42);
      const localRandom = randomSequence(42);
      if (work === 'record') {
        const http = await measureHttp(count, () => fetch(`${url}resource?iri=${encodeURIComponent(recordIri(Math.floor(httpRandom() * records)))}`, { headers: { accept: 'application/ld+json' } }));
        const inProcess = await measureInProcess(count, async () => {
          const iri = recordIri(Math.floor(localRandom() * records));
          const quads = await reader.describe(iri);
          return JSON.stringify(await frameRecord(quads, recordKindOf(iri, quads)!));
        });
        rows.push({ triples, work, http, inProcess });
        continue;
      }
      const http = await measureHttp(count, () => fetch(`${url}sparql?query=${encodeURIComponent(sparqlFor(work, records, httpRandom))}`, { headers: { accept: 'application/sparql-results+json' } }));
      const inProcess = await measureInProcess(count, () => baseline.query({ query: sparqlFor(work, records, localRandom), resultsFormat: 'json' }));
      rows.push({ triples, work, http, inProcess });
    }
    await baseline.close();
    return rows;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function formatRate(measurement: Measurement): string {
  return (measurement.latencies.length / (measurement.wallMs / 1000)).toFixed(0);
}

function formatLatency(measurement: Measurement, fraction: number): string {
  const sorted = [...measurement.latencies].sort((a, b) => a - b);
  return percentile(sorted, fraction).toFixed(1);
}

function table(rows: readonly Row[]): string {
  const lines = [
    '| triples | work | requests | HTTP req/s | HTTP p50 ms | HTTP p99 ms | in-process ops/s | in-process p50 ms | in-process p99 ms | req/s, HTTP ÷ in-process |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const ratio = (row.http.latencies.length / row.http.wallMs) / (row.inProcess.latencies.length / row.inProcess.wallMs);
    lines.push(`| ${row.triples.toLocaleString('en')} | ${WORK_LABELS[row.work]} | ${row.http.latencies.length} | ${formatRate(row.http)} | `
      + `${formatLatency(row.http, 0.5)} | ${formatLatency(row.http, 0.99)} | ${formatRate(row.inProcess)} | `
      + `${formatLatency(row.inProcess, 0.5)} | ${formatLatency(row.inProcess, 0.99)} | ${ratio.toFixed(2)} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const serveIndex = process.argv.indexOf('--serve');
  if (serveIndex >= 0) {
    await serve(Number(process.argv[serveIndex + 1]));
    return;
  }
  const sizes = process.argv.includes('--quick') ? [100_000] : [100_000, 1_000_000];
  const rows: Row[] = [];
  for (const triples of sizes) {
    process.stderr.write(`Measuring at ${triples.toLocaleString('en')} triples...\n`);
    rows.push(...await runSize(triples));
  }
  process.stdout.write(`${table(rows)}\n`);
}

await main();
