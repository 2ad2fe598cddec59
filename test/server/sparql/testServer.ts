/**
 * Starts the real HTTP application on a loopback port for tests, with the base IRI set to the server's
 * own URL so that minted IRIs resolve on it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../../core/config';
import { createLogger } from '../../../core/logger';
import type { CatalogueStore } from '../../../store/CatalogueStore';
import { InProcessStore } from '../../../store/InProcessStore';
import { createApp } from '../../../server/app';
import { loadFixtureCatalogue } from './fixtureCatalogue';

/** A running test server. `url` ends with `/` and is also the base IRI. */
export interface TestServer {
  readonly url: string;
  readonly config: Config;
  readonly store: CatalogueStore;
  close(): Promise<void>;
}

/** Options of `startTestServer`. */
export interface TestServerOptions {
  /** Builds the store from the base IRI; an `InProcessStore` with the fixture catalogue when absent. */
  readonly createStore?: (baseIri: string, config: Config) => Promise<CatalogueStore>;
  /** Changes to the configuration's `query` section. */
  readonly query?: Partial<Config['query']>;
  readonly partners?: readonly string[];
}

/** Starts a server on 127.0.0.1 with a free port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const loaded = loadConfig({ file: '/nonexistent/bouwblokken-test.yaml', env: { BOUWBLOKKEN_BASE_IRI: url } });
  const config: Config = { ...loaded, query: { ...loaded.query, ...options.query }, partners: [...(options.partners ?? [])] };
  const store = options.createStore
    ? await options.createStore(url, config)
    : await fixtureStore(url, config);
  const app = createApp({ config, store, logger: createLogger(process.env.TEST_SERVER_LOG_LEVEL ?? 'silent'), startedAt: new Date() });
  server.on('request', app);

  return {
    url,
    config,
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** An in-process store holding the fixture catalogue. */
export async function fixtureStore(baseIri: string, config: Config): Promise<CatalogueStore> {
  const store = new InProcessStore({ baseIri, maxResults: config.query.maxResults });
  await loadFixtureCatalogue(store, baseIri);
  return store;
}
