import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFactory, Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { BadInputError, ForbiddenError, LimitExceededError, ParseError } from '../../core/errors';
import type { QueryResult, StoreChange } from '../../store/CatalogueStore';
import { EmbeddedStore, type EmbeddedStoreOptions } from '../../store/EmbeddedStore';
import { logFileName } from '../../store/Journal';
import { PROV, RDF } from '../../vocab/namespaces';
import { VERSION, versionedSnapshot } from './fixtures/versionedRecords';

const { literal, namedNode, quad } = DataFactory;
const base = 'http://127.0.0.1:8080/';
const fixtures = path.dirname(fileURLToPath(import.meta.url));

/** Query for the versions present and their record counts. */
const VERSION_COUNTS = `SELECT ?version (COUNT(?record) AS ?count) WHERE { ?record <${VERSION}> ?version } GROUP BY ?version ORDER BY ?version`;

/** A query that runs for hours: a three-way cross join over every quad. */
const CROSS_JOIN = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';

function rows(result: QueryResult): Array<Record<string, string>> {
  if (result.type !== 'bindings') throw new Error(`expected bindings, got ${result.type}`);
  return result.bindings.map((binding) => Object.fromEntries(Object.entries(binding).map(([name, term]) => [name, term.value])));
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('EmbeddedStore', function () {
  this.timeout(60_000);
  let dataDir: string;
  const open: EmbeddedStore[] = [];

  async function openStore(options: Partial<EmbeddedStoreOptions> = {}): Promise<EmbeddedStore> {
    const store = await EmbeddedStore.open({ baseIri: base, dataDir, workers: 2, ...options });
    open.push(store);
    return store;
  }

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'bb-store-'));
  });

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps acknowledged writes across a restart', async () => {
    const store = await openStore();
    await store.replaceSource(versionedSnapshot(base, 'alpha', 1, 30));
    await store.replaceSource(versionedSnapshot(base, 'beta', 1, 10));
    await store.replaceSource(versionedSnapshot(base, 'alpha', 2, 25));
    await store.addProvenance([quad(namedNode(`${base}run/failed`), RDF.type, PROV.Activity)]);
    const before = await store.dump('n-quads');
    await store.close();

    const reopened = await openStore();
    const after = await reopened.dump('n-quads');
    expect(isomorphic(new Parser().parse(after), new Parser().parse(before))).to.equal(true);
    expect(rows(await reopened.query({ query: VERSION_COUNTS }))).to.deep.equal([{ version: '1', count: '10' }, { version: '2', count: '25' }]);
    expect(await reopened.statistics()).to.deep.include({ recordGraphCount: 35, sources: { alpha: 25, beta: 10 } });
    expect(reopened.warnings).to.deep.equal([]);
  });

  it('continues from the rebuilt record index after a restart', async () => {
    const store = await openStore();
    await store.replaceSource(versionedSnapshot(base, 'alpha', 1, 30));
    await store.close();

    const reopened = await openStore();
    const summary = await reopened.replaceSource(versionedSnapshot(base, 'alpha', 2, 20));
    expect(summary.kept).to.have.length(20);
    expect(summary.removed).to.have.length(10);
    expect(summary.added).to.deep.equal([]);
    expect(rows(await reopened.query({ query: VERSION_COUNTS }))).to.deep.equal([{ version: '2', count: '20' }]);
  });

  it('compacts the log into a snapshot and restarts from it', async () => {
    const store = await openStore({ compactionMinBytes: 1 });
    for (let version = 1; version <= 4; version++) await store.replaceSource(versionedSnapshot(base, 'alpha', version, 40));
    await store.replaceSource(versionedSnapshot(base, 'beta', 1, 5));
    const before = await store.dump('n-quads');
    await store.close();
    const files = readdirSync(dataDir).filter((name) => name !== 'LOCK');
    expect(files).to.have.length(2);
    expect(files.find((name) => name.startsWith('snapshot-'))).to.not.equal('snapshot-00000000.nq');

    const reopened = await openStore();
    expect(isomorphic(new Parser().parse(await reopened.dump('n-quads')), new Parser().parse(before))).to.equal(true);
  });

  it('rejects an invalid change and stores nothing of it', async () => {
    const store = await openStore();
    await store.replaceSource(versionedSnapshot(base, 'alpha', 1, 10));
    const logPath = path.join(dataDir, logFileName(0));
    const logSize = statSync(logPath).size;

    const broken = { iri: 'http://example.org/with space', quads: [quad(namedNode('http://example.org/with space'), RDF.type, namedNode('http://example.org/Thing'))] };
    const error = await failureOf(store.replaceSource({ ...versionedSnapshot(base, 'alpha', 2, 10), records: [...versionedSnapshot(base, 'alpha', 2, 10).records, broken] }));
    expect(error).to.be.instanceOf(BadInputError);
    expect(error.message).to.match(/N-Quads are invalid: .*line \d+/);

    expect(statSync(logPath).size).to.equal(logSize);
    expect(rows(await store.query({ query: VERSION_COUNTS }))).to.deep.equal([{ version: '1', count: '10' }]);
    const summary = await store.replaceSource(versionedSnapshot(base, 'alpha', 3, 10));
    expect(summary.kept).to.have.length(10);
  });

  it('shows readers the old or the new snapshot, never a mix', async () => {
    const store = await openStore();
    const sizes: Record<string, number> = { 1: 3000, 2: 3500 };
    await store.replaceSource(versionedSnapshot(base, 'large', 1, sizes[1]!));

    const seen = new Set<string>();
    let writing = true;
    const reader = async () => {
      while (writing) {
        const counts = rows(await store.query({ query: VERSION_COUNTS }));
        expect(counts).to.have.length(1);
        expect(Number(counts[0]!.count)).to.equal(sizes[counts[0]!.version!]);
        seen.add(counts[0]!.version!);
      }
    };
    const readers = [reader(), reader()];
    for (const version of [2, 1, 2, 1, 2]) await store.replaceSource(versionedSnapshot(base, 'large', version, sizes[version]!));
    writing = false;
    await Promise.all(readers);

    expect([...seen].sort()).to.deep.equal(['1', '2']);
    expect(rows(await store.query({ query: VERSION_COUNTS }))).to.deep.equal([{ version: '2', count: '3500' }]);
  });

  it('stops a slow query at its deadline while another query is answered', async () => {
    const store = await openStore();
    await store.replaceSource(versionedSnapshot(base, 'alpha', 1, 400));

    const deadline = 2000;
    const started = Date.now();
    const slow = failureOf(store.query({ query: CROSS_JOIN, timeoutMs: deadline })).then((error) => ({ error, at: Date.now() }));
    const quick = store.query({ query: VERSION_COUNTS }).then((result) => ({ result, at: Date.now() }));

    const answered = await quick;
    expect(rows(answered.result)).to.deep.equal([{ version: '1', count: '400' }]);
    expect(answered.at - started).to.be.lessThan(deadline);

    const stopped = await slow;
    expect(stopped.error).to.be.instanceOf(LimitExceededError);
    expect((stopped.error as LimitExceededError).status).to.equal(504);
    expect(stopped.error.message).to.include(`deadline of ${deadline} ms`);
    expect(stopped.at - started).to.be.at.least(deadline);

    // The stopped worker is replaced by one restored from the journal, which also gets later writes.
    await store.replaceSource(versionedSnapshot(base, 'alpha', 2, 50));
    await waitFor(() => store.readyWorkers === 2, 'both workers are ready again');
    expect(store.threadCount).to.equal(2);
    const answers = await Promise.all([1, 2, 3, 4].map(() => store.query({ query: VERSION_COUNTS })));
    for (const answer of answers) expect(rows(answer)).to.deep.equal([{ version: '2', count: '50' }]);
    expect(store.warnings.map((warning) => warning.message).join('\n')).to.match(/stopped after a query ran past its deadline of 2000 ms/);
  });

  it('rejects a query at once when the queue is full', async () => {
    const store = await openStore({ workers: 1, maxQueued: 1 });
    await store.replaceSource(versionedSnapshot(base, 'alpha', 1, 200));
    // Statistics run once the worker has applied the write, so the slow query below gets the worker at once.
    await store.statistics();

    const slow = failureOf(store.query({ query: CROSS_JOIN, timeoutMs: 1500 }));
    const queued = store.query({ query: VERSION_COUNTS });
    const rejected = await failureOf(store.query({ query: VERSION_COUNTS }));
    expect(rejected).to.be.instanceOf(LimitExceededError);
    expect((rejected as LimitExceededError).status).to.equal(503);
    expect(rejected.message).to.match(/1 queries are already waiting/);

    expect((await slow).message).to.include('deadline of 1500 ms');
    expect(rows(await queued)).to.deep.equal([{ version: '1', count: '200' }]);
  });

  it('rejects a query that waits past its deadline with 503', async () => {
    const store = await openStore({ workers: 1 });
    await store.replaceSource(versionedSnapshot(base, 'alpha', 1, 200));
    await store.statistics();
    const slow = failureOf(store.query({ query: CROSS_JOIN, timeoutMs: 2000 }));
    const waiting = await failureOf(store.query({ query: VERSION_COUNTS, timeoutMs: 300 }));
    expect(waiting).to.be.instanceOf(LimitExceededError);
    expect((waiting as LimitExceededError).status).to.equal(503);
    expect(waiting.message).to.match(/waited 300 ms for a free worker/);
    await slow;
  });

  it('reports query errors with their classes', async () => {
    const store = await openStore();
    await store.replaceSource(versionedSnapshot(base, 'alpha', 1, 20));

    const syntax = await failureOf(store.query({ query: 'SELECT * WHERE {\n ?s ?p ' }));
    expect(syntax).to.be.instanceOf(ParseError);
    expect(syntax.message).to.match(/line 2, column \d+/);

    const update = await failureOf(store.query({ query: 'DELETE WHERE { ?s ?p ?o }' }));
    expect(update).to.be.instanceOf(ForbiddenError);

    const tooMany = await failureOf(store.query({ query: 'SELECT * WHERE { ?s ?p ?o }', maxResults: 10 }));
    expect(tooMany).to.be.instanceOf(LimitExceededError);
    expect((tooMany as LimitExceededError).status).to.equal(413);
    expect(tooMany.message).to.match(/more than the limit of 10 rows/);

    const exact = await store.query({ query: `SELECT ?record WHERE { ?record <${VERSION}> ?version }`, maxResults: 20 });
    expect(rows(exact)).to.have.length(20);
  });

  it('truncates a torn log tail on open and records a warning', async () => {
    const store = await openStore();
    await store.replaceSource(versionedSnapshot(base, 'alpha', 1, 15));
    await store.close();
    appendFileSync(path.join(dataDir, logFileName(0)), Buffer.from([200, 1, 0, 0, 9, 9, 9, 9, 123]));

    const reopened = await openStore();
    expect(reopened.warnings).to.have.length(1);
    expect(reopened.warnings[0]!.message).to.match(/^Truncated changes-00000000\.log .* declares 456 bytes but 1 follow/);
    expect(rows(await reopened.query({ query: VERSION_COUNTS }))).to.deep.equal([{ version: '1', count: '15' }]);
  });

  it('tells change listeners about each write in order', async () => {
    const store = await openStore();
    const changes: StoreChange[] = [];
    const unsubscribe = store.onChange((change) => changes.push(change));
    await Promise.all([
      store.replaceSource(versionedSnapshot(base, 'alpha', 1, 3)),
      store.addProvenance([quad(namedNode(`${base}run/x`), RDF.type, PROV.Activity)]),
      store.replaceSource(versionedSnapshot(base, 'beta', 1, 2)),
    ]);
    unsubscribe();
    await store.addProvenance([quad(namedNode(`${base}run/y`), PROV.endedAtTime, literal('2026-01-01T00:00:00Z'))]);
    expect(changes.map((change) => (change.type === 'replaced' ? change.summary.source : change.type))).to.deep.equal(['alpha', 'provenance', 'beta']);
  });

  it('stops every worker thread on close', async () => {
    const store = await EmbeddedStore.open({ baseIri: base, dataDir, workers: 3 });
    expect(store.threadCount).to.equal(3);
    await store.close();
    expect(store.threadCount).to.equal(0);
    const error = await failureOf(store.query({ query: 'ASK {}' }));
    expect(error.message).to.match(/is closed/);
  });

  it('lets a process exit by itself after close', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(fixtures, 'fixtures', 'openQueryClose.ts'), dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exited;
    clearTimeout(timer);
    expect(output).to.include('closed');
    expect(code, output).to.equal(0);
  });
});
