/**
 * The page loop shared by the paged sources, with guards against sources that never end: a cap on the number
 * of pages, a check that no next-page URL comes back, and a check that no page repeats an earlier one (same
 * content, or only items that were already read).
 */
import { createHash } from 'node:crypto';
import { LimitExceededError, UpstreamError } from '../core/errors';

/** One page as a harvester read it. */
export interface PageResult<T> {
  readonly items: readonly T[];
  /** URL of the next page; absent on the last page. */
  readonly nextUrl?: string;
  /** The page's body as received, fingerprinted to spot a page that comes back. */
  readonly body: string;
}

/** What the page loop needs from a harvester. */
export interface PageLoopOptions<T> {
  readonly firstUrl: string;
  /** Pages read at most; a source that offers more makes the run incomplete. */
  readonly maxPages: number;
  /** Reads one page. */
  readonly fetchPage: (url: string, pageNumber: number) => Promise<PageResult<T>>;
  /** Stable key of an item (its id), used to spot a page that only repeats items already read. */
  readonly itemKey?: (item: T) => string | undefined;
  /** Called after every page with the counts so far. */
  readonly onPage?: (progress: { pages: number; items: number }) => void;
}

/**
 * Reads pages from `firstUrl` until a page has no next URL, and returns every item in page order.
 * @throws LimitExceededError when more than `maxPages` pages would be needed.
 * @throws UpstreamError when a next URL was seen before or a page repeats an earlier page; and whatever
 *   `fetchPage` throws.
 */
export async function collectPages<T>(options: PageLoopOptions<T>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  const seenUrls = new Set<string>();
  const seenFingerprints = new Map<string, number>();
  const seenKeys = new Set<string>();
  let url: string | undefined = options.firstUrl;
  let pages = 0;

  while (url !== undefined) {
    // Refuse to go beyond the cap or back to a page already read.
    if (pages >= options.maxPages) {
      throw new LimitExceededError(`Stopped after ${pages} pages (the configured maximum); ${url} was not read, so the snapshot is incomplete`);
    }
    if (seenUrls.has(url)) throw new UpstreamError(`Page ${pages + 1} links back to ${url}, which was already read; the source's paging loops`);
    seenUrls.add(url);

    // Read the page.
    const page = await options.fetchPage(url, pages + 1);
    pages++;

    // A page whose content or items all repeat an earlier page means the source's paging is broken.
    const fingerprint = createHash('sha256').update(page.body).digest('hex');
    const earlier = seenFingerprints.get(fingerprint);
    if (earlier !== undefined && page.items.length > 0) {
      throw new UpstreamError(`Page ${pages} (${url}) repeats page ${earlier}; the source's paging is broken`);
    }
    seenFingerprints.set(fingerprint, pages);
    if (options.itemKey && page.items.length > 0) {
      const keys = page.items.map(options.itemKey).filter((key): key is string => key !== undefined);
      if (keys.length === page.items.length && keys.every((key) => seenKeys.has(key))) {
        throw new UpstreamError(`Page ${pages} (${url}) only repeats items of earlier pages; the source's paging is broken`);
      }
      for (const key of keys) seenKeys.add(key);
    }

    items.push(...page.items);
    options.onPage?.({ pages, items: items.length });
    url = page.nextUrl;
  }
  return { items, pages };
}

/**
 * Returns the URL of the `rel="next"` link of an RFC 8288 `Link` header, resolved against `base`.
 */
export function nextLink(header: string | undefined, base: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const relations = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2]!)?.[1]?.toLowerCase().split(/\s+/) ?? [];
    if (relations.includes('next')) return new URL(match[1]!, base).toString();
  }
  return undefined;
}
