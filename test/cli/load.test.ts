import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { expect } from 'chai';
import { loadCommand } from '../../cli/load';

const VALID = `@prefix bb: <https://w3id.org/bouwblokken/def#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://example.org/id/bouwblok/een> a bb:BuildingBlock ; dct:identifier "een" ;
  dct:title "Een"@nl, "One"@en ; dct:description "Het eerste blok."@nl, "The first block."@en ;
  dct:publisher <https://identifier.overheid.nl/tooi/id/ministerie/mnre1034> ;
  bb:kind <https://w3id.org/bouwblokken/id/kind/voorziening> .
`;

/** Runs the command against an instance in a fresh directory and returns its exit code and standard error. */
async function run(directory: string, args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await loadCommand([...args, '--config', path.join(directory, 'config.yaml')], {
    stdin: Readable.from([]),
    stdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
    stderr: new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        stderr += chunk.toString();
        done();
      },
    }),
  });
  return { code, stderr };
}

function instance(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'bb-load-'));
  writeFileSync(path.join(directory, 'config.yaml'), `dataDir: ${JSON.stringify(path.join(directory, 'data'))}\nlogLevel: silent\n`);
  return directory;
}

describe('bouwblokken load', function () {
  this.timeout(60_000);

  it('exits 0 when every record is published', async () => {
    const directory = instance();
    const file = path.join(directory, 'valid.ttl');
    writeFileSync(file, VALID);
    const { code, stderr } = await run(directory, [file, '--source', 'extra']);
    expect(code).to.equal(0);
    expect(stderr).not.to.contain('rejected <');
  });

  it('exits 1 and lists the reasons when a record is rejected', async () => {
    const directory = instance();
    const file = path.join(directory, 'invalid.ttl');
    writeFileSync(file, `${VALID}<https://example.org/id/bouwblok/twee> a bb:BuildingBlock ; dct:identifier "twee" .\n`);
    const { code, stderr } = await run(directory, [file, '--source', 'extra']);
    expect(code).to.equal(1);
    expect(stderr).to.contain('Meest voorkomende redenen / top reasons:');
    expect(stderr).to.contain('afgewezen / rejected <https://example.org/id/bouwblok/twee>');
    expect(stderr).to.match(/dct:title|purl\.org\/dc\/terms\/title/);
  });

  it('exits 1 for an empty file unless --allow-empty is given', async () => {
    const directory = instance();
    const file = path.join(directory, 'valid.ttl');
    writeFileSync(file, VALID);
    expect((await run(directory, [file, '--source', 'extra'])).code).to.equal(0);

    const empty = path.join(directory, 'empty.ttl');
    writeFileSync(empty, '');
    const refused = await run(directory, [empty, '--source', 'extra']);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.contain('would remove the only record');

    const allowed = await run(directory, [empty, '--source', 'extra', '--allow-empty']);
    expect(allowed.code).to.equal(0);
    expect(allowed.stderr).to.match(/removed 1/);
  });
});
