/**
 * Harvest throughput on a generated portal: 20,000 data.overheid.nl-style CKAN packages and 1,000 API register
 * APIs, served by the loopback replay server. For each source it times the stages of a run separately: read
 * and map, validate on the main thread, validate on worker threads as a run does, and store. Then it times a
 * whole `runHarvest`. It prints records per second with each stage's ratio to read-and-map, the baseline of
 * the same run. Storing goes to the served store, `EmbeddedStore` (2 query workers, journal in a temporary
 * directory), so it includes validating the N-Quads and the fsync'ed journal. A large change starts a
 * compaction in the background; closing the store waits for it, and that wait is not timed.
 *
 * Run: `npx tsx bench/harvest.ts`; `BENCH_SCALE=0.1` (quick) runs a tenth of the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import type { SourceConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { EmbeddedStore } from '../store/EmbeddedStore';
import { RecordValidator } from '../shapes/validator';
import type { Harvester, HarvestSnapshot } from '../harvesters/Harvester';
import { createHarvester } from '../harvesters/registry';
import { validateRecords } from '../harvesters/recordValidation';
import { runHarvest } from '../harvesters/runHarvest';
import { SourceState } from '../harvesters/state';
import { ReplayServer, ckanPackageList, ckanPackageSearch, registerCollection } from '../test/harvesters/replay/ReplayServer';

const BASE_IRI = 'http://127.0.0.1:8080/';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PACKAGES = Math.round(20_000 * SCALE);
const APIS = Math.round(1_000 * SCALE);
const logger = createLogger('silent');

/** One row of the result table. */
interface Row { source: string; stage: string; records: number; seconds: number }

async function main(): Promise<void> {
  const server = await ReplayServer.start();
  const packages = Array.from({ length: PACKAGES }, (_, index) => generatePackage(index));
  const apis = Array.from({ length: APIS }, (_, index) => generateApi(index));
  server.route('/data/api/3/action/package_search', ckanPackageSearch(() => packages));
  server.route('/data/api/3/action/package_list', ckanPackageList(() => packages));
  server.route('/api-register/v1/apis', registerCollection(() => apis));
  for (const api of apis) server.route(`/api-register/v1/apis/${api.id}`, () => ({ body: api }));
  server.route('/api-register/v1/organisations', () => ({ body: [] }));

  const validator = await RecordValidator.load();
  const rows: Row[] = [];
  try {
    for (const [source, config] of [
      ['data-overheid', sourceConfig('data-overheid-ckan', `${server.baseUrl}/data/api/3/action`, 1000)],
      ['api-register', sourceConfig('developer-overheid-api-register', `${server.baseUrl}/api-register/v1`, 100)],
    ] as Array<[string, SourceConfig]>) {
      const harvester = createHarvester(source, config, { tuning: { detailConcurrency: 8 } });

      // Read and map: the baseline.
      let started = performance.now();
      const snapshot = await readSnapshot(harvester);
      rows.push({ source, stage: 'read + map', records: snapshot.records.length, seconds: seconds(started) });

      // Validate every record on the main thread.
      started = performance.now();
      for (const record of snapshot.records) validator.validate(record.quads as Quad[]);
      rows.push({ source, stage: 'validate', records: snapshot.records.length, seconds: seconds(started) });

      // Validate as a run does: on worker threads when the snapshot is large enough.
      started = performance.now();
      await validateRecords(snapshot.records, validator, logger);
      rows.push({ source, stage: 'validate as a run does', records: snapshot.records.length, seconds: seconds(started) });

      // Store the snapshot.
      await withStore(async (store) => {
        started = performance.now();
        await store.replaceSource({ source, runIri: `${BASE_IRI}run/bench`, generatedAt: new Date(), records: snapshot.records });
        rows.push({ source, stage: 'store', records: snapshot.records.length, seconds: seconds(started) });
      });

      // The whole run, as `harvest` does it.
      await withStore(async (store) => {
        started = performance.now();
        const report = await runHarvest(harvester, { store, validator, logger, baseIri: BASE_IRI });
        if (report.reason) process.stderr.write(`${source}: ${report.reason}\n`);
        rows.push({ source, stage: `whole run (${report.outcome})`, records: report.counts.published + report.counts.rejected, seconds: seconds(started) });
      });
    }
  } finally {
    await server.close();
  }
  process.stdout.write(formatTable(rows));
}

