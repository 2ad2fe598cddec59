import { expect } from 'chai';
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedStore } from '../../store/EmbeddedStore';
import { BB, DCAT, VCARD } from '../../vocab/namespaces';
import { recordCountOf, VERSION } from './fixtures/versionedRecords';

const base = 'http://127.0.0.1:8080/';
const writer = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'crashWriter.ts');
const ROUNDS = 20;

interface WriterMessage {
  readonly type: 'ready' | 'acknowledged' | 'compacting';
  readonly source?: string;
  readonly version?: number;
}

/** Runs the writer until it is killed with SIGKILL; returns the acknowledged versions per source. */
async function runAndKill(dataDir: string, firstVersion: number, killDuringCompaction: boolean): Promise<{ acknowledged: Map<string, number>; compacting: boolean }> {
  const child = fork(writer, [dataDir, String(firstVersion)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  const acknowledged = new Map<string, number>();
  let compacting = false;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    child.kill('SIGKILL');
  };

  child.on('message', (message: WriterMessage) => {
    if (message.type === 'ready') setTimeout(kill, killDuringCompaction ? 15_000 : 100 + Math.random() * 1200);
    if (message.type === 'acknowledged') {
      acknowledged.set(message.source!, message.version!);
      compacting = false;
    }
    if (message.type === 'compacting') {
      compacting = true;
      if (killDuringCompaction) setTimeout(kill, Math.random() * 25);
    }
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  expect(exit.signal, `writer exited by itself (code ${exit.code}): ${stderr}`).to.equal('SIGKILL');
  return { acknowledged, compacting };
}

describe('EmbeddedStore under SIGKILL', function () {
  this.timeout(600_000);
  let dataDir: string;

  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'bb-crash-'));
  });

  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write and no partial one', async () => {
    const latest = new Map<string, number>();
    let killsDuringCompaction = 0;
    let highestGeneration = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const { acknowledged, compacting } = await runAndKill(dataDir, round * 1000 + 1, round % 4 === 3);
      if (compacting) killsDuringCompaction += 1;

      const store = await EmbeddedStore.open({ baseIri: base, dataDir, workers: 1 });
      try {
        const result = await store.query({
          query: `SELECT ?source ?version (COUNT(?record) AS ?count) WHERE {
            GRAPH ?graph { ?record <${VERSION}> ?version }
            GRAPH <${store.provenanceGraph}> { ?graph <${BB.sourceName.value}> ?source } } GROUP BY ?source ?version`,
        });
        if (result.type !== 'bindings') throw new Error('expected bindings');
        const stored = new Map<string, number>();
        for (const row of result.bindings) {
          const source = row.source!.value;
          const version = Number(row.version!.value);
          expect(stored.has(source), `round ${round}: source ${source} holds two versions`).to.equal(false);
          stored.set(source, version);
          expect(Number(row.count!.value), `round ${round}: records of ${source} version ${version}`).to.equal(recordCountOf(version));
          expect(source, `round ${round}: version ${version} written to the wrong source`).to.equal(`s${version % 3}`);
        }

        // Every acknowledged write is there, or a later one of the same source.
        for (const [source, version] of acknowledged) latest.set(source, version);
        for (const [source, version] of latest) {
          expect(stored.get(source), `round ${round}: source ${source}`).to.be.at.least(version);
          latest.set(source, stored.get(source)!);
        }

        // Blank-node contact points survived snapshot and log replay with their records.
        const contacts = await store.query({ query: `SELECT (COUNT(?contact) AS ?count) WHERE { ?record <${DCAT.contactPoint.value}> ?contact . ?contact <${VCARD.fn.value}> ?name }` });
        if (contacts.type !== 'bindings') throw new Error('expected bindings');
        const records = [...stored.values()].reduce((sum, version) => sum + recordCountOf(version), 0);
        expect(Number(contacts.bindings[0]!.count!.value), `round ${round}: contact points`).to.equal(records);

        const generation = Math.max(0, ...readdirSync(dataDir).flatMap((name) => /^snapshot-(\d+)\.nq$/.exec(name)?.[1] ?? []).map(Number));
        highestGeneration = Math.max(highestGeneration, generation);
      } finally {
        await store.close();
      }
    }

    expect(latest.size).to.equal(3);
    expect(killsDuringCompaction).to.be.at.least(3);
    expect(highestGeneration).to.be.at.least(ROUNDS);
  });
});
