/**
 * Store benchmark: load, snapshot and restart of the embedded store at 100k and 1M record triples. The
 * baseline is the in-process store: one oxigraph replica on the main thread, without persistence. Records are
 * generated and DCAT-like, with 10 triples per record and 10 000 records per source.
 *
 * Run: `npx tsx bench/store.bench.ts` (100k and 1M) or `npx tsx bench/store.bench.ts --quick` (10k and 100k).
 * Each case runs in a child process of its own, so that its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFactory } from 'n3';
import type { CatalogueStore, RecordInput, SourceReplacement } from '../store/CatalogueStore';
import { EmbeddedStore } from '../store/EmbeddedStore';
import { InProcessStore } from '../store/InProcessStore';
import { OxigraphReplica } from '../store/OxigraphReplica';
import { provenanceGraphIri } from '../store/graphs';
import { splitIntoLoadChunks } from '../store/loadChunks';
import { DCAT, DCT, RDF, VCARD } from '../vocab/namespaces';

const { blankNode, literal, namedNode, quad } = DataFactory;
const BASE = 'http://127.0.0.1:8080/';
const RECORDS_PER_SOURCE = 10_000;
const TRIPLES_PER_RECORD = 10;
const WORKERS = 2;

/** Measurements of one case, in seconds, bytes and megabytes. */
interface CaseResult {
  readonly store: 'embedded' | 'in-process';
  readonly triples: number;
  readonly quads: number;
  /** Until the last write was acknowledged. */
  readonly loadSeconds: number;
  /** Until every replica had applied the last write (equal to load for the in-process store). */
  readonly appliedSeconds: number;
  /** Embedded: reopening with the whole load in the change log. In-process: no equivalent. */
  readonly restartFromLogSeconds?: number;
  /** Embedded: `compact()`. In-process: dump as N-Quads, write and fsync. */
  readonly snapshotSeconds: number;
  readonly snapshotBytes: number;
  /** Embedded: reopening from the snapshot. In-process: reading the dump and loading it in chunks. */
  readonly restartSeconds: number;
  readonly peakRssMegabytes: number;
}

