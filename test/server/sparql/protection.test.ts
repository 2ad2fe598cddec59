import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { EmbeddedStore } from '../../../store/EmbeddedStore';
import { loadFixtureCatalogue } from './fixtureCatalogue';
import { startTestServer, type TestServer } from './testServer';

/** A triple cross join: about 300 triples cubed is far more work than the deadline allows. */
const SLOW_QUERY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
const FAST_QUERY = 'SELECT ?title WHERE { <https://w3id.org/bouwblokken/id/bouwblok/digid> <http://purl.org/dc/terms/title> ?title } ORDER BY ?title';
const DEADLINE_MS = 400;

describe('SPARQL endpoint protection', () => {
  let server: TestServer;
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwblokken-protection-'));
    server = await startTestServer({
      query: { timeoutMs: DEADLINE_MS, workers: 2 },
      createStore: async (baseIri, config) => {
        const store = await EmbeddedStore.open({ baseIri, dataDir, workers: config.query.workers, timeoutMs: config.query.timeoutMs, maxResults: config.query.maxResults });
        await loadFixtureCatalogue(store, baseIri);
        return store;
      },
    });
  });
  after(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function query(text: string): Promise<Response> {
    return fetch(`${server.url}sparql?query=${encodeURIComponent(text)}`, { headers: { accept: 'application/sparql-results+json' } });
  }

  it('stops slow query, answers concurrent one first', async () => {
    const finished: string[] = [];
    const slow = query(SLOW_QUERY).then(async (response) => {
      finished.push('slow');
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    });
    // Give the slow query a head start, so that it occupies a worker when the fast one arrives.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fast = query(FAST_QUERY).then(async (response) => {
      finished.push('fast');
      return { status: response.status, body: await response.json() as { results: { bindings: Array<Record<string, { value: string }>> } } };
    });

    const [slowResult, fastResult] = await Promise.all([slow, fast]);
    expect(finished).to.deep.equal(['fast', 'slow']);
    expect(fastResult.status).to.equal(200);
    expect(fastResult.body.results.bindings.map((row) => row.title?.value)).to.deep.equal(['DigiD', 'DigiD']);
    expect(slowResult.status).to.equal(504);
    expect(slowResult.body.type).to.equal('https://w3id.org/bouwblokken/problem/limit-exceeded');
    expect(slowResult.body.detail).to.equal(`Query did not finish within its deadline of ${DEADLINE_MS} ms and was stopped; narrow the query or add a LIMIT`);
  });

  it('answers queries again after a stopped query', async () => {
    const response = await query(FAST_QUERY);
    expect(response.status).to.equal(200);
  });

  it('answers routes without queries while slow queries hold every worker', async () => {
    const finished: string[] = [];
    const slow = [query(SLOW_QUERY), query(SLOW_QUERY)].map((pending) => pending.then((response) => {
      finished.push('slow');
      return response;
    }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const examples = await fetch(`${server.url}sparql/examples`);
    finished.push('examples');
    const responses = await Promise.all(slow);

    expect(examples.status).to.equal(200);
    expect(finished).to.deep.equal(['examples', 'slow', 'slow']);
    // A slow query that ran is stopped with 504. A worker may still be restoring after the previous test, so a
    // query that waited for it gets 503 at its deadline, with Retry-After.
    for (const response of responses) {
      expect(response.status).to.be.oneOf([503, 504]);
      if (response.status === 503) expect(response.headers.get('retry-after')).to.equal('2');
    }
  });
});
