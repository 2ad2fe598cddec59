/**
 * Shared setup of the harvester tests: a real in-process store, the real shapes validator (loaded once), a
 * silent logger, source configurations with short deadlines, and SPARQL helpers.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SourceConfig } from '../../core/config';
import { createLogger } from '../../core/logger';
import { RecordValidator } from '../../shapes/validator';
import type { JsonTerm } from '../../store/CatalogueStore';
import { InProcessStore } from '../../store/InProcessStore';
import { PREFIXES } from '../../vocab/namespaces';
import type { HttpTuning } from '../../harvesters/developerOverheid/registerClient';

export const BASE_IRI = 'http://127.0.0.1:8080/';
export const logger = createLogger('silent');
/** Backoff and concurrency for tests: retries wait milliseconds, not seconds. */
export const TUNING: HttpTuning = { backoffBaseMs: 5, maxBackoffMs: 200, detailConcurrency: 2 };

let validator: Promise<RecordValidator> | undefined;

/** Returns the shapes validator, compiled once for all tests. */
export function loadValidator(): Promise<RecordValidator> {
  validator ??= RecordValidator.load();
  return validator;
}

export function createStore(): InProcessStore {
  return new InProcessStore({ baseIri: BASE_IRI });
}

/** Returns a fresh temporary data directory. */
export function temporaryDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'bouwblokken-harvest-'));
}

/** Returns a source configuration with short deadlines and few retries. */
export function sourceConfig(kind: SourceConfig['kind'], overrides: Partial<SourceConfig> = {}): SourceConfig {
  return { kind, enabled: true, requestTimeoutMs: 2_000, runTimeoutMs: 10_000, maxPages: 50, maxRetries: 2, ...overrides };
}

/** Runs a SELECT query with the usual prefixes and returns its rows. */
export async function select(store: InProcessStore, body: string): Promise<ReadonlyArray<Readonly<Record<string, JsonTerm>>>> {
  const prefixes = Object.entries(PREFIXES).map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>`).join('\n');
  const result = await store.query({ query: `${prefixes}\n${body}` });
  if (result.type !== 'bindings') throw new Error(`expected bindings, got ${result.type}`);
  return result.bindings;
}

/** Returns the values of variable `name` in the rows of a SELECT query, sorted. */
export async function values(store: InProcessStore, body: string, name: string): Promise<string[]> {
  return (await select(store, body)).map((row) => row[name]?.value ?? '').sort();
}
