/**
 * Acceptance run against the real recorded files in `../shared/real-data/`, next to the repository. It serves
 * them through the loopback replay server in the formats of the real sources and harvests them with the real
 * harvesters and shapes. Per source it prints the records read, published and rejected (with the three most
 * frequent reasons) and the time taken. It skips with a message when the folder is missing.
 *
 * What is served, per source:
 * - api-register: the 21 `ApiSummary` answers recorded in `importResult.json`, as `GET /apis` and
 *   `GET /apis/{id}`; their organisations as `GET /organisations`.
 * - api-register-registrations: the registration payloads of `bla.json` and `testApis.json` (OAS URL,
 *   organisation URI, contact), each served as a register entry that has only those fields.
 * - legacy-register: the 2019-2021 register's directory of API files, read as a directory source.
 * - data-overheid: the 60 `package_show` results of 2015 as `package_search` and `package_list`.
 * - oss-register: the publiccode.yml examples, each served as a repository detail with its `publicCode`.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { SourceConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { InProcessStore } from '../store/InProcessStore';
import { RecordValidator } from '../shapes/validator';
import type { Harvester } from '../harvesters/Harvester';
import { createHarvester } from '../harvesters/registry';
import { runHarvest, type HarvestRunReport } from '../harvesters/runHarvest';
import { ReplayServer, ckanPackageList, ckanPackageSearch, registerCollection } from '../test/harvesters/replay/ReplayServer';

const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));
const REAL_DATA = path.resolve(REPOSITORY_ROOT, '../shared/real-data');
const BASE_IRI = 'http://127.0.0.1:8080/';

async function main(): Promise<number> {
  if (!existsSync(REAL_DATA)) {
    process.stdout.write(`Acceptatie overgeslagen / acceptance skipped: ${REAL_DATA} does not exist\n`);
    return 0;
  }

  // Serve the recorded files in the real formats.
  const server = await ReplayServer.start();
  try {
    await serveApiRegister(server);
    await serveRegistrations(server);
    await serveCkan(server);
    await serveOssRegister(server);

    // Harvest each source with the real harvesters and shapes.
    const validator = await RecordValidator.load();
    const logger = createLogger(process.env.LOG_LEVEL ?? 'silent');
    const store = new InProcessStore({ baseIri: BASE_IRI });
    const sources: Array<[string, SourceConfig]> = [
      ['api-register', config('developer-overheid-api-register', { baseUrl: `${server.baseUrl}/api-register/v1`, apiKey: 'acceptance' })],
      ['api-register-registrations', config('developer-overheid-api-register', { baseUrl: `${server.baseUrl}/registrations/v1`, apiKey: 'acceptance' })],
      ['legacy-register', config('developer-overheid-legacy', { directory: path.join(REAL_DATA, 'developer-overheid/legacy-don-2019-2021/data/apis') })],
      ['data-overheid', config('data-overheid-ckan', { baseUrl: `${server.baseUrl}/data/api/3/action` })],
      ['oss-register', config('developer-overheid-oss-register', { baseUrl: `${server.baseUrl}/oss-register/v1`, apiKey: 'acceptance' })],
    ];
    const reports: HarvestRunReport[] = [];
    for (const [name, sourceConfig] of sources) {
      const harvester: Harvester = createHarvester(name, sourceConfig, { tuning: { backoffBaseMs: 10, maxBackoffMs: 100, detailConcurrency: 8 } });
      reports.push(await runHarvest(harvester, { store, validator, logger, baseIri: BASE_IRI }));
    }

    process.stdout.write(formatTable(reports));
    return reports.every((report) => report.outcome === 'completed') ? 0 : 1;
  } finally {
    await server.close();
  }
}

function config(kind: SourceConfig['kind'], overrides: Partial<SourceConfig>): SourceConfig {
  return { kind, enabled: true, requestTimeoutMs: 10_000, runTimeoutMs: 300_000, maxPages: 1_000, maxRetries: 1, ...overrides };
}

async function readJson<T>(relative: string): Promise<T> {
  return JSON.parse(await readFile(path.join(REAL_DATA, relative), 'utf8')) as T;
}

type RegisterEntry = { id: string; organisation?: { uri?: string; label?: string } };

async function serveApiRegister(server: ReplayServer): Promise<void> {
  const log = await readJson<Array<Record<string, unknown>>>('developer-overheid/api-register-2025/importResult.json');
  const apis = log.filter((entry): entry is RegisterEntry & Record<string, unknown> => typeof entry.id === 'string');
  server.route('/api-register/v1/apis', registerCollection(() => apis));
  for (const api of apis) server.route(`/api-register/v1/apis/${api.id}`, () => ({ body: api }));
  const organisations = new Map(apis.filter((api) => api.organisation?.uri).map((api) => [api.organisation!.uri!, api.organisation]));
  server.route('/api-register/v1/organisations', () => ({ body: [...organisations.values()] }));
}

async function serveRegistrations(server: ReplayServer): Promise<void> {
  const payloads = [
    ...await readJson<Array<Record<string, unknown>>>('developer-overheid/api-register-2025/bla.json'),
    ...await readJson<Array<Record<string, unknown>>>('developer-overheid/api-register-2025/testApis.json'),
  ];
  const entries = payloads.map((payload, index) => ({
    id: `registration-${index + 1}`,
    oasUrl: payload.href,
    organisation: { uri: payload.organisationUri, label: '' },
    ...(payload.contact ? { contact: payload.contact } : {}),
  }));
  server.route('/registrations/v1/apis', registerCollection(() => entries));
  for (const entry of entries) server.route(`/registrations/v1/apis/${entry.id}`, () => ({ body: entry }));
  server.route('/registrations/v1/organisations', () => ({ body: [] }));
}

async function serveCkan(server: ReplayServer): Promise<void> {
  const directory = path.join(REAL_DATA, 'data-overheid/ckan-2015-dcat-ap-nl-1.0/package_show');
  const packages: Array<Record<string, unknown>> = [];
  for (const name of (await readdir(directory)).filter((file) => file.endsWith('.json')).sort()) {
    packages.push(JSON.parse(await readFile(path.join(directory, name), 'utf8')) as Record<string, unknown>);
  }
  server.route('/data/api/3/action/package_search', ckanPackageSearch(() => packages));
  server.route('/data/api/3/action/package_list', ckanPackageList(() => packages));
}

async function serveOssRegister(server: ReplayServer): Promise<void> {
  const directory = path.join(REAL_DATA, 'publiccode/examples');
  const repositories: Array<Record<string, unknown> & { id: string }> = [];
  for (const name of (await readdir(directory)).filter((file) => /\.ya?ml$/.test(file)).sort()) {
    const publicCode = parseYaml(await readFile(path.join(directory, name), 'utf8')) as Record<string, unknown>;
    repositories.push({ id: name.replace(/\.publiccode\.ya?ml$/, ''), url: publicCode.url, name: publicCode.name, publicCode });
  }
  server.route('/oss-register/v1/repositories', registerCollection(() => repositories, { summary: ({ publicCode: _publicCode, ...summary }) => summary }));
  for (const repository of repositories) server.route(`/oss-register/v1/repositories/${repository.id}`, () => ({ body: repository }));
}

/** Formats the per-source table: counts, time, and the three most frequent reasons for rejection. */
function formatTable(reports: readonly HarvestRunReport[]): string {
  const header = ['source', 'outcome', 'read', 'published', 'rejected', 'time (s)'];
  const rows = reports.map((report) => [
    report.source, report.outcome, String(report.counts.read), String(report.counts.published), String(report.counts.rejected),
    (report.durationMs / 1000).toFixed(2),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |\n`;
  let text = line(header) + line(widths.map((width) => '-'.repeat(width)));
  for (const row of rows) text += line(row);
  for (const report of reports) {
    text += `\n${report.source}${report.reason ? ` (${report.reason})` : ''}:\n`;
    if (report.topReasons.length === 0) text += '  no rejections\n';
    for (const reason of report.topReasons) text += `  ${String(reason.count).padStart(4)} × ${reason.message.en}\n`;
  }
  return text;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Acceptance run failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
