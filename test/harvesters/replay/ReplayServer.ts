/**
 * A real HTTP server on loopback that responds like the harvested sources. Routes are handlers that return a
 * status, headers and body, optionally after a delay or never (to test deadlines). Helpers serve a list as a
 * developer.overheid.nl register collection (`page`, `perPage`, `Link`, `Total-Count`, `Total-Pages`) and as
 * CKAN `package_search` and `package_list`. Used by the tests, the acceptance run and the benchmark.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server received it. */
export interface ReplayRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
}

/** The response of a handler. A string body is sent as is, and any other body as JSON. */
export interface ReplayResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Delay before the response is sent, in milliseconds. */
  readonly delayMs?: number;
  /** Never respond (until the server closes). */
  readonly hang?: boolean;
}

export type ReplayHandler = (request: ReplayRequest) => ReplayResponse | Promise<ReplayResponse>;

/** The replay server. Start it with `ReplayServer.start()`, close it with `close()`. */
export class ReplayServer {
  /** Every request received, in order. */
  readonly requests: ReplayRequest[] = [];
  private readonly routes = new Map<string, ReplayHandler>();
  private readonly pending = new Set<ServerResponse>();

  private constructor(private readonly server: Server, readonly baseUrl: string) {}

  /** Starts a server on 127.0.0.1 on a free port. */
  static async start(): Promise<ReplayServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const replay = new ReplayServer(server, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void replay.handle(request, response));
    return replay;
  }

  /** Sets the handler of a path (without query), replacing an earlier one. */
  route(path: string, handler: ReplayHandler): this {
    this.routes.set(path, handler);
    return this;
  }

  /** Returns the requests made to `path`. */
  requestsTo(path: string): ReplayRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    for (const response of this.pending) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl);
    const replayRequest: ReplayRequest = { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers };
    this.requests.push(replayRequest);
    const handler = this.routes.get(url.pathname);
    const answer: ReplayResponse = handler
      ? await handler(replayRequest)
      : { status: 404, body: { title: 'Not Found', status: 404, detail: `No route for ${url.pathname}` } };

    if (answer.hang) {
      this.pending.add(response);
      response.on('close', () => this.pending.delete(response));
      return;
    }
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    let body = '';
    if (typeof answer.body === 'string') body = answer.body;
    else if (answer.body !== undefined) body = JSON.stringify(answer.body);
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    response.end(body);
  }
}

/**
 * Serves `items` as a register collection: `?page=N&perPage=M` (1-based pages, `perPage` at most 100), with
 * `Link` (first, prev, next, last), `Total-Count`, `Total-Pages`, `Current-Page` and `Per-Page` headers, and
 * the page's items as a bare JSON array.
 * @param options.summary turns an item into the summary the list shows; the item itself by default.
 * @param options.link false leaves out the `Link` header, so the client must page by `Total-Pages`.
 */
export function registerCollection<T>(
  items: () => readonly T[],
  options: { summary?: (item: T) => unknown; link?: boolean } = {},
): ReplayHandler {
  return (request) => {
    const all = items();
    const perPage = Math.min(Number(request.query.get('perPage') ?? 20), 100);
    const page = Number(request.query.get('page') ?? 1);
    const totalPages = Math.max(1, Math.ceil(all.length / perPage));
    const slice = all.slice((page - 1) * perPage, page * perPage).map((item) => (options.summary ? options.summary(item) : item));
    const link = (target: number, rel: string): string => `<${request.path}?page=${target}&perPage=${perPage}>; rel="${rel}"`;
    const links = [link(1, 'first'), ...(page > 1 ? [link(page - 1, 'prev')] : []), ...(page < totalPages ? [link(page + 1, 'next')] : []), link(totalPages, 'last')];
    return {
      headers: {
        ...(options.link === false ? {} : { link: links.join(', ') }),
        'total-count': String(all.length),
        'total-pages': String(totalPages),
        'current-page': String(page),
        'per-page': String(perPage),
      },
      body: slice,
    };
  };
}

/**
 * Serves `packages` as CKAN `package_search`: `rows` (at most 1000), `start`, and an `fq` of the form
 * `metadata_modified:[X TO *]`, sorted by name, in the `{ help, success, result: { count, results } }` envelope.
 */
export function ckanPackageSearch(packages: () => ReadonlyArray<Record<string, unknown>>): ReplayHandler {
  return (request) => {
    const rows = Math.min(Number(request.query.get('rows') ?? 10), 1000);
    const start = Number(request.query.get('start') ?? 0);
    const since = /^metadata_modified:\[(\S+) TO \*\]$/.exec(request.query.get('fq') ?? '')?.[1];
    const matching = packages()
      .filter((pkg) => !since || String(pkg.metadata_modified) >= since.replace(/Z$/, ''))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    return { body: ckanEnvelope('package_search', { count: matching.length, sort: 'name asc', results: matching.slice(start, start + rows) }) };
  };
}

/** Serves the names of `packages` as CKAN `package_list`. */
export function ckanPackageList(packages: () => ReadonlyArray<Record<string, unknown>>): ReplayHandler {
  return () => ({ body: ckanEnvelope('package_list', packages().map((pkg) => pkg.name)) });
}

/** Wraps a result in CKAN's action envelope. */
export function ckanEnvelope(action: string, result: unknown): unknown {
  return { help: `http://127.0.0.1/api/3/action/help_show?name=${action}`, success: true, result };
}