/** Generates the records of one source. They are made per source, so the heap contains one source at a time. */
function sourceSnapshot(sourceIndex: number, records: number): SourceReplacement {
  const source = `bench-${sourceIndex}`;
  const inputs: RecordInput[] = [];
  for (let index = 0; index < records; index++) {
    const number = sourceIndex * RECORDS_PER_SOURCE + index;
    const iri = `https://data.example.org/dataset/${number}`;
    const subject = namedNode(iri);
    const contact = blankNode();
    inputs.push({
      iri,
      quads: [
        quad(subject, RDF.type, DCAT.Dataset),
        quad(subject, DCT.title, literal(`Dataset ${number}`, 'nl')),
        quad(subject, DCT.title, literal(`Dataset ${number}`, 'en')),
        quad(subject, DCT.description, literal(`Beschrijving van dataset ${number} voor de benchmark`, 'nl')),
        quad(subject, DCT.publisher, namedNode(`https://identifier.overheid.nl/tooi/id/gemeente/gm${String(number % 350).padStart(4, '0')}`)),
        quad(subject, DCAT.keyword, literal(`thema ${number % 40}`, 'nl')),
        quad(subject, DCAT.landingPage, namedNode(`https://data.example.org/page/${number}`)),
        quad(subject, DCT.modified, literal('2026-01-01', namedNode('http://www.w3.org/2001/XMLSchema#date'))),
        quad(subject, DCAT.contactPoint, contact),
        quad(contact, VCARD.fn, literal(`Team ${number % 90}`)),
      ],
    });
  }
  return { source, runIri: `${BASE}run/${source}`, generatedAt: new Date('2026-01-01T00:00:00Z'), records: inputs };
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

async function load(store: CatalogueStore, triples: number): Promise<number> {
  const records = triples / TRIPLES_PER_RECORD;
  const began = performance.now();
  for (let sourceIndex = 0; sourceIndex * RECORDS_PER_SOURCE < records; sourceIndex++) {
    await store.replaceSource(sourceSnapshot(sourceIndex, Math.min(RECORDS_PER_SOURCE, records - sourceIndex * RECORDS_PER_SOURCE)));
  }
  return seconds(began);
}

async function runEmbedded(triples: number): Promise<CaseResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bb-bench-store-'));
  try {
    let store = await EmbeddedStore.open({ baseIri: BASE, dataDir, workers: WORKERS, compactionMinBytes: Number.MAX_SAFE_INTEGER });
    const began = performance.now();
    const loadSeconds = await load(store, triples);
    const { quadCount: quads } = await store.statistics();
    const appliedSeconds = seconds(began);
    await store.close();

    let reopened = performance.now();
    store = await EmbeddedStore.open({ baseIri: BASE, dataDir, workers: WORKERS });
    const restartFromLogSeconds = seconds(reopened);

    const compacting = performance.now();
    await store.compact();
    const snapshotSeconds = seconds(compacting);
    await store.close();
    const snapshotBytes = statSync(path.join(dataDir, 'snapshot-00000001.nq')).size;

    reopened = performance.now();
    store = await EmbeddedStore.open({ baseIri: BASE, dataDir, workers: WORKERS });
    const restartSeconds = seconds(reopened);
    const restored = (await store.statistics()).quadCount;
    if (restored !== quads) throw new Error(`Restart restored ${restored} quads, expected ${quads}`);
    await store.close();
    return {
      store: 'embedded', triples, quads, loadSeconds, appliedSeconds, restartFromLogSeconds, snapshotSeconds, snapshotBytes, restartSeconds,
      peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runInProcess(triples: number): Promise<CaseResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bb-bench-store-'));
  try {
    const store = new InProcessStore({ baseIri: BASE });
    const loadSeconds = await load(store, triples);
    const { quadCount: quads } = await store.statistics();

    // Snapshot: dump, write and fsync, as a persistence layer on the main thread would.
    const snapshotPath = path.join(dataDir, 'snapshot.nq');
    const dumping = performance.now();
    const dump = await store.dump('n-quads');
    const fd = openSync(snapshotPath, 'w');
    writeSync(fd, dump);
    fsyncSync(fd);
    closeSync(fd);
    const snapshotSeconds = seconds(dumping);

    // Restart: read the dump and load it in blank-node-safe chunks into a fresh replica.
    const restarting = performance.now();
    const replica = new OxigraphReplica(provenanceGraphIri(BASE));
    for (const chunk of splitIntoLoadChunks(readFileSync(snapshotPath, 'utf8'))) replica.loadSnapshot(chunk);
    const restartSeconds = seconds(restarting);
    if (replica.size !== quads) throw new Error(`Reload restored ${replica.size} quads, expected ${quads}`);
    return {
      store: 'in-process', triples, quads, loadSeconds, appliedSeconds: loadSeconds, snapshotSeconds, snapshotBytes: statSync(snapshotPath).size,
      restartSeconds, peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function runCase(store: CaseResult['store'], triples: number): CaseResult {
  const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--case', store, String(triples)], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as CaseResult;
}

function format(value: number | undefined, digits = 2): string {
  return value === undefined ? '–' : value.toFixed(digits);
}

function table(results: readonly CaseResult[]): string {
  const lines = [
    '| record triples | quads stored | store | load (s) | load, all replicas applied (s) | quads/s | restart from log (s) | snapshot (s) | snapshot (MB) | restart from snapshot (s) | peak RSS (MB) |',
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const result of results) {
    lines.push(`| ${result.triples.toLocaleString('en')} | ${result.quads.toLocaleString('en')} | ${result.store} | ${format(result.loadSeconds)} | ${format(result.appliedSeconds)} | ${Math.round(result.quads / result.appliedSeconds).toLocaleString('en')} | ${format(result.restartFromLogSeconds)} | ${format(result.snapshotSeconds)} | ${format(result.snapshotBytes / 1e6, 0)} | ${format(result.restartSeconds)} | ${format(result.peakRssMegabytes, 0)} |`);
  }
  lines.push('', '| record triples | load ratio | snapshot ratio | restart ratio | peak RSS ratio |', '|---:|---:|---:|---:|---:|');
  for (const embedded of results.filter((result) => result.store === 'embedded')) {
    const baseline = results.find((result) => result.store === 'in-process' && result.triples === embedded.triples);
    if (!baseline) continue;
    lines.push(`| ${embedded.triples.toLocaleString('en')} | ${format(embedded.appliedSeconds / baseline.loadSeconds)} | ${format(embedded.snapshotSeconds / baseline.snapshotSeconds)} | ${format(embedded.restartSeconds / baseline.restartSeconds)} | ${format(embedded.peakRssMegabytes / baseline.peakRssMegabytes)} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const caseIndex = process.argv.indexOf('--case');
  if (caseIndex >= 0) {
    const store = process.argv[caseIndex + 1];
    const triples = Number(process.argv[caseIndex + 2]);
    const result = store === 'embedded' ? await runEmbedded(triples) : await runInProcess(triples);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }

  const sizes = process.argv.includes('--quick') ? [10_000, 100_000] : [100_000, 1_000_000];
  const results: CaseResult[] = [];
  for (const triples of sizes) {
    for (const store of ['in-process', 'embedded'] as const) {
      process.stderr.write(`running ${store} at ${triples} triples\n`);
      results.push(runCase(store, triples));
    }
  }
  process.stdout.write(`Store benchmark: ${WORKERS} query workers, ${RECORDS_PER_SOURCE} records per source, Node ${process.version}\n\n${table(results)}\n`);
  process.stdout.write('\nRatios are embedded ÷ in-process; load compares until all replicas applied.\n');
  const current = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  process.stdout.write(`Load average at the end: ${current}\n`);
}

await main();
