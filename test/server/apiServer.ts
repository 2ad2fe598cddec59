/**
 * Starts the real HTTP application on a loopback port over a store loaded with the API fixtures.
 */
import { loadConfig } from '../../core/config';
import { createLogger } from '../../core/logger';
import { createApp } from '../../server/app';
import { listen, type RunningServer } from '../../server/listen';
import type { CatalogueIndexes } from '../../search/CatalogueIndexes';
import type { InProcessStore } from '../../store/InProcessStore';
import { BASE_IRI, createFixtureStore } from '../fixtures/api/loadFixtures';

/** A running server with its store and indexes. */
export interface ApiServer {
  readonly running: RunningServer;
  readonly store: InProcessStore;
  readonly indexes: CatalogueIndexes;
  /** Fetches a path relative to the server root. */
  get(path: string, init?: RequestInit): Promise<Response>;
}

export async function startApiServer(): Promise<ApiServer> {
  const store = await createFixtureStore();
  const config = loadConfig({ env: {}, file: '/nonexistent/bouwblokken.config.yaml' });
  const app = createApp({
    config: { ...config, baseIri: BASE_IRI, sources: { 'partner-catalogus': { kind: 'dcat', enabled: true, requestTimeoutMs: 1_000, runTimeoutMs: 1_000, maxPages: 1, maxRetries: 0 } } },
    store,
    logger: createLogger('silent'),
    startedAt: new Date(),
  });
  const running = await listen(app, '127.0.0.1', 0);
  const indexes = app.locals.indexes as CatalogueIndexes;
  await indexes.current();
  return { running, store, indexes, get: (path, init) => fetch(new URL(path, running.url), init) };
}
