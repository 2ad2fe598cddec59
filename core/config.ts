/**
 * Typed configuration: defaults, overridden by a YAML or JSON file, overridden by environment variables.
 * `loadConfig` checks the result and throws a `BadInputError` that names every offending key.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BadInputError } from './errors';

/** Source kinds that a harvester exists or is planned for. */
export const SOURCE_KINDS = [
  'developer-overheid-api-register',
  'developer-overheid-oss-register',
  'developer-overheid-legacy',
  'data-overheid-ckan',
  'dcat',
  'ldes',
  'sparql',
  'bouwblokken',
] as const;

const sourceSchema = z.strictObject({
  kind: z.enum(SOURCE_KINDS),
  /** Base URL of the source's API; every request of its harvester is made relative to it. */
  baseUrl: z.string().url().optional(),
  /** Directory to read from instead of a URL (for sources that are files, such as the 2019-2021 register). */
  directory: z.string().optional(),
  /** API key, sent as `X-Api-Key`. Set it through the environment, never in a committed file. */
  apiKey: z.string().optional(),
  enabled: z.boolean().default(true),
  /** Deadline per HTTP request, in milliseconds. */
  requestTimeoutMs: z.number().int().positive().default(15_000),
  /** Deadline for a whole harvest run of this source, in milliseconds. */
  runTimeoutMs: z.number().int().positive().default(600_000),
  /** Maximum number of pages read in one run; a run that needs more is incomplete. */
  maxPages: z.number().int().positive().default(1_000),
  /** Records per page requested from the source. */
  pageSize: z.number().int().positive().optional(),
  /** Retries for a request that failed with 429, 5xx or a network error. */
  maxRetries: z.number().int().min(0).default(4),
});

const configSchema = z.strictObject({
  /** TCP port of the HTTP server. */
  port: z.number().int().min(0).max(65_535).default(8080),
  /** Interface the server listens on. */
  host: z.string().default('127.0.0.1'),
  /**
   * Base IRI under which this instance mints IRIs; must end with `/`. When absent, `http://{host}:{port}/`
   * (with `127.0.0.1` for a wildcard host, and port 8080 for port 0).
   */
  baseIri: z.string().url().refine((value) => value.endsWith('/'), 'must end with "/"').optional(),
  /** Directory for the store's snapshot and change log, and for harvest state. */
  dataDir: z.string().default('var/data'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  query: z.strictObject({
    /** Deadline of one SPARQL query, in milliseconds. */
    timeoutMs: z.number().int().positive().default(10_000),
    /** Maximum number of result rows or triples of one query. */
    maxResults: z.number().int().positive().default(10_000),
    /** Number of query worker threads, each with its own replica of the store. */
    workers: z.number().int().min(1).max(16).default(2),
  }).prefault({}),
  /** Catalogue files loaded at start as the `curated` source. Relative paths are relative to the project. */
  curatedFiles: z.array(z.string()).default(['data']),
  /** Hosts that SPARQL `SERVICE` clauses may reach (federation partners). */
  partners: z.array(z.string().url()).default([]),
  sources: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'source names use a-z, 0-9 and "-"'), sourceSchema).default({}),
});

/** Configuration of one harvest source. */
export type SourceConfig = z.infer<typeof sourceSchema>;
/** The whole, checked configuration, with the base IRI resolved. */
export type Config = Omit<z.infer<typeof configSchema>, 'baseIri'> & {
  readonly baseIri: string;
  /** True when the base IRI was derived from host and port rather than configured. */
  readonly baseIriIsDefault: boolean;
};

/** Environment variables read by `loadConfig`, and the configuration key each one sets. */
export const ENVIRONMENT_KEYS: Readonly<Record<string, string>> = {
  BOUWBLOKKEN_PORT: 'port',
  BOUWBLOKKEN_HOST: 'host',
  BOUWBLOKKEN_BASE_IRI: 'baseIri',
  BOUWBLOKKEN_DATA_DIR: 'dataDir',
  BOUWBLOKKEN_LOG_LEVEL: 'logLevel',
};

/**
 * Loads the configuration from `file` (YAML or JSON; skipped when absent and not required) and `env`.
 * Besides the variables in `ENVIRONMENT_KEYS`, `BOUWBLOKKEN_SOURCE_<NAME>_BASE_URL` and
 * `BOUWBLOKKEN_SOURCE_<NAME>_API_KEY` set a source's base URL and API key (name in upper case, `-` as `_`),
 * and `DEVELOPER_OVERHEID_API_KEY` sets the key of every developer.overheid.nl source without one.
 * @throws BadInputError naming the file or the offending keys.
 */
export function loadConfig(options: { file?: string; requireFile?: boolean; env?: NodeJS.ProcessEnv; port?: number } = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.BOUWBLOKKEN_CONFIG ?? 'bouwblokken.config.yaml';

  // Read the file, when there is one.
  let raw: Record<string, unknown> = {};
  if (existsSync(file)) {
    raw = readConfigFile(file);
  } else if (options.requireFile || env.BOUWBLOKKEN_CONFIG) {
    throw new BadInputError(`Configuration file ${path.resolve(file)} was not found`);
  }

  // Apply environment variables and the command line's port on top of it.
  applyEnvironment(raw, env);
  if (options.port !== undefined) raw.port = options.port;

  // Check everything and name each offending key.
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new BadInputError(`Invalid configuration (${file}): ${problems.join('; ')}`);
  }
  const { baseIri, ...rest } = result.data;
  return { ...rest, baseIri: baseIri ?? defaultBaseIri(rest.host, rest.port), baseIriIsDefault: baseIri === undefined };
}

/** Returns the base IRI of an instance that listens on `host:port` and has none configured. */
export function defaultBaseIri(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const name = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port === 0 ? 8080 : port}/`;
}

function readConfigFile(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BadInputError(`Configuration file ${file} is not valid YAML or JSON`, { cause: error });
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BadInputError(`Configuration file ${file} must contain a mapping of keys to values`);
  }
  return parsed as Record<string, unknown>;
}

function applyEnvironment(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): void {
  for (const [variable, key] of Object.entries(ENVIRONMENT_KEYS)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    raw[key] = key === 'port' ? toNumber(value, variable) : value;
  }

  const sources = (raw.sources ?? {}) as Record<string, Record<string, unknown>>;
  for (const [variable, value] of Object.entries(env)) {
    const match = /^BOUWBLOKKEN_SOURCE_([A-Z0-9_]+)_(BASE_URL|API_KEY|DIRECTORY)$/.exec(variable);
    if (!match || value === undefined) continue;
    const name = match[1]!.toLowerCase().replaceAll('_', '-');
    const source = sources[name];
    if (!source) {
      throw new BadInputError(`Environment variable ${variable} names source "${name}", which is not configured`);
    }
    const field = { BASE_URL: 'baseUrl', API_KEY: 'apiKey', DIRECTORY: 'directory' }[match[2] as 'BASE_URL'];
    source[field] = value;
  }

  const sharedKey = env.DEVELOPER_OVERHEID_API_KEY;
  if (sharedKey) {
    for (const source of Object.values(sources)) {
      if (String(source.kind).startsWith('developer-overheid') && source.apiKey === undefined) source.apiKey = sharedKey;
    }
  }
}

function toNumber(value: string, variable: string): number {
  const number = Number(value);
  if (!Number.isFinite(number)) throw new BadInputError(`Environment variable ${variable} must be a number, got "${value}"`);
  return number;
}
