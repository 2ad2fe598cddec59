/**
 * The REST API for portals under `/api/v1`: collections of building blocks, APIs, datasets, repositories and
 * organisations with search, filters, facets, sorting and paging; single records; the reference index
 * (verwijsindex); and the OpenAPI document. Bodies are JSON-LD; errors are problem+json.
 */
import { Router, type Request, type Response } from 'express';
import sparqljs from 'sparqljs';
import { DataFactory, Parser } from 'n3';
import type { AppContext } from '../context';
import { BadInputError, NotAcceptableError, NotFoundError } from '../../core/errors';
import { negotiate, type Offer } from '../conneg';
import { frameRecord, registerLocalDocument, type RecordKind } from '../../vocab/jsonld';
import type { CatalogueIndexes, IndexSnapshot } from '../../search/CatalogueIndexes';
import type { RecordType } from '../../search/recordFacts';
import type { RecordSummary } from '../../search/recordSummaries';
import { adrHeaders, readOnly } from './adrRules';
import { COLLECTION_PARAMETERS, parseCollectionParameters, rejectUnknown, single } from './parameters';
import {
  API_CONTEXT_PATH, API_LOCAL_CONTEXT, apiContext, collectionBody, labelFrom, locationsBody, recordUrl, referenceBody, summaryNode, type PageLinks,
} from './representations';
import { openApiDocument } from './openapi';

/** Path of the API below the instance's base IRI. */
export const API_PATH = '/api/v1';

/** The collections of the API: path segment and the record type they list. */
export const COLLECTIONS: ReadonlyArray<{ readonly path: string; readonly type: RecordType; readonly frame: RecordKind }> = [
  { path: 'building-blocks', type: 'building-block', frame: 'building-block' },
  { path: 'apis', type: 'api', frame: 'data-service' },
  { path: 'datasets', type: 'dataset', frame: 'dataset' },
  { path: 'repositories', type: 'repository', frame: 'software-source-code' },
  { path: 'organisations', type: 'organisation', frame: 'organisation' },
];

const JSON_LD_OFFERS: readonly Offer[] = [
  { name: 'jsonld', mediaType: 'application/ld+json' },
  { name: 'json', mediaType: 'application/json' },
];