/** Runs `use` on an empty embedded store in a temporary directory, then closes the store and removes the directory. */
async function withStore(use: (store: EmbeddedStore) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bb-bench-harvest-'));
  const store = await EmbeddedStore.open({ baseIri: BASE_IRI, dataDir });
  try {
    await use(store);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function readSnapshot(harvester: Harvester): Promise<HarvestSnapshot> {
  return harvester.harvest({
    runId: 'bench', baseIri: BASE_IRI, logger, signal: AbortSignal.timeout(harvester.runTimeoutMs),
    cache: await SourceState.load(undefined, harvester.source), full: true, progress: () => {},
  });
}

function sourceConfig(kind: SourceConfig['kind'], baseUrl: string, pageSize: number): SourceConfig {
  return { kind, baseUrl, apiKey: 'bench', pageSize, enabled: true, requestTimeoutMs: 60_000, runTimeoutMs: 3_600_000, maxPages: 10_000, maxRetries: 2 };
}

function seconds(started: number): number {
  return (performance.now() - started) / 1000;
}

/** Generates a package with the DCAT-AP-DONL fields that data.overheid.nl fills most, and two resources. */
function generatePackage(index: number): Record<string, unknown> {
  const themes = ['Bestuur', 'Economie', 'Natuur_en_milieu', 'Verkeer_(thema)', 'Zorg_en_gezondheid', 'Onderwijs_en_wetenschap'];
  const day = String((index % 28) + 1).padStart(2, '0');
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    name: `dataset-${String(index).padStart(6, '0')}`,
    title: `Dataset ${index}`,
    notes: `Beschrijving van dataset ${index}, met <b>opmaak</b> zoals oudere records die hebben.`,
    identifier: index % 2 === 0 ? `https://data.example.nl/id/dataset/${index}` : `${index}NED`,
    metadata_modified: `2025-01-${day}T10:00:00.000000`,
    metadata_language: 'http://publications.europa.eu/resource/authority/language/NLD',
    language: ['http://publications.europa.eu/resource/authority/language/NLD'],
    authority: 'http://standaarden.overheid.nl/owms/terms/Centraal_Bureau_voor_de_Statistiek',
    publisher: 'http://standaarden.overheid.nl/owms/terms/Centraal_Bureau_voor_de_Statistiek',
    contact_point_name: 'Infoservice',
    contact_point_email: 'info@example.nl',
    license_id: 'http://creativecommons.org/licenses/by/4.0/deed.nl',
    access_rights: 'http://publications.europa.eu/resource/authority/access-right/PUBLIC',
    theme: [`http://standaarden.overheid.nl/owms/terms/${themes[index % themes.length]}`],
    modified: `2025-01-${day}`,
    frequency: 'http://publications.europa.eu/resource/authority/frequency/ANNUAL',
    url: `https://www.example.nl/datasets/${index}`,
    tags: [{ name: 'statistiek' }, { name: `onderwerp-${index % 50}` }],
    resources: [
      { url: `https://www.example.nl/datasets/${index}/data.csv`, name: 'CSV', format: 'CSV', size: 1000 + index },
      { url: `https://www.example.nl/datasets/${index}/api`, name: 'API', format: 'JSON', media_type: 'application/json' },
    ],
  };
}

/** Generates an `ApiDetail` of the API register with two environments. */
function generateApi(index: number): Record<string, unknown> & { id: string } {
  return {
    id: `api${String(index).padStart(5, '0')}`,
    title: `API ${index}`,
    description: `Beschrijving van API ${index}.`,
    contact: { name: 'Servicedesk', email: 'servicedesk@example.nl', url: 'https://www.example.nl/contact' },
    organisation: { uri: 'https://identifier.overheid.nl/tooi/id/zbo/zb000195', label: 'Kadaster' },
    adrScore: index % 101,
    lifecycle: { status: 'active', version: `1.${index % 10}.0` },
    oasUrl: `https://api.example.nl/${index}/openapi.json`,
    auth: ['API Key'],
    docsUrl: `https://www.example.nl/apis/${index}`,
    servers: [
      { url: `https://api.example.nl/${index}/v1`, description: 'Productie' },
      { url: `https://api.test.example.nl/${index}/v1`, description: 'Test' },
    ],
  };
}

function formatTable(rows: readonly Row[]): string {
  const baseline = new Map(rows.filter((row) => row.stage === 'read + map').map((row) => [row.source, row.records / row.seconds]));
  const header = ['source', 'stage', 'records', 'seconds', 'records/s', 'ratio to read + map'];
  const cells = rows.map((row) => {
    const rate = row.records / row.seconds;
    return [row.source, row.stage, String(row.records), row.seconds.toFixed(2), rate.toFixed(0), (rate / baseline.get(row.source)!).toFixed(2)];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  const line = (values: string[]): string => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |\n`;
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}`;
  return `Harvest throughput, ${PACKAGES} packages and ${APIS} APIs (${machine})\n\n${line(header)}${line(widths.map((width) => '-'.repeat(width)))}${cells.map(line).join('')}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
