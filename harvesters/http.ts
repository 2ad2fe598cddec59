/**
 * The HTTP client of the harvesters: Node's global fetch with a deadline per request and per run, retries with
 * exponential backoff and jitter on 429, 5xx and network errors (honouring `Retry-After`), and conditional
 * requests (`If-None-Match`, `If-Modified-Since`) against a cache of earlier responses.
 */
import { LimitExceededError, UpstreamError } from '../core/errors';
import type { Logger } from '../core/logger';

/** A validator pair and body of an earlier response, so a `304 Not Modified` response can be served from it. */
export interface CachedResponse {
  readonly etag?: string;
  readonly lastModified?: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Storage for conditional requests, keyed by URL. `HarvestState` implements it. */
export interface ResponseCache {
  get(url: string): CachedResponse | undefined;
  set(url: string, response: CachedResponse): void;
}

/** Settings of an `HttpClient`. Times are in milliseconds. */
export interface HttpClientOptions {
  /** Deadline of one request attempt, including reading the body. */
  readonly requestTimeoutMs: number;
  /** Aborted when the run's deadline passes or the run is stopped; every request ends with it. */
  readonly runSignal?: AbortSignal;
  /** Retries after the first attempt for 429, 5xx and network errors. */
  readonly maxRetries: number;
  /** Delay before the first retry; doubles with every further retry. */
  readonly backoffBaseMs?: number;
  /** Upper bound of any wait, including one that a `Retry-After` header requests. */
  readonly maxBackoffMs?: number;
  /** Headers sent with every request, such as `X-Api-Key`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cache?: ResponseCache;
  readonly logger?: Logger;
}

/** A successful response with its body read as text. */
export interface HttpResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** True when the server responded `304 Not Modified` and the body comes from the cache. */
  readonly fromCache: boolean;
  /** Number of attempts it took, 1 when the first one succeeded. */
  readonly attempts: number;
}

/** Counters of one client, for a run's summary. */
export interface HttpStatistics {
  requests: number;
  retries: number;
  notModified: number;
}

/** An upstream failure of one response: an error status or a body that is no valid JSON. */
export class ResponseError extends UpstreamError {
  /** The HTTP status of the response, when the server responded. */
  readonly upstreamStatus?: number;
  /** True when the response was 2xx but its body could not be parsed. */
  readonly invalidBody: boolean;

  constructor(message: string, options: { cause?: unknown; upstreamStatus?: number; invalidBody?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.upstreamStatus = options.upstreamStatus;
    this.invalidBody = options.invalidBody ?? false;
  }
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Makes GET requests for one harvest run. One client per run, because it carries the run's deadline. */
export class HttpClient {
  readonly statistics: HttpStatistics = { requests: 0, retries: 0, notModified: 0 };
  private readonly backoffBaseMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: HttpClientOptions) {
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
  }

  /**
   * Fetches `url` with GET and returns the body as text. A `304` is answered from the cache.
   * @throws ResponseError for a status that is not worth retrying (such as 400, 401, 404), naming URL and status.
   * @throws UpstreamError naming the URL, the last status or network error and the number of attempts, when
   *   retries did not help.
   * @throws LimitExceededError when the run's deadline passed or the run was stopped.
   */
  async get(url: string, options: { headers?: Readonly<Record<string, string>>; conditional?: boolean } = {}): Promise<HttpResponse> {
    const cached = options.conditional === false ? undefined : this.options.cache?.get(url);
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers, ...options.headers };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;

    let lastProblem = '';
    const attempts = this.options.maxRetries + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      this.throwIfRunStopped(url);
      this.statistics.requests++;

      // One attempt, bounded by its own deadline and by the run's.
      let response: Response;
      let body: string;
      try {
        const signal = this.attemptSignal();
        response = await fetch(url, { headers, signal, redirect: 'follow' });
        body = await response.text();
      } catch (error) {
        this.throwIfRunStopped(url, error);
        lastProblem = isTimeout(error)
          ? `no response within ${this.options.requestTimeoutMs} ms`
          : `network error: ${(error as Error).message}${causeMessage(error)}`;
        if (attempt < attempts) await this.waitBeforeRetry(url, attempt, lastProblem, undefined);
        continue;
      }

      // A usable answer.
      const responseHeaders = Object.fromEntries(response.headers.entries());
      if (response.status === 304 && cached) {
        this.statistics.notModified++;
        return { url, status: 304, headers: { ...cached.headers, ...responseHeaders }, body: cached.body, fromCache: true, attempts: attempt };
      }
      if (response.ok) {
        this.remember(url, responseHeaders, body);
        return { url, status: response.status, headers: responseHeaders, body, fromCache: false, attempts: attempt };
      }

      // An error status: retry the transient ones, give up on the rest.
      lastProblem = `status ${response.status}${describeProblemBody(body)}`;
      if (!RETRYABLE_STATUS.has(response.status)) {
        throw new ResponseError(`GET ${url} failed with ${lastProblem} (attempt ${attempt} of ${attempts})`, { upstreamStatus: response.status });
      }
      if (attempt < attempts) await this.waitBeforeRetry(url, attempt, lastProblem, response.headers.get('retry-after'));
    }
    throw new UpstreamError(`GET ${url} failed after ${attempts} attempts; last problem: ${lastProblem}`);
  }

