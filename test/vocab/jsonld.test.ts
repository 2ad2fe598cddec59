import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { BadInputError, ForbiddenError, ParseError } from '../../core/errors';
import {
  CONTEXT_URL, RECORD_KINDS, frameDocument, frameRecord, frameUrl, instanceContextUrl, localDocumentLoader,
  parseJsonLd, registerContextUrl,
} from '../../vocab/jsonld';

const FIXTURES = new URL('../fixtures/shapes/', import.meta.url);

function readFixture(relativePath: string): string {
  return readFileSync(new URL(relativePath, FIXTURES), 'utf8');
}

describe('JSON-LD', () => {
  describe('remote contexts', () => {
    let server: Server;
    let requests: string[];
    let remoteUrl: string;

    before(async () => {
      requests = [];
      server = createServer((request, response) => {
        requests.push(request.url ?? '');
        response.setHeader('content-type', 'application/ld+json');
        response.end(JSON.stringify({ '@context': { title: 'http://purl.org/dc/terms/title' } }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      remoteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/context.jsonld`;
    });

    after(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('rejects a remote context without any request', async () => {
      const document = JSON.stringify({ '@context': remoteUrl, '@id': 'https://example.org/a', title: 'A' });
      const error = await parseJsonLd(document, 'https://example.org/').then(() => undefined, (caught: unknown) => caught);
      expect(error).to.be.instanceOf(ForbiddenError);
      expect((error as Error).message).to.equal(
        `Remote JSON-LD document ${remoteUrl} was rejected: Bouwblokken does not fetch remote contexts. ` +
          `Use ${CONTEXT_URL} or put the context inline.`,
      );
      expect(requests).to.deep.equal([]);
    });

    it('rejects a remote context nested in an inline context', async () => {
      const document = JSON.stringify({
        '@context': [{ dct: 'http://purl.org/dc/terms/' }, remoteUrl],
        '@id': 'https://example.org/a',
        'dct:title': 'A',
      });
      const error = await parseJsonLd(document, 'https://example.org/').then(() => undefined, (caught: unknown) => caught);
      expect(error).to.be.instanceOf(ForbiddenError);
      expect(requests).to.deep.equal([]);
    });

    it('does not load the loopback server as a document either', async () => {
      const error = await localDocumentLoader(remoteUrl).then(() => undefined, (caught: unknown) => caught);
      expect(error).to.be.instanceOf(ForbiddenError);
      expect(requests).to.deep.equal([]);
    });
  });

  describe('parseJsonLd', () => {
    it('reads the published context locally', async () => {
      const quads = await parseJsonLd(readFixture('valid/building-block.jsonld'), 'https://example.org/');
      const expected = new Parser().parse(`
        @prefix adms: <http://www.w3.org/ns/adms#> . @prefix bb: <https://w3id.org/bouwblokken/def#> .
        @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
        @prefix prov: <http://www.w3.org/ns/prov#> . @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
        <https://w3id.org/bouwblokken/id/bouwblok/digikoppeling> a bb:BuildingBlock ;
          dct:identifier "digikoppeling" ;
          dct:title "Digikoppeling"@nl, "Digikoppeling"@en ;
          dct:description "Standaarden voor het uitwisselen van berichten tussen overheidsorganisaties."@nl,
            "Standards for exchanging messages between government organisations."@en ;
          bb:application "Een gemeente vraagt gegevens op bij de RDW."@nl, "A municipality requests data from the RDW."@en ;
          bb:kind <https://w3id.org/bouwblokken/id/kind/standaard> ;
          bb:domain <https://w3id.org/bouwblokken/id/domain/gegevensuitwisseling> ;
          adms:status <http://purl.org/adms/status/Completed> ;
          dct:publisher <https://identifier.overheid.nl/tooi/id/oorg/oorg10117> ;
          prov:qualifiedAttribution [ a prov:Attribution ; prov:agent <https://identifier.overheid.nl/tooi/id/oorg/oorg10117> ;
            dcat:hadRole <https://w3id.org/bouwblokken/id/role/beheerder> ] ;
          dcat:landingPage <https://www.logius.nl/domeinen/gegevensuitwisseling/digikoppeling> ;
          dcat:contactPoint [ a vcard:Organization ; vcard:fn "Logius Servicecentrum" ;
            vcard:hasEmail <mailto:servicecentrum@logius.nl> ] ;
          dcat:keyword "berichtenverkeer"@nl, "messaging"@en .
      `);
      expect(isomorphic(quads, expected)).to.equal(true);
    });

    it('resolves relative IRIs against the base IRI', async () => {
      const quads = await parseJsonLd(JSON.stringify({ '@context': CONTEXT_URL, id: 'a', title: { nl: 'A' } }), 'https://example.org/records/');
      expect(quads.map((quad) => quad.subject.value)).to.deep.equal(['https://example.org/records/a']);
    });

    it('reports a JSON syntax error with line and column', async () => {
      const error = await parseJsonLd(readFixture('unparseable/broken.jsonld'), 'file:///broken.jsonld')
        .then(() => undefined, (caught: unknown) => caught);
      expect(error).to.be.instanceOf(ParseError);
      expect((error as ParseError).message).to.equal('Invalid JSON: property name expected');
      expect((error as ParseError).location).to.deep.equal({ resource: 'file:///broken.jsonld', line: 5, column: 1 });
    });

    it('rejects a property that maps to no IRI instead of dropping it', async () => {
      const document = JSON.stringify({ '@context': CONTEXT_URL, id: 'https://example.org/a', titel: 'A' });
      const error = await parseJsonLd(document, 'https://example.org/').then(() => undefined, (caught: unknown) => caught);
      expect(error).to.be.instanceOf(ParseError);
      expect((error as Error).message).to.match(/^Invalid JSON-LD: /);
    });
  });

  describe('registerContextUrl', () => {
    it('serves the context at the instance URL', async () => {
      const url = instanceContextUrl('https://bouwblokken.example.org/');
      expect(url).to.equal('https://bouwblokken.example.org/context/v1.jsonld');
      registerContextUrl(url);
      const document = JSON.stringify({ '@context': url, id: 'https://example.org/a', title: { en: 'A' } });
      const quads = await parseJsonLd(document, 'https://example.org/');
      expect(quads.map((quad) => quad.predicate.value)).to.deep.equal(['http://purl.org/dc/terms/title']);
    });

    it('rejects a URL that is not absolute', () => {
      expect(() => registerContextUrl('context/v1.jsonld')).to.throw(BadInputError, 'Context URL "context/v1.jsonld" is not an absolute http(s) URL');
    });
  });

  describe('frameRecord', () => {
    it('frames a building block with short terms and language maps', async () => {
      const quads = new Parser().parse(readFixture('valid/building-block.ttl'));
      const framed = await frameRecord(quads, 'building-block');
      expect(framed['@context']).to.equal(CONTEXT_URL);
      expect(framed.id).to.equal('https://w3id.org/bouwblokken/id/bouwblok/mijnoverheid-berichtenbox');
      expect(framed.type).to.equal('BuildingBlock');
      expect(framed.identifier).to.equal('mijnoverheid-berichtenbox');
      expect(framed.title).to.deep.equal({ nl: 'MijnOverheid Berichtenbox', en: 'MijnOverheid message box' });
      expect(framed.keyword).to.deep.equal({ nl: ['berichten'], en: ['messages'] });
      expect(framed.kind).to.deep.equal(['https://w3id.org/bouwblokken/id/kind/voorziening']);
      expect(framed.publisher).to.equal('https://identifier.overheid.nl/tooi/id/oorg/oorg10117');
      expect(framed.contactPoint).to.deep.equal([{
        type: 'vcard:Organization',
        fn: 'Logius Servicecentrum',
        hasEmail: ['mailto:servicecentrum@logius.nl'],
        hasURL: ['https://www.logius.nl/contact'],
      }]);
    });

    it('gives JSON-LD that parses back to the same quads', async () => {
      for (const [fixture, kind] of [
        ['valid/data-service.ttl', 'data-service'], ['valid/dataset.ttl', 'dataset'], ['valid/review.ttl', 'review'],
        ['valid/organisation.ttl', 'organisation'], ['valid/distribution.ttl', 'distribution'],
        ['valid/software-source-code.ttl', 'software-source-code'],
      ] as const) {
        const quads = new Parser().parse(readFixture(fixture));
        const framed = await frameRecord(quads, kind);
        const parsed = await parseJsonLd(JSON.stringify(framed), 'https://example.org/');
        expect(isomorphic(parsed, quads), fixture).to.equal(true);
      }
    });

    it('writes numbers of a rating as JSON numbers', async () => {
      const framed = await frameRecord(new Parser().parse(readFixture('valid/review.ttl')), 'review');
      expect(framed.reviewRating).to.deep.include({ type: 'Rating', bestRating: 100, worstRating: 0 });
    });

    it('uses a registered instance context URL', async () => {
      const contextUrl = instanceContextUrl('https://bouwblokken.example.org/');
      registerContextUrl(contextUrl);
      const framed = await frameRecord(new Parser().parse(readFixture('valid/organisation.ttl')), 'organisation', { contextUrl });
      expect(framed['@context']).to.equal(contextUrl);
      expect(framed.name).to.deep.equal({
        nl: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
        en: 'Ministry of the Interior and Kingdom Relations',
      });
    });

    it('rejects a record without a node of the kind', async () => {
      const quads = new Parser().parse(readFixture('valid/organisation.ttl'));
      const error = await frameRecord(quads, 'data-service').then(() => undefined, (caught: unknown) => caught);
      expect(error).to.be.instanceOf(BadInputError);
      expect((error as Error).message).to.equal(`The record has no node of kind "data-service" (frame ${frameUrl('data-service')} matched nothing)`);
    });

    it('rejects an unregistered context URL', async () => {
      const quads = new Parser().parse(readFixture('valid/organisation.ttl'));
      const error = await frameRecord(quads, 'organisation', { contextUrl: 'https://elsewhere.example.org/context.jsonld' })
        .then(() => undefined, (caught: unknown) => caught);
      expect(error).to.be.instanceOf(BadInputError);
    });
  });

  describe('frames', () => {
    it('exist for every record kind and refer to the published context', () => {
      for (const kind of RECORD_KINDS) expect(frameDocument(kind)['@context'], kind).to.equal(CONTEXT_URL);
    });

    it('are served by the local document loader', async () => {
      const loaded = await localDocumentLoader(frameUrl('review'));
      expect(loaded.document).to.deep.equal(frameDocument('review'));
    });
  });
});
