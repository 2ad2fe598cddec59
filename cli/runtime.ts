/**
 * The composition root's building blocks: configuration, logger and store, opened the same way by every
 * subcommand.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../core/config';
import { createLogger, type Logger } from '../core/logger';
import { BadInputError } from '../core/errors';
import type { CatalogueStore } from '../store/CatalogueStore';
import { InProcessStore } from '../store/InProcessStore';

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

/** Loads the configuration and opens the store it names. */
export async function openRuntime(configFile: string | undefined): Promise<Runtime> {
  const config = loadConfig({ file: configFile, requireFile: configFile !== undefined });
  const logger = createLogger(process.env.LOG_LEVEL ?? config.logLevel);
  const store = new InProcessStore({ baseIri: config.baseIri, maxResults: config.query.maxResults });
  return { config, logger, store };
}
