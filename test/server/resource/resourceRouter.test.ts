import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Parser } from 'n3';
import { splitIntoRecords } from '../../../core/records';
import { recordGraphIri } from '../../../store/graphs';
import { FOAF } from '../../../vocab/namespaces';
import { startTestServer, type TestServer } from '../sparql/testServer';
import { mintedRecordIri } from '../sparql/fixtureCatalogue';
import { canonical, parseJsonLd, parseRdfXml, parseTurtle } from '../sparql/rdfTestHelpers';

const LOGIUS = 'https://identifier.overheid.nl/tooi/id/oorg/oorg10117';
const DIGID = 'https://w3id.org/bouwblokken/id/bouwblok/digid';

describe('resource router', () => {
  let server: TestServer;
  let mintedIri: string;
  let mintedPath: string;

  before(async () => {
    server = await startTestServer();
    mintedIri = mintedRecordIri(server.url);
    mintedPath = `${server.url}${mintedIri.slice(server.url.length)}`;
  });
  after(async () => {
    await server.close();
  });

  /** The quads of the minted record as the fixture file states them. */
  function expectedMintedQuads() {
    const text = readFileSync(new URL('../sparql/fixtures/harvested-2.ttl', import.meta.url), 'utf8');
    const { records } = splitIntoRecords(new Parser({ baseIRI: server.url }).parse(text));
    return records.find((record) => record.iri === mintedIri)!.quads;
  }

  describe('a minted IRI', () => {
    const cases = [
      { accept: 'text/turtle', contentType: /^text\/turtle/, parse: (text: string) => parseTurtle(text) },
      { accept: 'application/n-triples', contentType: /^application\/n-triples/, parse: (text: string) => parseTurtle(text) },
      { accept: 'application/rdf+xml', contentType: /^application\/rdf\+xml/, parse: (text: string) => parseRdfXml(text) },
      { accept: 'application/ld+json', contentType: /^application\/ld\+json/, parse: (text: string) => parseJsonLd(text) },
    ];
    for (const { accept, contentType, parse } of cases) {
      it(`resolves as ${accept} with the record's triples`, async () => {
        const response = await fetch(mintedPath, { headers: { accept } });
        expect(response.status).to.equal(200);
        expect(response.headers.get('content-type')).to.match(contentType);
        expect(await canonical(await parse(await response.text()))).to.equal(await canonical(expectedMintedQuads()));
      });
    }

    it('announces every other format in Link headers and varies on Accept', async () => {
      const response = await fetch(mintedPath, { headers: { accept: 'text/turtle' } });
      expect(response.headers.get('vary')).to.match(/Accept/i);
      const links = (response.headers.get('link') ?? '').split(/,\s*(?=<)/);
      const path = new URL(mintedPath).pathname;
      expect(links).to.have.members([
        `<${path}?format=html>; rel="alternate"; type="text/html"`,
        `<${path}?format=json-ld>; rel="alternate"; type="application/ld+json"`,
        `<${path}?format=n-triples>; rel="alternate"; type="application/n-triples"`,
        `<${path}?format=rdf-xml>; rel="alternate"; type="application/rdf+xml"`,
      ]);
    });

    it('frames JSON-LD with the instance context', async () => {
      const response = await fetch(mintedPath, { headers: { accept: 'application/ld+json' } });
      const document = await response.json() as Record<string, unknown>;
      expect(document['@context']).to.equal(`${server.url}context/v1.jsonld`);
      expect(document.id).to.equal(mintedIri);
      expect(document.type).to.equal('Dataset');
      expect(document.title).to.deep.equal({ nl: "Overzicht gemeentelijke API's", en: 'Overview of municipal APIs' });
    });

    it('follows the format parameter over Accept', async () => {
      const response = await fetch(`${mintedPath}?format=ttl`, { headers: { accept: 'text/html' } });
      expect(response.headers.get('content-type')).to.match(/^text\/turtle/);
    });

    it('shows an HTML page to browsers', async () => {
      const response = await fetch(mintedPath, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(response.headers.get('content-type')).to.match(/^text\/html/);
      const page = await response.text();
      expect(page).to.contain('<html lang="nl">');
      expect(page).to.contain('<h1>Overzicht gemeentelijke API&#39;s <span class="en" lang="en">/ Overview of municipal APIs</span></h1>');
      expect(page).to.contain('Titel <span class="en" lang="en">/ Title</span>');
      expect(page).to.contain('<td>api-register</td><td>2026-03-03T08:00:00Z</td>');
      expect(page).to.contain('<a href="http://publications.europa.eu/resource/authority/data-theme/GOVE">');
    });

    it('sends security headers with the page', async () => {
      const response = await fetch(mintedPath, { headers: { accept: 'text/html' } });
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).to.contain("default-src 'none'");
      expect(policy).to.contain("frame-ancestors 'none'");
      expect(policy).to.match(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
      expect(policy).not.to.contain('script-src');
      expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
    });

    it('allows exactly the inline style sheet of the page', async () => {
      const { createHash } = await import('node:crypto');
      const response = await fetch(mintedPath, { headers: { accept: 'text/html' } });
      const page = await response.text();
      const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
      const hash = createHash('sha256').update(style).digest('base64');
      expect(response.headers.get('content-security-policy')).to.contain(`'sha256-${hash}'`);
    });

    it('answers 406 for a media type it cannot produce', async () => {
      const response = await fetch(mintedPath, { headers: { accept: 'image/png' } });
      expect(response.status).to.equal(406);
      const problem = await response.json() as Record<string, unknown>;
      expect(problem.type).to.equal('https://w3id.org/bouwblokken/problem/not-acceptable');
      expect(problem.detail).to.contain('text/turtle');
    });

    it('answers 404 for an unknown IRI under /id/', async () => {
      const response = await fetch(`${server.url}id/dataset/bestaat-niet`, { headers: { accept: 'text/turtle' } });
      expect(response.status).to.equal(404);
      expect((await response.json() as Record<string, unknown>).detail).to.equal(`The catalogue has no description of <${server.url}id/dataset/bestaat-niet>`);
    });

    it('resolves a record graph IRI to its provenance', async () => {
      const graph = recordGraphIri(server.url, 'api-register', mintedIri);
      const response = await fetch(graph, { headers: { accept: 'text/turtle' } });
      expect(response.status).to.equal(200);
      const quads = parseTurtle(await response.text());
      expect(quads.some((quad) => quad.subject.value === graph && quad.predicate.equals(FOAF.primaryTopic) && quad.object.value === mintedIri)).to.equal(true);
    });

    it('leaves other unknown paths to the 404 handler', async () => {
      const response = await fetch(`${server.url}no/such/thing`);
      expect(response.status).to.equal(404);
      expect((await response.json() as Record<string, unknown>).detail).to.equal('No resource at /no/such/thing');
    });
  });

  describe('/resource', () => {
    it('merges the descriptions of all sources', async () => {
      const response = await fetch(`${server.url}resource?iri=${encodeURIComponent(LOGIUS)}`, { headers: { accept: 'application/n-triples' } });
      const quads = parseTurtle(await response.text());
      const predicates = quads.filter((quad) => quad.subject.value === LOGIUS).map((quad) => quad.predicate.value);
      expect(predicates).to.include(FOAF.homepage.value);
      expect(predicates).to.include(FOAF.name.value);
    });

    it('includes the blank nodes of a description', async () => {
      const response = await fetch(`${server.url}resource?iri=${encodeURIComponent(DIGID)}`, { headers: { accept: 'text/turtle' } });
      const quads = parseTurtle(await response.text());
      const agents = quads.filter((quad) => quad.predicate.value === 'http://www.w3.org/ns/prov#agent').map((quad) => quad.object.value);
      expect(agents).to.have.members(['https://identifier.overheid.nl/tooi/id/ministerie/mnre1034', LOGIUS]);
    });

    it('links described resources to their pages', async () => {
      const response = await fetch(`${server.url}resource?iri=${encodeURIComponent(DIGID)}`, { headers: { accept: 'text/html' } });
      const page = await response.text();
      expect(page).to.contain(`<a href="/resource?iri=${encodeURIComponent('https://w3id.org/bouwblokken/id/bouwblok/brp')}">Basisregistratie Personen (BRP)</a>`);
      expect(page).to.contain('Rol van organisatie <span class="en" lang="en">/ Organisation role</span>');
    });

    it('frames a building block as JSON-LD', async () => {
      const response = await fetch(`${server.url}resource?iri=${encodeURIComponent(DIGID)}&format=jsonld`);
      const document = await response.json() as Record<string, unknown>;
      expect(document.type).to.equal('BuildingBlock');
      expect(document.usesBlock).to.have.members(['https://w3id.org/bouwblokken/id/bouwblok/brp', 'https://w3id.org/bouwblokken/id/bouwblok/pkioverheid']);
    });

    it('rejects a missing iri parameter', async () => {
      const response = await fetch(`${server.url}resource`);
      expect(response.status).to.equal(400);
      expect((await response.json() as Record<string, unknown>).detail).to.match(/Parameter "iri" is missing/);
    });

    it('rejects a value that is not an IRI', async () => {
      const response = await fetch(`${server.url}resource?iri=${encodeURIComponent('<bad> iri')}`);
      expect(response.status).to.equal(400);
      expect((await response.json() as Record<string, unknown>).detail).to.equal('"<bad> iri" is not an absolute IRI; give one such as https://w3id.org/bouwblokken/id/bouwblok/digid');
    });

    it('answers 404 for an IRI the catalogue does not describe', async () => {
      const response = await fetch(`${server.url}resource?iri=${encodeURIComponent('https://example.org/unknown')}`);
      expect(response.status).to.equal(404);
    });
  });

  describe('context and frames', () => {
    it('publishes the context with long cache headers', async () => {
      const response = await fetch(`${server.url}context/v1.jsonld`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^application\/ld\+json/);
      expect(response.headers.get('cache-control')).to.equal('public, max-age=31536000');
      const file = JSON.parse(readFileSync(new URL('../../../vocab/context/v1.jsonld', import.meta.url), 'utf8'));
      expect(await response.json()).to.deep.equal(file);
    });

    it('answers 304 when the ETag matches', async () => {
      const first = await fetch(`${server.url}context/v1.jsonld`);
      const etag = first.headers.get('etag')!;
      const second = await fetch(`${server.url}context/v1.jsonld`, { headers: { 'if-none-match': etag } });
      expect(second.status).to.equal(304);
    });

    it('publishes the frame of each kind', async () => {
      const response = await fetch(`${server.url}frames/v1/building-block.jsonld`);
      expect(response.status).to.equal(200);
      expect(((await response.json()) as Record<string, unknown>).type).to.equal('BuildingBlock');
    });

    it('answers 404 for an unknown frame', async () => {
      const response = await fetch(`${server.url}frames/v1/spaceship.jsonld`);
      expect(response.status).to.equal(404);
      expect((await response.json() as Record<string, unknown>).detail).to.contain('building-block.jsonld');
    });
  });
});
