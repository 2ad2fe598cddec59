import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { Parser } from 'n3';
import { BB, RDF } from '../../vocab/namespaces';

// The command as `npm start` runs it: Node.js with the tsx loader, no wrapper process in between.
const COMMAND = [process.execPath, '--import', 'tsx', path.resolve('cli/bouwblokken.ts')] as const;

/** Returns a loopback port on which nothing listens, by binding one and closing it again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Counts the curated building blocks by reading the Turtle files under data/. */
function curatedBlockCount(): number {
  const files = readdirSync('data', { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ttl'));
  const blocks = new Set<string>();
  for (const file of files) {
    for (const quad of new Parser().parse(readFileSync(path.join('data', file), 'utf8'))) {
      if (quad.predicate.equals(RDF.type) && quad.object.equals(BB.BuildingBlock)) blocks.add(quad.subject.value);
    }
  }
  return blocks.size;
}

describe('bouwblokken start', function () {
  this.timeout(90_000);
  let child: ChildProcess | undefined;
  let configFile: string;
  let output = '';

  before(async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'bb-start-'));
    const unreachable = await closedPort();
    configFile = path.join(directory, 'config.yaml');
    writeFileSync(configFile, [
      `dataDir: ${JSON.stringify(path.join(directory, 'data'))}`,
      'logLevel: warn',
      'sources:',
      '  data-overheid:',
      '    kind: data-overheid-ckan',
      `    baseUrl: http://127.0.0.1:${unreachable}/data/api/3/action`,
      '    maxRetries: 0',
      '',
    ].join('\n'));
  });

  after(() => {
    child?.kill('SIGKILL');
  });

  it('serves the curated catalogue when a source cannot be reached', async () => {
    child = spawn(COMMAND[0], [...COMMAND.slice(1), 'start', '--config', configFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child!.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listens on (http:\/\/\S+\/)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`start exited with ${code} before listening:\n${output}`)));
    });

    // The server listens before it harvests: wait for the harvest's closing lines.
    while (!output.includes('previous records kept')) await new Promise((resolve) => setTimeout(resolve, 100));
    const health = await (await fetch(`${url}health`)).json() as { status: string; sources: Record<string, number> };
    expect(health.status).to.equal('ok');
    expect(health.sources.curated).to.be.at.least(curatedBlockCount());
    expect(output).to.match(/data-overheid\s+failed/);
    expect(output).to.contain('not completely harvested, previous records kept: data-overheid');
  });

  it('stops on SIGTERM', async () => {
    const exit = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exit).to.equal(0);
  });

  it('exports every curated building block afterwards', async () => {
    const { stdout } = await promisify(execFile)(COMMAND[0], [...COMMAND.slice(1), 'export', '--config', configFile], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: 'warn' } });
    const blocks = new Set(new Parser({ format: 'N-Quads' }).parse(stdout)
      .filter((quad) => quad.predicate.equals(RDF.type) && quad.object.equals(BB.BuildingBlock))
      .map((quad) => quad.subject.value));
    expect(blocks.size).to.equal(curatedBlockCount());
    expect(blocks).to.include('https://w3id.org/bouwblokken/id/bouwblok/digid');
  });
});
