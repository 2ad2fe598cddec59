/**
 * Harvester of data.overheid.nl through the CKAN Action API. A full run pages through `package_search` with
 * `rows` (at most 1000) and `start` until `start + rows >= count`. An incremental run requests only packages
 * whose `metadata_modified` is at or after the start of the last complete run, takes `package_list` to learn
 * which packages still exist, and merges both with the packages kept from that run, so it still hands over a
 * full snapshot.
 */
import type { SourceConfig } from '../../core/config';
import { BadInputError, UpstreamError } from '../../core/errors';
import type { HarvestContext, HarvestedRecord, Harvester, HarvestSnapshot } from '../Harvester';
import { HttpClient } from '../http';
import { collectPages } from '../paging';
import type { HttpTuning } from '../developerOverheid/registerClient';
import { resolveUnder } from '../developerOverheid/registerClient';
import { mapPackage, type CkanPackage } from './mapping';

/** Production base URL of data.overheid.nl's CKAN Action API. */
export const CKAN_URL = 'https://data.overheid.nl/data/api/3/action';
/** Largest `rows` that the portal accepts. */
export const MAX_ROWS = 1000;
/**
 * Time subtracted from the last complete run's start when asking for changes, so that a package changed while
 * that run was reading is read again.
 */
const INCREMENTAL_OVERLAP_MS = 10 * 60_000;

/** Packages kept between runs, keyed by package name. */
interface CkanState {
  readonly packages: Readonly<Record<string, CkanPackage>>;
}

/** Reads data.overheid.nl (or another CKAN portal with the DCAT-AP-DONL fields). */
export class CkanHarvester implements Harvester {
  readonly kind = 'data-overheid-ckan';
  readonly location: string;
  readonly runTimeoutMs: number;

  constructor(readonly source: string, private readonly config: SourceConfig, private readonly tuning: HttpTuning = {}) {
    this.location = config.baseUrl ?? CKAN_URL;
    this.runTimeoutMs = config.runTimeoutMs;
  }

  async harvest(context: HarvestContext): Promise<HarvestSnapshot> {
    const http = new HttpClient({
      requestTimeoutMs: this.config.requestTimeoutMs,
      runSignal: context.signal,
      maxRetries: this.config.maxRetries,
      backoffBaseMs: this.tuning.backoffBaseMs,
      maxBackoffMs: this.tuning.maxBackoffMs,
      cache: context.cache,
      logger: context.logger,
    });
    const previous = context.previousState as CkanState | undefined;
    const since = context.full || !previous?.packages || !context.lastCompleteRunAt
      ? undefined
      : new Date(context.lastCompleteRunAt.getTime() - INCREMENTAL_OVERLAP_MS);

    // Read the packages: all of them, or those changed since the last complete run.
    const { items, pages } = await this.search(http, context, since);
    const packages = new Map<string, CkanPackage>();
    let note: string | undefined;
    if (since && previous) {
      const names = await this.listNames(http);
      for (const name of names) {
        const kept = previous.packages[name];
        if (kept) packages.set(name, kept);
      }
      for (const pkg of items) packages.set(packageKey(pkg), pkg);
      for (const name of packages.keys()) if (!names.has(name)) packages.delete(name);
      note = `incremental: ${items.length} packages changed since ${since.toISOString()}, ${names.size} in package_list`;
    } else {
      for (const pkg of items) packages.set(packageKey(pkg), pkg);
    }

    // Map every package.
    const records: HarvestedRecord[] = [];
    for (const pkg of packages.values()) {
      const sourceUrl = resolveUnder(this.location, `package_show?id=${encodeURIComponent(String(pkg.name ?? pkg.id ?? ''))}`);
      records.push(mapPackage(pkg, { baseIri: context.baseIri, sourceUrl }));
    }
    return {
      records, failures: [], itemsRead: items.length, pages,
      state: { packages: Object.fromEntries(packages) } satisfies CkanState,
      ...(note ? { note } : {}),
    };
  }

  private async search(http: HttpClient, context: HarvestContext, since: Date | undefined): Promise<{ items: CkanPackage[]; pages: number }> {
    const rows = Math.min(this.config.pageSize ?? MAX_ROWS, MAX_ROWS);
    const pageUrl = (start: number): string => {
      const url = new URL(resolveUnder(this.location, 'package_search'));
      url.searchParams.set('q', '*:*');
      if (since) url.searchParams.set('fq', `metadata_modified:[${since.toISOString()} TO *]`);
      url.searchParams.set('sort', 'name asc');
      url.searchParams.set('rows', String(rows));
      url.searchParams.set('start', String(start));
      return url.toString();
    };

    let count: number | undefined;
    return collectPages<CkanPackage>({
      firstUrl: pageUrl(0),
      maxPages: this.config.maxPages,
      itemKey: (pkg) => (typeof pkg.id === 'string' ? pkg.id : undefined),
      onPage: context.progress,
      fetchPage: async (url) => {
        const result = await actionResult<{ count?: unknown; results?: unknown }>(http, url);
        if (typeof result.count !== 'number' || !Array.isArray(result.results)) {
          throw new UpstreamError(`GET ${url} returned a package_search result without "count" and "results"`);
        }
        if (count !== undefined && result.count !== count) {
          throw new UpstreamError(`The number of packages changed from ${count} to ${result.count} while paging (${url}); the snapshot would be inconsistent`);
        }
        count = result.count;
        const start = Number(new URL(url).searchParams.get('start'));
        const body = JSON.stringify(result.results);
        return { items: result.results as CkanPackage[], nextUrl: start + rows >= result.count ? undefined : pageUrl(start + rows), body };
      },
    });
  }

  private async listNames(http: HttpClient): Promise<Set<string>> {
    const url = resolveUnder(this.location, 'package_list');
    const names = await actionResult<unknown>(http, url);
    if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
      throw new UpstreamError(`GET ${url} returned no list of package names`);
    }
    return new Set(names as string[]);
  }
}

/** Returns the key under which a package is kept: its name, which `package_list` also uses. */
function packageKey(pkg: CkanPackage): string {
  return String(pkg.name ?? pkg.id ?? '');
}

/**
 * Calls a CKAN action and returns its `result`.
 * @throws UpstreamError when the envelope has `success: false` or has no `result`, with CKAN's error message.
 */
async function actionResult<T>(http: HttpClient, url: string): Promise<T> {
  const { json } = await http.getJson(url);
  const envelope = json as { success?: unknown; result?: unknown; error?: { message?: unknown } };
  if (typeof envelope !== 'object' || envelope === null || envelope.success !== true || !('result' in envelope)) {
    const message = typeof envelope?.error?.message === 'string' ? `: ${envelope.error.message}` : '';
    throw new UpstreamError(`GET ${url} returned a CKAN response without success${message}`);
  }
  return envelope.result as T;
}

/** @throws BadInputError when a configured page size exceeds what the portal accepts. */
export function checkCkanConfig(source: string, config: SourceConfig): void {
  if (config.pageSize !== undefined && config.pageSize > MAX_ROWS) {
    throw new BadInputError(`Source "${source}": pageSize ${config.pageSize} is above CKAN's maximum of ${MAX_ROWS} rows`);
  }
}
