import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../server/sparql/testServer';
import { mintedRecordIri } from '../server/sparql/fixtureCatalogue';

const run = promisify(execFile);

/** Debian's interpreter: the Debian packages python3-rdflib and python3-sparqlwrapper install into it. */
const PYTHON = '/usr/bin/python3';
const DIGID = 'https://w3id.org/bouwblokken/id/bouwblok/digid';
const ID = 'https://w3id.org/bouwblokken/id/bouwblok/';

interface FormatResult {
  triples?: number;
  titles?: string[];
  error?: string;
}

interface ParseResult {
  turtle: FormatResult;
  jsonLd: FormatResult;
  isomorphic: boolean;
}

/** Runs a script of this folder with Debian's Python, asynchronously, so the server keeps serving meanwhile. */
async function runScript(script: string, ...args: string[]): Promise<unknown> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const { stdout } = await run(PYTHON, [path, ...args], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(stdout);
}

describe('interoperability with Python clients', function () {
  this.timeout(120_000);
  let server: TestServer;

  before(async () => {
    try {
      await run(PYTHON, ['-c', 'import rdflib, SPARQLWrapper']);
    } catch (error) {
      throw new Error(
        `${PYTHON} cannot import rdflib and SPARQLWrapper, which these tests need. `
        + 'Install the Debian packages: apt-get install -y python3-rdflib python3-sparqlwrapper '
        + `(${(error as { stderr?: string }).stderr?.trim() ?? (error as Error).message})`,
        { cause: error },
      );
    }
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('rdflib parses a minted record in Turtle and JSON-LD', async () => {
    const iri = mintedRecordIri(server.url);
    const result = await runScript('rdflib_parse.py', iri, iri) as ParseResult;
    expect(result.turtle.error).to.equal(undefined);
    expect(result.jsonLd.error).to.equal(undefined);
    expect(result.turtle.titles).to.deep.equal(['Overview of municipal APIs@en', "Overzicht gemeentelijke API's@nl"]);
    expect(result.jsonLd.titles).to.deep.equal(result.turtle.titles);
    expect(result.turtle.triples).to.equal(6);
    expect(result.isomorphic).to.equal(true);
  });

  it('rdflib parses a building block with blank nodes in Turtle and JSON-LD', async () => {
    const result = await runScript('rdflib_parse.py', `${server.url}resource?iri=${encodeURIComponent(DIGID)}`, DIGID) as ParseResult;
    expect(result.turtle.error).to.equal(undefined);
    expect(result.jsonLd.error).to.equal(undefined);
    expect(result.turtle.titles).to.deep.equal(['DigiD@en', 'DigiD@nl']);
    expect(result.jsonLd.triples).to.equal(result.turtle.triples);
    expect(result.isomorphic).to.equal(true);
  });

  it('rdflib parses /catalog in Turtle and JSON-LD', async () => {
    const catalog = `${server.url}catalog`;
    const result = await runScript('rdflib_parse.py', catalog, catalog) as ParseResult;
    expect(result.turtle.error).to.equal(undefined);
    expect(result.turtle.titles).to.include('Bouwblokken: bouwblokken van de digitale overheid@nl');
    expect(result.jsonLd.error, `rdflib failed on the JSON-LD of /catalog: ${result.jsonLd.error}`).to.equal(undefined);
    expect(result.isomorphic).to.equal(true);
  });

  it('SPARQLWrapper runs a SELECT and a CONSTRUCT', async () => {
    const result = await runScript('sparqlwrapper_query.py', `${server.url}sparql`) as {
      selectGet: string[][]; selectPost: string[][]; construct: { turtle: string[]; rdfXml: string[] };
    };
    const blocks = [
      [`${ID}brk`, 'Basisregistratie Kadaster (BRK)'],
      [`${ID}brp`, 'Basisregistratie Personen (BRP)'],
      [`${ID}digid`, 'DigiD'],
      [`${ID}haal-centraal`, 'Haal Centraal'],
      [`${ID}pkioverheid`, 'PKIoverheid'],
    ];
    expect(result.selectGet).to.deep.equal(blocks);
    expect(result.selectPost).to.deep.equal(blocks);
    const uses = [
      `${ID}digid ${ID}brp`, `${ID}digid ${ID}pkioverheid`, `${ID}haal-centraal ${ID}brk`, `${ID}haal-centraal ${ID}brp`,
    ];
    expect(result.construct.turtle).to.deep.equal(uses);
    expect(result.construct.rdfXml).to.deep.equal(uses);
  });
});