/** Creates the router of the REST API. It reads the indexes' current snapshot for every request. */
export function apiRouter(context: AppContext, indexes: CatalogueIndexes): Router {
  const router = Router({ strict: true, caseSensitive: true });
  const apiBase = `${context.config.baseIri.replace(/\/$/, '')}${API_PATH}`;

  router.use(API_PATH, adrHeaders());

  // Entry point and OpenAPI document.
  router.get(API_PATH, (request, response) => {
    rejectUnknown(request, []);
    sendJsonLd(request, response, entryPoint(apiBase));
  });
  // The API's own JSON-LD terms, referenced from every body's @context.
  registerLocalDocument(`${context.config.baseIri}${API_CONTEXT_PATH}`, { '@context': API_LOCAL_CONTEXT });
  router.get(`/${API_CONTEXT_PATH}`, (_request, response) => {
    response.set('Cache-Control', 'public, max-age=86400').type('application/ld+json').send(JSON.stringify({ '@context': API_LOCAL_CONTEXT }, null, 2));
  });

  router.get(`${API_PATH}/openapi.json`, (request, response) => {
    rejectUnknown(request, []);
    response.type('application/vnd.oai.openapi+json;version=3.0').send(JSON.stringify(openApiDocument(context.config.baseIri), null, 2));
  });

  // Collections and their records.
  for (const collection of COLLECTIONS) {
    const collectionUrl = `${apiBase}/${collection.path}`;
    router.get(`${API_PATH}/${collection.path}`, async (request, response) => {
      const snapshot = await indexes.current();
      const parameters = parseCollectionParameters(request, COLLECTION_PARAMETERS, snapshot);
      const filters = { ...parameters.filters, type: [collection.type] };
      await sendCollection(request, response, snapshot, { ...parameters, filters }, collectionUrl, apiBase);
    });
    router.get(`${API_PATH}/${collection.path}/:id`, async (request, response) => {
      rejectUnknown(request, []);
      const snapshot = await indexes.current();
      const record = findRecord(snapshot, collection.type, String(request.params.id), collection.path);
      sendJsonLd(request, response, await recordBody(context, record, collection.frame, apiBase));
    });
  }

  // Where a building block lives.
  router.get(`${API_PATH}/building-blocks/:id/locations`, async (request, response) => {
    rejectUnknown(request, []);
    const snapshot = await indexes.current();
    const record = findRecord(snapshot, 'building-block', String(request.params.id), 'building-blocks');
    const locations = snapshot.references.locations(record.iri)!;
    const blockUrl = recordUrl(apiBase, record);
    sendJsonLd(request, response, locationsBody(locations, `${blockUrl}/locations`, apiBase, blockUrl));
  });

  // Search over every record type.
  router.get(`${API_PATH}/search`, async (request, response) => {
    const snapshot = await indexes.current();
    const parameters = parseCollectionParameters(request, [...COLLECTION_PARAMETERS, 'type'], snapshot);
    const filters = parameters.filters.type ? parameters.filters : { ...parameters.filters, type: COLLECTIONS.map((collection) => collection.type) };
    await sendCollection(request, response, snapshot, { ...parameters, filters }, `${apiBase}/search`, apiBase);
  });

  // The reference index.
  router.get(`${API_PATH}/references`, async (request, response) => {
    rejectUnknown(request, ['identifier']);
    const identifier = single(request, 'identifier');
    if (identifier === undefined) {
      throw new BadInputError('Parameter "identifier" is missing; give the URL, IRI, OIN or other identifier to look up');
    }
    const snapshot = await indexes.current();
    const lookup = snapshot.references.lookup(identifier);
    const selfUrl = `${apiBase}/references?identifier=${encodeURIComponent(identifier)}`;
    sendJsonLd(request, response, referenceBody(lookup, selfUrl, apiBase));
  });

  // Every other method on a resource that exists.
  const paths = [API_PATH, `${API_PATH}/openapi.json`, `${API_PATH}/search`, `${API_PATH}/references`, `${API_PATH}/building-blocks/:id/locations`,
    ...COLLECTIONS.flatMap((collection) => [`${API_PATH}/${collection.path}`, `${API_PATH}/${collection.path}/:id`])];
  for (const path of paths) router.all(path, readOnly());

  return router;
}

/** Runs a search for a collection page and sends it with `Link` headers. */
async function sendCollection(
  request: Request,
  response: Response,
  snapshot: IndexSnapshot,
  parameters: ReturnType<typeof parseCollectionParameters>,
  collectionUrl: string,
  apiBase: string,
): Promise<void> {
  const { page, pageSize } = parameters;
  const result = await snapshot.search.search({
    ...(parameters.q ? { q: parameters.q } : {}),
    filters: parameters.filters,
    ...(parameters.sort ? { sort: parameters.sort } : {}),
    language: parameters.lang,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });

  // Pages past the last one do not exist; an empty collection has one empty page.
  const lastPage = Math.max(1, Math.ceil(result.total / pageSize));
  if (page > lastPage) throw new NotFoundError(`Page ${page} of ${collectionUrl} does not exist; the last page is ${lastPage}`);

  const links = pageLinks(request, collectionUrl, page, lastPage);
  response.setHeader('Link', linkHeader(links));
  sendJsonLd(request, response, collectionBody({ collectionUrl, links, result, apiBase, labelOf: labelFrom(snapshot.summaries) }));
}

