/**
 * The composition root's building blocks: configuration, logger and store, opened the same way by every
 * subcommand.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../core/config';
import { createLogger, type Logger } from '../core/logger';
import { BadInputError } from '../core/errors';
import type { CatalogueStore } from '../store/CatalogueStore';
import { EmbeddedStore } from '../store/EmbeddedStore';
import { openReadOnlyStore } from '../store/readOnlyStore';
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
 * Returns the port given on the command line, or the configured one.
 * @throws BadInputError when the value is not a port number.
 */
export function portOption(value: string | undefined, configured: number): number {
  if (value === undefined) return configured;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
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

/**
 * Loads the configuration and opens the store in its data directory. `write` opens the embedded store, which
 * takes the directory's lock; `read` loads what the directory contains without the lock, so it works while a
 * server runs, and sees no later writes.
 * @throws ConflictError (write) when another process has the directory open.
 */
export async function openRuntime(configFile: string | undefined, access: 'read' | 'write' = 'write'): Promise<Runtime> {
  const config = loadConfig({ file: configFile, requireFile: configFile !== undefined });
  const logger = createLogger(process.env.LOG_LEVEL ?? config.logLevel);
  const directory = storeDirectory(config);
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
