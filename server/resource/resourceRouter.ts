/**
 * Dereferenceable IRIs: every IRI minted under the base IRI (`/id/...`, and any other path whose IRI the
 * catalogue describes) and any other IRI through `/resource?iri=...`, each in HTML, framed JSON-LD, Turtle,
 * N-Triples and RDF/XML by content negotiation. Also publishes the JSON-LD context and frames.
 */
import { createHash } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Quad } from '@rdfjs/types';
import jsonld from 'jsonld';
import { Writer } from 'n3';
import { BadInputError, LimitExceededError, NotFoundError } from '../../core/errors';
import {
  RECORD_KINDS, contextDocument, frameDocument, frameRecord, instanceContextUrl, localDocumentLoader, registerContextUrl,
  type RecordKind,
} from '../../vocab/jsonld';
import { BB, DCAT, FOAF, ORG, RDF, SCHEMA } from '../../vocab/namespaces';
import type { AppContext } from '../context';
import { chooseRepresentation, type Offer } from '../conneg';
import type { QueryGate } from '../sparql/QueryGate';
import { ResourceReader } from './describeResource';
import { GRAPH_OFFERS, serialiseGraph, type GraphFormatName } from './rdfFormats';
import { renderResourcePage } from './resourcePage';

/** HTML first, so that browsers and `*\/*` get a page; RDF clients name their format. */
export const RESOURCE_OFFERS: readonly Offer<GraphFormatName | 'html'>[] = [
  { name: 'html', mediaType: 'text/html', aliases: ['application/xhtml+xml'] },
  ...GRAPH_OFFERS,
];

/** Cache lifetime of the versioned context and frames: a year, because a version never changes meaning. */
const CONTRACT_CACHE_CONTROL = 'public, max-age=31536000';

/** Record kinds with a frame, by the class of the resource. The first matching class wins. */
const KIND_BY_CLASS: ReadonlyArray<[string, RecordKind]> = [
  [BB.BuildingBlock.value, 'building-block'],
  [DCAT.DataService.value, 'data-service'],
  [DCAT.Dataset.value, 'dataset'],
  [DCAT.Distribution.value, 'distribution'],
  [SCHEMA.SoftwareSourceCode.value, 'software-source-code'],
  [SCHEMA.Review.value, 'review'],
  [FOAF.Organization.value, 'organisation'],
  [ORG.Organization.value, 'organisation'],
];

/** Returns the record kind of a resource from its types, or `undefined` when no frame fits. */
export function recordKindOf(iri: string, quads: readonly Quad[]): RecordKind | undefined {
  const types = new Set(quads.filter((quad) => quad.subject.value === iri && quad.predicate.equals(RDF.type)).map((quad) => quad.object.value));
  return KIND_BY_CLASS.find(([type]) => types.has(type))?.[1];
}

/**
 * Creates the router for resources, the context and the frames.
 * @param gate admission control shared with the SPARQL endpoint.
 */
