import { expect } from 'chai';
import { DataFactory } from 'n3';
import { recordGraphIri } from '../../../store/graphs';
import { BB, DCT, FORMATS, RDF, SD, VOID } from '../../../vocab/namespaces';
import { startTestServer, type TestServer } from './testServer';
import { canonical, parseJsonLd, parseRdfXml, parseTurtle } from './rdfTestHelpers';

const { namedNode, literal, quad } = DataFactory;

const PREFIXES = 'PREFIX dct: <http://purl.org/dc/terms/>\nPREFIX bb: <https://w3id.org/bouwblokken/def#>\n';
const TITLES_QUERY = `${PREFIXES}SELECT ?block ?title WHERE { ?block a bb:BuildingBlock ; dct:title ?title FILTER(lang(?title) = "en") } ORDER BY ?block`;
const DIGID = 'https://w3id.org/bouwblokken/id/bouwblok/digid';
const CONSTRUCT_QUERY = `${PREFIXES}CONSTRUCT { ?block dct:title ?title } WHERE { ?block dct:identifier "pkioverheid" ; dct:title ?title }`;
const PKI_TITLES = [
  quad(namedNode('https://w3id.org/bouwblokken/id/bouwblok/pkioverheid'), DCT.title, literal('PKIoverheid', 'nl')),
  quad(namedNode('https://w3id.org/bouwblokken/id/bouwblok/pkioverheid'), DCT.title, literal('PKIoverheid', 'en')),
];

interface SparqlJson {
  head: { vars: string[] };
  results: { bindings: Array<Record<string, { type: string; value: string }>> };
}

