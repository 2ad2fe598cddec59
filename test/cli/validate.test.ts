import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { validateCommand } from '../../cli/validate';

const FIXTURES = fileURLToPath(new URL('../fixtures/shapes/', import.meta.url));

/** Runs the command with in-memory streams and returns its exit code and output. */
async function run(args: string[], stdinText = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await validateCommand(args, {
    stdin: [Buffer.from(stdinText)],
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

describe('bouwblokken validate', () => {
  it('exits 0 and says so in Dutch for a conforming file', async () => {
    const { code, stdout, stderr } = await run([`${FIXTURES}valid/building-block.ttl`]);
    expect(code).to.equal(0);
    expect(stdout).to.equal('Voldoet (0 overtredingen, 0 waarschuwingen, 0 meldingen)\n');
    expect(stderr).to.equal('');
  });

  it('exits 1 and prints the report in English for violations', async () => {
    const { code, stdout } = await run([`${FIXTURES}invalid/building-block.ttl`, '--lang', 'en']);
    expect(code).to.equal(1);
    expect(stdout).to.match(/^Does not conform \(6 violations, 5 warnings, 2 info\)/);
    expect(stdout).to.include('<https://w3id.org/bouwblokken/id/bouwblok/eherkenning>');
    expect(stdout).to.include('  VIOLATION dct:title: Title (dct:title) is missing. Give the building block a name.');
  });

  it('exits 0 for a record with warnings only', async () => {
    const { code, stdout } = await run([`${FIXTURES}valid/harvested-api.ttl`, '--lang=en']);
    expect(code).to.equal(0);
    expect(stdout).to.match(/^Conforms \(0 violations, 6 warnings, 1 info\)/);
  });

  it('reads JSON-LD from stdin', async () => {
    const text = readFileSync(`${FIXTURES}valid/building-block.jsonld`, 'utf8');
    const { code, stdout } = await run(['-'], text);
    expect(code).to.equal(0);
    expect(stdout).to.equal('Voldoet (0 overtredingen, 0 waarschuwingen, 0 meldingen)\n');
  });

  it('reads Turtle from stdin with --format', async () => {
    const text = readFileSync(`${FIXTURES}invalid/dataset-no-publisher.ttl`, 'utf8');
    const { code, stdout } = await run(['-', '--format', 'turtle'], text);
    expect(code).to.equal(1);
    expect(stdout).to.include('OVERTREDING dct:publisher: Uitgever (dct:publisher) ontbreekt.');
  });

  it('exits 2 with line and column for broken Turtle', async () => {
    const file = `${FIXTURES}unparseable/broken.ttl`;
    const { code, stdout, stderr } = await run([file]);
    expect(code).to.equal(2);
    expect(stdout).to.equal('');
    expect(stderr).to.equal(`Invoer onleesbaar (${file}, regel 3, kolom 35): Invalid Turtle: Expected entity but got ] on line 3.\n`);
  });

  it('exits 2 with line and column for broken N-Triples', async () => {
    const file = `${FIXTURES}unparseable/broken.nt`;
    const { code, stderr } = await run([file, '--lang', 'en']);
    expect(code).to.equal(2);
    expect(stderr).to.match(new RegExp(`^Unreadable input \\(${file}, line 2, column 58\\): Invalid N-Triples: `));
  });

  it('exits 2 with line and column for broken JSON-LD', async () => {
    const file = `${FIXTURES}unparseable/broken.jsonld`;
    const { code, stderr } = await run([file, '--lang', 'en']);
    expect(code).to.equal(2);
    expect(stderr).to.equal(`Unreadable input (${file}, line 5, column 1): Invalid JSON: property name expected\n`);
  });

  it('exits 2 for a remote context without fetching it', async () => {
    const text = JSON.stringify({ '@context': 'https://example.org/context.jsonld', '@id': 'https://example.org/a' });
    const { code, stderr } = await run(['-', '--lang', 'en'], text);
    expect(code).to.equal(2);
    expect(stderr).to.include('Remote JSON-LD document https://example.org/context.jsonld was rejected');
  });

  it('exits 2 for a missing file', async () => {
    const { code, stderr } = await run(['no-such-file.ttl']);
    expect(code).to.equal(2);
    expect(stderr).to.equal('Invoer onleesbaar (no-such-file.ttl): File cannot be read (ENOENT)\n');
  });

  it('exits 2 when the format cannot be guessed', async () => {
    const { code, stderr } = await run([`${FIXTURES}valid/building-block.txt`]);
    expect(code).to.equal(2);
    expect(stderr).to.include('cannot be guessed from its extension');
  });

  it('exits 2 with usage for a wrong option', async () => {
    const { code, stderr } = await run([`${FIXTURES}valid/building-block.ttl`, '--lang', 'fr']);
    expect(code).to.equal(2);
    expect(stderr).to.match(/^Option --lang must be nl or en, not "fr"\n\nGebruik \/ Usage: bouwblokken validate/);
  });

  it('exits 2 without a file', async () => {
    const { code, stderr } = await run([]);
    expect(code).to.equal(2);
    expect(stderr).to.match(/^Give the file to validate, or - to read from stdin/);
  });

  it('exits 1 when no record is found', async () => {
    const { code, stdout } = await run(['-', '--lang', 'en'], '<https://example.org/a> <http://purl.org/dc/terms/title> "A" .');
    expect(code).to.equal(1);
    expect(stdout).to.match(/^No records found\./);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).to.equal(0);
    expect(stdout).to.match(/^Gebruik \/ Usage: bouwblokken validate FILE\|- \[--lang nl\|en\]/);
  });

  it('exits 1 for a record without an IRI', async () => {
    const text = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
[ a dcat:DataService ; dct:title "Zonder IRI"@nl ; dcat:endpointURL <https://api.example.org/> ] .`;
    const { code, stdout } = await run(['-', '--format', 'turtle', '--lang', 'en'], text);
    expect(code).to.equal(1);
    expect(stdout).to.match(/^Does not conform/);
    expect(stdout).to.include('A record of class dcat:DataService must have an IRI, but this is a blank node');
    expect(stdout).to.include('Give it an IRI of its own');
  });

  it('accepts a blank node of a record class inside a record', async () => {
    const text = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<https://example.org/id/dataset/een> a dcat:Dataset ; dct:title "Een"@nl ;
  dcat:distribution [ a dcat:Distribution ; dcat:accessURL <https://example.org/download> ] .`;
    const { stdout } = await run(['-', '--format', 'turtle', '--lang', 'en'], text);
    expect(stdout).to.match(/^(Does not conform|Conforms) /);
    expect(stdout).not.to.include('must have an IRI');
  });

  it('exits 2 for input that is not UTF-8', async () => {
    let stderr = '';
    const code = await validateCommand(['-', '--format', 'ntriples', '--lang', 'en'], {
      stdin: [Buffer.from('<https://example.org/a> <http://purl.org/dc/terms/title> "Caf\xe9" .\n', 'latin1')],
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (stderr += chunk) },
    } as unknown as Parameters<typeof validateCommand>[1]);
    expect(code).to.equal(2);
    expect(stderr).to.contain('stdin is not valid UTF-8: byte 0xE9 at byte offset 61 (line 1)');
  });
});