  /**
   * Fetches `url` and parses the body as JSON.
   * @throws ResponseError when the body is not valid JSON, naming the URL and the parser's message; and
   *   everything `get` throws.
   */
  async getJson(url: string, options: { headers?: Readonly<Record<string, string>>; conditional?: boolean } = {}): Promise<{ response: HttpResponse; json: unknown }> {
    const response = await this.get(url, options);
    try {
      return { response, json: JSON.parse(response.body) as unknown };
    } catch (error) {
      throw new ResponseError(`GET ${url} returned invalid JSON: ${(error as Error).message}`, { cause: error, invalidBody: true });
    }
  }

  private attemptSignal(): AbortSignal {
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs);
    return this.options.runSignal ? AbortSignal.any([timeout, this.options.runSignal]) : timeout;
  }

  private throwIfRunStopped(url: string, cause?: unknown): void {
    const signal = this.options.runSignal;
    if (!signal?.aborted) return;
    const reason = signal.reason instanceof Error ? signal.reason.message : 'the run was stopped';
    throw new LimitExceededError(`GET ${url} was not completed: ${reason}`, { cause: cause ?? signal.reason });
  }

  private remember(url: string, headers: Record<string, string>, body: string): void {
    const cache = this.options.cache;
    if (!cache) return;
    const etag = headers.etag;
    const lastModified = headers['last-modified'];
    if (!etag && !lastModified) return;
    cache.set(url, { etag, lastModified, body, headers: pickPagingHeaders(headers) });
  }

  private async waitBeforeRetry(url: string, attempt: number, problem: string, retryAfter: string | null | undefined): Promise<void> {
    const requested = parseRetryAfter(retryAfter, Date.now());
    const exponential = this.backoffBaseMs * 2 ** (attempt - 1);
    const jitter = Math.random() * this.backoffBaseMs;
    const delay = Math.min(requested ?? exponential + jitter, this.maxBackoffMs);
    this.statistics.retries++;
    this.options.logger?.warn({ url, attempt, problem, delayMs: Math.round(delay) }, 'Request failed; retrying');
    await sleep(delay, this.options.runSignal);
    this.throwIfRunStopped(url);
  }
}

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date.
 * @returns the delay in milliseconds (0 for a date in the past), or undefined when the header is absent or invalid.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Resolves after `ms` milliseconds, or early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Paging headers kept with a cached body, because a `304` answer need not repeat them. */
function pickPagingHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['link', 'total-count', 'total-pages', 'current-page', 'per-page', 'content-type']) {
    if (headers[name] !== undefined) kept[name] = headers[name];
  }
  return kept;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function causeMessage(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}

/** Names the problem+json title or detail of an error body, when there is one. */
function describeProblemBody(body: string): string {
  try {
    const problem = JSON.parse(body) as { title?: unknown; detail?: unknown; error?: { message?: unknown } };
    const text = [problem.title, problem.detail, problem.error?.message].filter((part) => typeof part === 'string').join(': ');
    return text ? ` (${text.slice(0, 200)})` : '';
  } catch {
    return '';
  }
}