describe('SPARQL endpoint', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ partners: ['https://partner.example.org/sparql'] });
  });
  after(async () => {
    await server.close();
  });

  function get(query: string, headers: Record<string, string> = {}, extra = ''): Promise<Response> {
    return fetch(`${server.url}sparql?query=${encodeURIComponent(query)}${extra}`, { headers });
  }

  async function problemOf(response: Response): Promise<Record<string, unknown>> {
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    return await response.json() as Record<string, unknown>;
  }

  describe('SELECT results', () => {
    it('returns SPARQL JSON by default', async () => {
      const response = await get(TITLES_QUERY);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^application\/sparql-results\+json/);
      expect(response.headers.get('vary')).to.match(/Accept/i);
      const body = await response.json() as SparqlJson;
      expect(body.head.vars).to.deep.equal(['block', 'title']);
      expect(body.results.bindings.map((row) => row.title?.value)).to.deep.equal([
        'Land Registry (BRK)', 'Personal Records Database (BRP)', 'DigiD', 'Haal Centraal', 'PKIoverheid',
      ]);
      expect(body.results.bindings[2]?.block).to.deep.equal({ type: 'uri', value: DIGID });
    });

    it('returns SPARQL XML when Accept prefers it by q-value', async () => {
      const response = await get(TITLES_QUERY, { accept: 'text/csv;q=0.5, application/sparql-results+xml;q=0.9' });
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^application\/sparql-results\+xml/);
      const text = await response.text();
      expect(text).to.contain('<variable name="block"/>');
      expect(text).to.contain(`<uri>${DIGID}</uri>`);
    });

    it('returns CSV and TSV for the format parameter', async () => {
      const csv = await get(TITLES_QUERY, {}, '&format=csv');
      expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
      const csvLines = (await csv.text()).trim().split(/\r?\n/);
      expect(csvLines[0]).to.equal('block,title');
      expect(csvLines).to.include(`${DIGID},DigiD`);

      const tsv = await get(TITLES_QUERY, { accept: 'text/tab-separated-values' });
      expect(tsv.headers.get('content-type')).to.match(/^text\/tab-separated-values/);
      const tsvLines = (await tsv.text()).trim().split(/\r?\n/);
      expect(tsvLines[0]).to.equal('?block\t?title');
      expect(tsvLines).to.include(`<${DIGID}>\t"DigiD"@en`);
    });

    it('takes the first known value of a repeated format parameter', async () => {
      const response = await get(TITLES_QUERY, {}, '&format=sparql-xml&format=application/sparql-results%2Bxml&format=xml');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^application\/sparql-results\+xml/);
    });

    it('accepts application/json as SPARQL JSON', async () => {
      const response = await get(TITLES_QUERY, { accept: 'application/json' });
      expect(response.headers.get('content-type')).to.match(/^application\/sparql-results\+json/);
    });

    it('runs a query sent as a form with POST', async () => {
      const response = await fetch(`${server.url}sparql`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: TITLES_QUERY }).toString(),
      });
      expect(response.status).to.equal(200);
      expect((await response.json() as SparqlJson).results.bindings).to.have.length(5);
    });

    it('runs a query sent directly with POST', async () => {
      const response = await fetch(`${server.url}sparql`, {
        method: 'POST',
        headers: { 'content-type': 'application/sparql-query', accept: 'text/csv' },
        body: TITLES_QUERY,
      });
      expect(response.status).to.equal(200);
      expect((await response.text()).trim().split(/\r?\n/)).to.have.length(6);
    });

    it('limits the default graph to default-graph-uri', async () => {
      const graph = recordGraphIri(server.url, 'curated', DIGID);
      const response = await get(TITLES_QUERY, {}, `&default-graph-uri=${encodeURIComponent(graph)}`);
      const rows = (await response.json() as SparqlJson).results.bindings;
      expect(rows.map((row) => row.block?.value)).to.deep.equal([DIGID]);
    });

    it('limits GRAPH to named-graph-uri', async () => {
      const graph = recordGraphIri(server.url, 'curated', DIGID);
      const query = `${PREFIXES}SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s dct:title ?t } }`;
      const response = await get(query, {}, `&named-graph-uri=${encodeURIComponent(graph)}`);
      const rows = (await response.json() as SparqlJson).results.bindings;
      expect(rows.map((row) => row.g?.value)).to.deep.equal([graph]);
    });

    it('limits the default graph to the query\'s FROM', async () => {
      const graph = recordGraphIri(server.url, 'curated', DIGID);
      const query = TITLES_QUERY.replace(/WHERE/, `FROM <${graph}> WHERE`);
      const rows = (await (await get(query)).json() as SparqlJson).results.bindings;
      expect(rows.map((row) => row.block?.value)).to.deep.equal([DIGID]);
    });

    it('leaves the default graph empty under FROM NAMED alone', async () => {
      const graph = recordGraphIri(server.url, 'curated', DIGID);
      const query = `SELECT (COUNT(*) AS ?n) FROM NAMED <${graph}> WHERE { ?s ?p ?o }`;
      const rows = (await (await get(query)).json() as SparqlJson).results.bindings;
      expect(rows[0]?.n?.value).to.equal('0');
    });

    it('lets default-graph-uri override FROM', async () => {
      const graph = recordGraphIri(server.url, 'curated', DIGID);
      const query = TITLES_QUERY.replace(/WHERE/, 'FROM <urn:nothing> WHERE');
      const response = await get(query, {}, `&default-graph-uri=${encodeURIComponent(graph)}`);
      const rows = (await response.json() as SparqlJson).results.bindings;
      expect(rows.map((row) => row.block?.value)).to.deep.equal([DIGID]);
    });

    it('includes the provenance of record graphs in the default graph', async () => {
      const query = `${PREFIXES}SELECT (COUNT(?g) AS ?n) WHERE { ?g a bb:RecordGraph ; bb:sourceName "api-register" }`;
      const rows = (await (await get(query)).json() as SparqlJson).results.bindings;
      expect(rows[0]?.n?.value).to.equal('3');
    });
  });

  describe('ASK results', () => {
    it('returns a boolean in SPARQL JSON', async () => {
      const response = await get(`${PREFIXES}ASK { <${DIGID}> bb:usesBlock ?other }`);
      expect(await response.json()).to.deep.equal({ head: {}, boolean: true });
    });

    it('returns a boolean in SPARQL XML', async () => {
      const response = await get(`${PREFIXES}ASK { <${DIGID}> bb:usesBlock <${DIGID}> }`, { accept: 'application/sparql-results+xml' });
      expect(await response.text()).to.match(/<boolean>false<\/boolean>/);
    });
  });

  describe('CONSTRUCT and DESCRIBE results', () => {
    const cases: Array<{ accept: string; contentType: RegExp; parse: (text: string) => Promise<ReturnType<typeof parseTurtle>> | ReturnType<typeof parseTurtle> }> = [
      { accept: 'text/turtle', contentType: /^text\/turtle/, parse: parseTurtle },
      { accept: 'application/n-triples', contentType: /^application\/n-triples/, parse: parseTurtle },
      { accept: 'application/ld+json', contentType: /^application\/ld\+json/, parse: parseJsonLd },
      { accept: 'application/rdf+xml', contentType: /^application\/rdf\+xml/, parse: parseRdfXml },
    ];
    for (const { accept, contentType, parse } of cases) {
      it(`returns a constructed graph as ${accept}`, async () => {
        const response = await get(CONSTRUCT_QUERY, { accept });
        expect(response.status).to.equal(200);
        expect(response.headers.get('content-type')).to.match(contentType);
        expect(await canonical(await parse(await response.text()))).to.equal(await canonical(PKI_TITLES));
      });
    }

    it('returns Turtle when Accept allows anything', async () => {
      const response = await get(CONSTRUCT_QUERY, { accept: '*/*' });
      expect(response.headers.get('content-type')).to.match(/^text\/turtle/);
    });

    it('describes a resource with its blank nodes', async () => {
      const response = await get(`DESCRIBE <${DIGID}>`, { accept: 'text/turtle' });
      const quads = parseTurtle(await response.text());
      const roles = quads.filter((item) => item.predicate.value === 'http://www.w3.org/ns/dcat#hadRole').map((item) => item.object.value);
      expect(roles).to.have.members(['https://w3id.org/bouwblokken/id/role/eigenaar', 'https://w3id.org/bouwblokken/id/role/beheerder']);
      expect(quads.some((item) => item.subject.value === DIGID && item.predicate.equals(BB.usesBlock))).to.equal(true);
    });
  });

  describe('errors', () => {
    it('reports a syntax error with line and column', async () => {
      const response = await get('SELECT * WHERE {\n  ?s ?p \n}');
      expect(response.status).to.equal(400);
      const problem = await problemOf(response);
      expect(problem.type).to.equal('https://w3id.org/bouwblokken/problem/parse-failure');
      expect(problem.line).to.equal(3);
      expect(problem.column).to.equal(1);
      expect(problem.detail).to.match(/^Invalid SPARQL query at line 3, column 1: expected one of .* but found '}'/);
    });

    it('rejects an update sent as a query', async () => {
      const response = await get('INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }');
      expect(response.status).to.equal(403);
      expect((await problemOf(response)).detail).to.match(/updates are not accepted/);
    });

    it('rejects an update sent as a form', async () => {
      const response = await fetch(`${server.url}sparql`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'update=' + encodeURIComponent('CLEAR ALL'),
      });
      expect(response.status).to.equal(403);
      expect((await problemOf(response)).detail).to.match(/read-only/);
    });

    it('rejects an update sent directly', async () => {
      const response = await fetch(`${server.url}sparql`, {
        method: 'POST',
        headers: { 'content-type': 'application/sparql-update' },
        body: 'DROP ALL',
      });
      expect(response.status).to.equal(403);
    });

    it('rejects SERVICE to a host that is not a partner', async () => {
      const response = await get('SELECT * WHERE { SERVICE <https://elsewhere.example.com/sparql> { ?s ?p ?o } }');
      expect(response.status).to.equal(403);
      const detail = (await problemOf(response)).detail;
      expect(detail).to.contain('SERVICE <https://elsewhere.example.com/sparql> is not accepted');
      expect(detail).to.contain('https://partner.example.org/sparql');
    });

    it('rejects SERVICE inside FILTER NOT EXISTS', async () => {
      const response = await get('SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE <https://partner.example.org.evil.example/sparql> { ?s ?p ?o } } }');
      expect(response.status).to.equal(403);
    });

    it('rejects SERVICE with a variable', async () => {
      const response = await get('SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }');
      expect(response.status).to.equal(403);
      expect((await problemOf(response)).detail).to.match(/SERVICE with a variable/);
    });

    it('passes SERVICE to a partner on to the store', async () => {
      const response = await get('SELECT * WHERE { SERVICE <https://partner.example.org/sparql> { ?s ?p ?o } }');
      const problem = await problemOf(response);
      expect(response.status).to.equal(400);
      expect(problem.detail).to.match(/service <https:\/\/partner\.example\.org\/sparql> is not supported/i);
    });

    it('answers 406 when Accept allows no result format', async () => {
      const response = await get(TITLES_QUERY, { accept: 'image/png' });
      expect(response.status).to.equal(406);
      expect((await problemOf(response)).detail).to.contain('application/sparql-results+json');
    });

    it('rejects a graph format for SELECT results', async () => {
      const response = await get(TITLES_QUERY, {}, '&format=turtle');
      expect(response.status).to.equal(400);
      expect((await problemOf(response)).detail).to.equal('Format "turtle" is not available here; use one of: json, xml, csv, tsv');
    });

    it('rejects two queries in one request', async () => {
      const response = await fetch(`${server.url}sparql?query=ASK%7B%7D&query=ASK%7B%7D`);
      expect(response.status).to.equal(400);
      expect((await problemOf(response)).detail).to.match(/more than once/);
    });

    it('rejects a POST of another content type', async () => {
      const response = await fetch(`${server.url}sparql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'ASK {}' });
      expect(response.status).to.equal(400);
      expect((await problemOf(response)).detail).to.contain('"text/plain"');
    });

    it('rejects a default-graph-uri that is not an IRI', async () => {
      const response = await get('ASK {}', {}, '&default-graph-uri=not%20an%20iri');
      expect(response.status).to.equal(400);
      expect((await problemOf(response)).detail).to.contain('"default-graph-uri" must be an absolute IRI');
    });
  });

  describe('service description', () => {
    it('describes the endpoint in Turtle', async () => {
      const response = await fetch(`${server.url}sparql`, { headers: { accept: 'text/turtle' } });
      expect(response.status).to.equal(200);
      const quads = parseTurtle(await response.text());
      const service = namedNode(`${server.url}sparql#service`);
      const has = (predicate: typeof SD.endpoint, object: ReturnType<typeof namedNode>) => quads.some((item) => item.subject.equals(service) && item.predicate.equals(predicate) && item.object.equals(object));
      expect(has(RDF.type, SD.Service)).to.equal(true);
      expect(has(SD.endpoint, namedNode(`${server.url}sparql`))).to.equal(true);
      expect(has(SD.supportedLanguage, SD.SPARQL11Query)).to.equal(true);
      expect(has(SD.feature, SD.UnionDefaultGraph)).to.equal(true);
      expect(has(SD.resultFormat, FORMATS['JSON-LD'])).to.equal(true);
    });

    it('describes the endpoint in JSON-LD with the same triples', async () => {
      const turtle = parseTurtle(await (await fetch(`${server.url}sparql`, { headers: { accept: 'text/turtle' } })).text());
      const response = await fetch(`${server.url}sparql`, { headers: { accept: 'application/ld+json' } });
      expect(response.headers.get('content-type')).to.match(/^application\/ld\+json/);
      expect(await canonical(await parseJsonLd(await response.text()))).to.equal(await canonical(turtle));
    });

    it('shows a page with a query form to browsers', async () => {
      const response = await fetch(`${server.url}sparql`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
      expect(response.headers.get('content-type')).to.match(/^text\/html/);
      const page = await response.text();
      expect(page).to.contain('<form method="get" action="sparql">');
      expect(page).to.contain('Bouwblokken per domein');
    });
  });

  describe('VoID', () => {
    it('reports the counts of the store', async () => {
      const response = await fetch(`${server.url}.well-known/void`, { headers: { accept: 'application/n-triples' } });
      expect(response.status).to.equal(200);
      const quads = parseTurtle(await response.text());
      const dataset = namedNode(`${server.url}.well-known/void#catalogue`);
      const valueOf = (subject: ReturnType<typeof namedNode>, predicate: typeof VOID.triples) => quads.find((item) => item.subject.equals(subject) && item.predicate.equals(predicate))?.object.value;
      const statistics = await server.store.statistics();
      expect(valueOf(dataset, VOID.entities)).to.equal(String(statistics.recordGraphCount));
      expect(valueOf(dataset, VOID.sparqlEndpoint)).to.equal(`${server.url}sparql`);

      const subsets = quads.filter((item) => item.subject.equals(dataset) && item.predicate.equals(VOID.subset)).map((item) => item.object);
      const perSource = Object.fromEntries(subsets.map((subset) => [
        quads.find((item) => item.subject.equals(subset) && item.predicate.equals(BB.sourceName))?.object.value,
        valueOf(subset as ReturnType<typeof namedNode>, VOID.entities),
      ]));
      expect(perSource).to.deep.equal({ 'api-register': '3', curated: String(statistics.sources.curated) });

      const blocks = quads.find((item) => item.predicate.equals(VOID.class) && item.object.equals(BB.BuildingBlock))?.subject;
      expect(valueOf(blocks as ReturnType<typeof namedNode>, VOID.entities)).to.equal('5');
    });

    it('counts the triples of the record graphs', async () => {
      const response = await fetch(`${server.url}.well-known/void`, { headers: { accept: 'text/turtle' } });
      const quads = parseTurtle(await response.text());
      const triples = quads.find((item) => item.predicate.equals(VOID.triples))?.object.value;
      const count = await server.store.query({ query: 'SELECT (COUNT(*) AS ?n) WHERE { ?g a <https://w3id.org/bouwblokken/def#RecordGraph> . GRAPH ?g { ?s ?p ?o } }' });
      if (count.type !== 'bindings') throw new Error('expected bindings');
      expect(triples).to.equal(count.bindings[0]?.n?.value);
      expect(Number(triples)).to.be.greaterThan(100);
    });
  });

  describe('result size limit', () => {
    let small: TestServer;
    before(async () => {
      small = await startTestServer({ query: { maxResults: 3 } });
    });
    after(async () => {
      await small.close();
    });

    it('answers 413 when a SELECT has more rows than allowed', async () => {
      const response = await fetch(`${small.url}sparql?query=${encodeURIComponent(TITLES_QUERY)}`);
      expect(response.status).to.equal(413);
      const problem = await response.json() as Record<string, unknown>;
      expect(problem.type).to.equal('https://w3id.org/bouwblokken/problem/limit-exceeded');
      expect(problem.detail).to.match(/more than the limit of 3/);
    });

    it('answers a SELECT whose LIMIT fits', async () => {
      const response = await fetch(`${small.url}sparql?query=${encodeURIComponent(`${TITLES_QUERY} LIMIT 3`)}`);
      expect(response.status).to.equal(200);
      expect((await response.json() as SparqlJson).results.bindings).to.have.length(3);
    });
  });
});