/** Builds the URLs of the first, last, previous and next pages, keeping the other query parameters. */
function pageLinks(request: Request, collectionUrl: string, page: number, lastPage: number): PageLinks {
  const query = new URLSearchParams(request.originalUrl.split('?')[1] ?? '');
  const at = (number: number) => {
    const copy = new URLSearchParams(query);
    copy.set('page', String(number));
    return `${collectionUrl}?${copy.toString()}`;
  };
  return {
    self: at(page),
    first: at(1),
    last: at(lastPage),
    ...(page < lastPage ? { next: at(page + 1) } : {}),
    ...(page > 1 ? { previous: at(page - 1) } : {}),
  };
}

function linkHeader(links: PageLinks): string {
  const relations: Array<[string, string | undefined]> = [
    ['self', links.self], ['first', links.first], ['prev', links.previous], ['next', links.next], ['last', links.last],
  ];
  return relations.filter(([, url]) => url !== undefined).map(([relation, url]) => `<${url}>; rel="${relation}"`).join(', ');
}

function findRecord(snapshot: IndexSnapshot, type: RecordType, id: string, collection: string): RecordSummary {
  const record = snapshot.recordById(type, id);
  if (!record) throw new NotFoundError(`No record with id "${id}" in ${API_PATH}/${collection}; list the collection to find ids`);
  return record;
}

const generator = new sparqljs.Generator();

/**
 * Returns a record as JSON-LD framed for its kind, from the quads of every record graph that describes it.
 * When framing finds no node of the kind (a record whose classes the frame does not match), the summary is
 * sent instead, so the record is still served.
 */
async function recordBody(context: AppContext, record: RecordSummary, frame: RecordKind, apiBase: string): Promise<Record<string, unknown>> {
  // CONSTRUCT the union of the record's graphs; the graph IRIs enter the query as terms.
  const query: sparqljs.ConstructQuery = {
    type: 'query',
    queryType: 'CONSTRUCT',
    prefixes: {},
    template: [{ subject: variable('s'), predicate: variable('p'), object: variable('o') }],
    where: [
      { type: 'values', values: record.provenance.map((provenance) => ({ '?g': DataFactory.namedNode(provenance.graph) })) },
      { type: 'graph', name: variable('g'), patterns: [{ type: 'bgp', triples: [{ subject: variable('s'), predicate: variable('p'), object: variable('o') }] }] },
    ],
  };
  const result = await context.store.query({ query: generator.stringify(query) });
  if (result.type !== 'quads') throw new Error(`expected quads from a CONSTRUCT query, got ${result.type}`);
  const quads = new Parser({ format: 'N-Triples' }).parse(result.ntriples);

  try {
    const framed = await frameRecord(quads, frame);
    return { ...framed, '@context': apiContext(apiBase), 'seeAlso': `${recordUrl(apiBase, record)}` };
  } catch (error) {
    context.logger.warn({ err: error, record: record.iri, frame }, 'record could not be framed; sending its summary');
    return { '@context': apiContext(apiBase), ...summaryNode(record, apiBase) };
  }
}

function variable(name: string) {
  return DataFactory.variable(name);
}

/** The entry point: links to every collection and to the API's documents. */
function entryPoint(apiBase: string): Record<string, unknown> {
  return {
    '@context': apiContext(apiBase),
    'id': apiBase,
    'label': 'Bouwblokken REST API, version 1',
    'seeAlso': [
      ...COLLECTIONS.map((collection) => `${apiBase}/${collection.path}`),
      `${apiBase}/search`,
      `${apiBase}/references`,
      `${apiBase}/openapi.json`,
    ],
  };
}

/**
 * Sends a JSON-LD body as `application/ld+json` (the default) or `application/json`, as the `Accept` header
 * prefers.
 * @throws NotAcceptableError when the client accepts neither.
 */
function sendJsonLd(request: Request, response: Response, body: unknown): void {
  const offer = negotiate(request.get('accept'), JSON_LD_OFFERS);
  if (!offer) {
    throw new NotAcceptableError(`None of the media types in Accept "${request.get('accept')}" is available here; available: ${JSON_LD_OFFERS.map((candidate) => candidate.mediaType).join(', ')}`);
  }
  response.type(offer.mediaType).send(JSON.stringify(body));
}
