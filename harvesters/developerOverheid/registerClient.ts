/**
 * What the API register and the OSS register of developer.overheid.nl have in common: the `X-Api-Key` header,
 * collections paged with `page` and `perPage` (at most 100) and announced by the `Link`, `Total-Count` and
 * `Total-Pages` headers, and a bare JSON array as body.
 */
import { BadInputError, UpstreamError } from '../../core/errors';
import type { SourceConfig } from '../../core/config';
import type { HarvestContext } from '../Harvester';
import { HttpClient, ResponseError } from '../http';
import { collectPages, nextLink } from '../paging';

/** Largest `perPage` that the registers accept. */
export const MAX_PER_PAGE = 100;

/** Settings that tests and benchmarks override; production uses the defaults. */
export interface HttpTuning {
  readonly backoffBaseMs?: number;
  readonly maxBackoffMs?: number;
  /** Detail requests in flight at once. */
  readonly detailConcurrency?: number;
}

/**
 * Creates the HTTP client of one run of a register source, with its API key.
 * @throws BadInputError when no API key is configured.
 */
export function createRegisterClient(source: string, config: SourceConfig, context: HarvestContext, tuning: HttpTuning): HttpClient {
  if (!config.apiKey) {
    throw new BadInputError(
      `Source "${source}" has no API key; set DEVELOPER_OVERHEID_API_KEY (or BOUWBLOKKEN_SOURCE_${source.toUpperCase().replaceAll('-', '_')}_API_KEY) in the environment`,
    );
  }
  return new HttpClient({
    requestTimeoutMs: config.requestTimeoutMs,
    runSignal: context.signal,
    maxRetries: config.maxRetries,
    backoffBaseMs: tuning.backoffBaseMs,
    maxBackoffMs: tuning.maxBackoffMs,
    headers: { 'x-api-key': config.apiKey },
    cache: context.cache,
    logger: context.logger,
  });
}

/**
 * Reads a whole paged collection of a register.
 * @throws UpstreamError when a page is not a JSON array, when fewer items arrive than `Total-Count` announced,
 *   and whatever `collectPages` throws.
 */
export async function readCollection<T extends { id?: unknown }>(
  http: HttpClient, firstUrl: string, options: { maxPages: number; context: HarvestContext },
): Promise<{ items: T[]; pages: number }> {
  let announced: number | undefined;
  const result = await collectPages<T>({
    firstUrl,
    maxPages: options.maxPages,
    itemKey: (item) => (typeof item.id === 'string' ? item.id : undefined),
    onPage: options.context.progress,
    fetchPage: async (url) => {
      const { response, json } = await http.getJson(url);
      if (!Array.isArray(json)) throw new UpstreamError(`GET ${url} returned ${typeof json === 'object' ? 'an object' : typeof json} where a JSON array of items was expected`);
      const total = Number(response.headers['total-count']);
      if (Number.isFinite(total)) announced = total;
      return { items: json as T[], nextUrl: nextPageUrl(url, response.headers), body: response.body };
    },
  });
  if (announced !== undefined && result.items.length < announced) {
    throw new UpstreamError(`${firstUrl} announced ${announced} items (Total-Count) but returned ${result.items.length} over ${result.pages} pages`);
  }
  return result;
}

/** Returns the next page from the `Link` header, or from `Current-Page` and `Total-Pages` when there is no link. */
function nextPageUrl(url: string, headers: Readonly<Record<string, string>>): string | undefined {
  if (headers.link !== undefined) return nextLink(headers.link, url);
  const current = Number(headers['current-page'] ?? new URL(url).searchParams.get('page') ?? 1);
  const totalPages = Number(headers['total-pages']);
  if (!Number.isFinite(totalPages) || !Number.isFinite(current) || current >= totalPages) return undefined;
  const next = new URL(url);
  next.searchParams.set('page', String(current + 1));
  return next.toString();
}

/** Returns true for a detail request failure that concerns only that item: it is gone (404) or its JSON is broken. */
export function isItemFailure(error: unknown): error is ResponseError {
  return error instanceof ResponseError && (error.invalidBody || error.upstreamStatus === 404 || error.upstreamStatus === 410);
}

/** Joins a base URL and a path, keeping the base's own path. */
export function resolveUnder(baseUrl: string, relative: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${relative.replace(/^\/+/, '')}`;
}
