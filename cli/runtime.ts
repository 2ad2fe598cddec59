/**
 * The composition root's building blocks: configuration, logger and store, opened the same way by every
 * subcommand.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../core/config';
import { createLogger, type Logger } from '../core/logger';
import { BadInputError, ConflictError } from '../core/errors';
import type { CatalogueStore } from '../store/CatalogueStore';
import { EmbeddedStore } from '../store/EmbeddedStore';
import { openReadOnlyStore } from '../store/readOnlyStore';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Options that every subcommand accepts. */
export const COMMON_OPTIONS = {
  config: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/**
 * Parses a subcommand's arguments.
 * @throws BadInputError for an unknown option or a missing value, naming it.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new BadInputError((error as Error).message, { cause: error });
  }
}

/**
 * Returns the port given on the command line, if any.
 * @throws BadInputError when the value is not a port number.
 */
export function portOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new BadInputError(`Option --port must be a port number from 0 to 65535, got "${value}"`);
  }
  return port;
}

/** The configuration, logger and store of one command run. */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: CatalogueStore;
}

/** Directory of the store's snapshot and change log inside the configured data directory. */
export function storeDirectory(config: Config): string {
  return path.join(config.dataDir, 'store');
}

/** File in the store directory that records the base IRI the stored data was written under. */
const INSTANCE_FILE = 'instance.json';

/**
 * Returns the configuration with the base IRI that the data directory was created with. Stored graph names
 * and minted IRIs depend on it, so a directory keeps its base IRI: a configured one that differs is an
 * error, and a derived default gives way to the stored one. A new directory records the configured one.
 * @throws ConflictError when `baseIri` is configured and differs from the stored one.
 */
export function resolveInstanceBaseIri(config: Config, directory: string, access: 'read' | 'write'): Config {
  const file = path.join(directory, INSTANCE_FILE);
  if (existsSync(file)) {
    const stored = (JSON.parse(readFileSync(file, 'utf8')) as { baseIri?: unknown }).baseIri;
    if (typeof stored !== 'string') throw new BadInputError(`${file} has no "baseIri"; restore it or remove the data directory`);
    if (stored === config.baseIri) return config;
    if (!config.baseIriIsDefault) {
      throw new ConflictError(`Data directory ${directory} contains data stored under base IRI ${stored}, but baseIri is configured as ${config.baseIri}; configure ${stored} or use another data directory`);
    }
    return { ...config, baseIri: stored };
  }
  if (access === 'write') {
    mkdirSync(directory, { recursive: true });
    writeFileSync(file, JSON.stringify({ baseIri: config.baseIri }, null, 2) + '\n');
  }
  return config;
}

/**
 * Loads the configuration and opens the store in its data directory. `write` opens the embedded store, which
 * takes the directory's lock; `read` loads what the directory contains without the lock, so it works while a
 * server runs, and sees no later writes.
 * @param options.port the port given on the command line, which also sets a default base IRI.
 * @throws ConflictError (write) when another process has the directory open, or when the configured base IRI
 *   differs from the one the directory was created with.
 */
export async function openRuntime(configFile: string | undefined, access: 'read' | 'write' = 'write', options: { port?: number } = {}): Promise<Runtime> {
  const loaded = loadConfig({ file: configFile, requireFile: configFile !== undefined, port: options.port });
  const directory = storeDirectory(loaded);
  const config = resolveInstanceBaseIri(loaded, directory, access);
  const logger = createLogger(process.env.LOG_LEVEL ?? config.logLevel);
  const store = access === 'read'
    ? openReadOnlyStore({ baseIri: config.baseIri, dataDir: directory, maxResults: config.query.maxResults })
    : await EmbeddedStore.open({
      baseIri: config.baseIri,
      dataDir: directory,
      workers: config.query.workers,
      timeoutMs: config.query.timeoutMs,
      maxResults: config.query.maxResults,
      onWarning: (warning) => logger.warn({ dataDir: directory }, warning.message),
    });
  return { config, logger, store };
}