export function resourceRouter(context: AppContext, gate: QueryGate): Router {
  const router = Router();
  const { config } = context;
  const reader = new ResourceReader(context.store, gate, config.query);
  const contextUrl = instanceContextUrl(config.baseIri);
  registerContextUrl(contextUrl);

  router.get('/context/v1.jsonld', (request, response) => {
    sendContract(request, response, contextDocument());
  });

  router.get('/frames/v1/:file', (request, response, next) => {
    const kind = String(request.params.file).replace(/\.jsonld$/, '');
    if (!(RECORD_KINDS as readonly string[]).includes(kind)) {
      next(new NotFoundError(`No frame "${request.params.file}"; frames exist for ${RECORD_KINDS.map((name) => `${name}.jsonld`).join(', ')}`));
      return;
    }
    sendContract(request, response, frameDocument(kind as RecordKind));
  });

  router.get('/resource', async (request, response, next) => {
    const iri = request.query.iri;
    if (typeof iri !== 'string' || iri === '') {
      next(new BadInputError('Parameter "iri" is missing or given more than once; give the IRI of one resource, such as /resource?iri=https://w3id.org/bouwblokken/id/bouwblok/digid'));
      return;
    }
    const self = `/resource?iri=${encodeURIComponent(iri)}`;
    await sendResource(request, response, next, iri, (format) => `${self}&format=${format}`);
  });

  // Minted IRIs. Paths under /id/ are always resources; other paths fall through when nothing describes them.
  router.get(/.*/, async (request, response, next) => {
    const iri = config.baseIri + request.path.slice(1);
    const alwaysResource = request.path.startsWith('/id/');
    await sendResource(request, response, next, iri, (format) => `${request.path}?format=${format}`, !alwaysResource);
  });

  /** Negotiates and sends the description of `iri`. With `passWhenUnknown`, an unknown IRI goes to the next route. */
  async function sendResource(
    request: Request, response: Response, next: NextFunction, iri: string,
    formatHref: (format: string) => string, passWhenUnknown = false,
  ): Promise<void> {
    response.vary('Accept');
    try {
      const quads = await reader.describe(iri);
      if (quads.length === 0) {
        if (passWhenUnknown) {
          next();
          return;
        }
        throw new NotFoundError(`The catalogue has no description of <${iri}>`);
      }
      const offer = chooseRepresentation(request, RESOURCE_OFFERS);

      // Every other representation is announced, so clients can find them without negotiating.
      response.set('Link', RESOURCE_OFFERS.filter((other) => other !== offer)
        .map((other) => `<${formatHref(other.name)}>; rel="alternate"; type="${other.mediaType}"`).join(', '));

      if (offer.name === 'html') {
        const page = renderResourcePage({
          iri,
          quads,
          labels: await reader.labels(quads.filter((quad) => quad.object.termType === 'NamedNode').map((quad) => quad.object.value)),
          sources: await reader.sources(iri),
          alternates: RESOURCE_OFFERS.filter((other) => other.name !== 'html').map((other) => ({ label: other.mediaType, href: formatHref(other.name) })),
          localHref: (target) => (target.startsWith(`${config.baseIri}id/`) ? `/${target.slice(config.baseIri.length)}` : `/resource?iri=${encodeURIComponent(target)}`),
        });
        response.type('text/html; charset=utf-8').send(page);
        return;
      }
      if (offer.name === 'json-ld') {
        response.type('application/ld+json; charset=utf-8').send(JSON.stringify(await toJsonLd(iri, quads, contextUrl), null, 2));
        return;
      }
      response.type(`${offer.mediaType}; charset=utf-8`).send(await serialiseGraph(quads, offer.name));
    } catch (error) {
      if (error instanceof LimitExceededError && error.status === 503) response.set('Retry-After', '2');
      next(error);
    }
  }

  return router;
}

/**
 * Returns the JSON-LD of a resource: framed with the frame of its kind, or compacted with the context when
 * no frame fits (concepts, provenance). Both refer to the instance's copy of the context.
 */
async function toJsonLd(iri: string, quads: Quad[], contextUrl: string): Promise<object> {
  const kind = recordKindOf(iri, quads);
  if (kind) {
    const framed = await frameRecord(quads, kind, { contextUrl });
    const graph = framed['@graph'];
    // The description may contain further nodes of the same kind; the requested resource comes first.
    if (Array.isArray(graph)) {
      const main = graph.find((node) => (node as { id?: string }).id === iri);
      if (main) return { '@context': contextUrl, ...(main as object) };
    }
    return framed;
  }
  const expanded = await jsonld.fromRDF(new Writer({ format: 'N-Triples' }).quadsToString(quads), { format: 'application/n-quads', useNativeTypes: false });
  return jsonld.compact(expanded, contextUrl as unknown as jsonld.ContextDefinition, { documentLoader: localDocumentLoader } as jsonld.Options.Compact);
}

/** Sends a versioned contract document with long cache headers and an ETag. */
function sendContract(request: Request, response: Response, document: object): void {
  const body = JSON.stringify(document, null, 2);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  response.set({ 'Cache-Control': CONTRACT_CACHE_CONTROL, ETag: etag, 'Access-Control-Allow-Origin': '*' });
  if (request.get('if-none-match') === etag) {
    response.status(304).end();
    return;
  }
  response.type('application/ld+json; charset=utf-8').send(body);
}
