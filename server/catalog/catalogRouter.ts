/**
 * `GET /catalog`: the whole catalogue as one DCAT catalogue, paged with Hydra, in Turtle or JSON-LD. Each
 * page contains the `dcat:Catalog` description, its members on that page (`dcat:dataset`, `dcat:service`,
 * `dcat:resource`) with their full descriptions from every record graph, and the Hydra paging links.
 */
import { Router, type Request, type Response } from 'express';
import jsonld from 'jsonld';
import sparqljs from 'sparqljs';
import { DataFactory, Parser, Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { AppContext } from '../context';
import { BadInputError, NotFoundError } from '../../core/errors';
import { chooseRepresentation, type Offer } from '../conneg';
import { instanceContextUrl, localDocumentLoader, registerContextUrl } from '../../vocab/jsonld';
import { DCAT, DCT, FOAF, HYDRA, PREFIXES, RDF, VCARD, XSD } from '../../vocab/namespaces';
import type { CatalogueIndexes } from '../../search/CatalogueIndexes';
import type { RecordType } from '../../search/recordFacts';
import type { RecordSummary } from '../../search/recordSummaries';
import { rejectUnknown, single } from '../api/parameters';
import { API_LOCAL_CONTEXT } from '../api/representations';

const { namedNode, literal, blankNode, quad, variable } = DataFactory;

/** Default and maximum members per page of the catalogue. */
export const CATALOG_PAGE_SIZE = 50;
export const CATALOG_MAX_PAGE_SIZE = 500;

/** Membership property of each record type, in page order: datasets first, so page 1 has `dcat:dataset`. */
const MEMBERSHIP: ReadonlyArray<readonly [RecordType, typeof DCAT.dataset]> = [
  ['dataset', DCAT.dataset],
  ['api', DCAT.service],
  ['building-block', DCAT.resource],
  ['repository', DCAT.resource],
];

const OFFERS: readonly Offer[] = [
  { name: 'turtle', mediaType: 'text/turtle', formatNames: ['ttl'] },
  { name: 'jsonld', mediaType: 'application/ld+json', aliases: ['application/json'], formatNames: ['json-ld'] },
];

const generator = new sparqljs.Generator();

/** Creates the router of `/catalog`. */
export function catalogRouter(context: AppContext, indexes: CatalogueIndexes): Router {
  const router = Router({ strict: true });
  const catalogIri = `${context.config.baseIri}catalog`;

  router.get('/catalog', async (request: Request, response: Response) => {
    rejectUnknown(request, ['page', 'pageSize', 'format']);
    const offer = chooseRepresentation(request, OFFERS);
    const page = pageNumber(single(request, 'page'), 'page', 1, Number.MAX_SAFE_INTEGER);
    const pageSize = pageNumber(single(request, 'pageSize'), 'pageSize', CATALOG_PAGE_SIZE, CATALOG_MAX_PAGE_SIZE);

    // Members in a stable order, and the page of them.
    const snapshot = await indexes.current();
    const members = catalogueMembers(snapshot.summaries);
    const lastPage = Math.max(1, Math.ceil(members.length / pageSize));
    if (page > lastPage) throw new NotFoundError(`Page ${page} of ${catalogIri} does not exist; the last page is ${lastPage}`);
    const onPage = members.slice((page - 1) * pageSize, page * pageSize);

    // The catalogue node, its paging and the full descriptions of the members on the page.
    const pageUrl = (number: number) => `${catalogIri}?page=${number}${pageSize === CATALOG_PAGE_SIZE ? '' : `&pageSize=${pageSize}`}`;
    const quads = [
      ...catalogueQuads(context.config.baseIri, catalogIri, onPage),
      ...pagingQuads(catalogIri, members.length, { self: pageUrl(page), first: pageUrl(1), last: pageUrl(lastPage), ...(page < lastPage ? { next: pageUrl(page + 1) } : {}), ...(page > 1 ? { previous: pageUrl(page - 1) } : {}) }),
      ...(await memberQuads(context, onPage)),
    ];

    response.vary('Accept');
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Link', [`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(lastPage)}>; rel="last"`,
      ...(page < lastPage ? [`<${pageUrl(page + 1)}>; rel="next"`] : []), ...(page > 1 ? [`<${pageUrl(page - 1)}>; rel="prev"`] : [])].join(', '));
    if (offer.name === 'turtle') {
      response.type('text/turtle').send(await writeTurtle(quads));
    } else {
      response.type('application/ld+json').send(JSON.stringify(await toJsonLd(quads, context.config.baseIri)));
    }
  });
  return router;
}

/** Returns the records that are members of the catalogue: datasets, then APIs, then blocks and repositories. */
export function catalogueMembers(summaries: ReadonlyMap<string, RecordSummary>): RecordSummary[] {
  const order = new Map(MEMBERSHIP.map(([type], index) => [type, index]));
  return [...summaries.values()]
    .filter((summary) => order.has(summary.type))
    .sort((a, b) => order.get(a.type)! - order.get(b.type)! || compareStrings(a.iri, b.iri));
}

/** Compares by UTF-16 code units, so the order does not depend on the locale. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Describes the catalogue itself and links the members on the page.
 * NOTE: the title, description, publisher and contact point are fixed here; an instance cannot configure them yet.
 */
function catalogueQuads(baseIri: string, catalogIri: string, members: readonly RecordSummary[]): Quad[] {
  const catalog = namedNode(catalogIri);
  const operator = namedNode(baseIri);
  const contact = blankNode('contact');
  const quads = [
    quad(catalog, RDF.type, DCAT.Catalog),
    quad(catalog, DCT.title, literal('Bouwblokken: bouwblokken van de digitale overheid', 'nl')),
    quad(catalog, DCT.title, literal('Bouwblokken: building blocks of the Dutch digital government', 'en')),
    quad(catalog, DCT.description, literal('Catalogus van de bouwblokken van de Nederlandse digitale overheid, met hun API\'s, datasets, testomgevingen en code, samengebracht uit de nationale registers en partnercatalogi.', 'nl')),
    quad(catalog, DCT.description, literal('Catalogue of the building blocks of the Dutch digital government, with their APIs, datasets, test environments and code, gathered from the national registers and partner catalogues.', 'en')),
    quad(catalog, DCT.publisher, operator),
    quad(catalog, FOAF.homepage, namedNode(baseIri)),
    quad(catalog, DCT.language, namedNode('http://publications.europa.eu/resource/authority/language/NLD')),
    quad(catalog, DCT.language, namedNode('http://publications.europa.eu/resource/authority/language/ENG')),
    quad(catalog, DCAT.contactPoint, contact),
    quad(contact, RDF.type, VCARD.Organization),
    quad(contact, VCARD.fn, literal('Bouwblokken')),
    quad(contact, VCARD.hasURL, namedNode(baseIri)),
    quad(operator, RDF.type, FOAF.Agent),
    quad(operator, FOAF.name, literal('Bouwblokken')),
  ];
  const property = new Map(MEMBERSHIP);
  for (const member of members) quads.push(quad(catalog, property.get(member.type)!, namedNode(member.iri)));
  return quads;
}

function pagingQuads(catalogIri: string, total: number, links: { self: string; first: string; last: string; next?: string; previous?: string }): Quad[] {
  const catalog = namedNode(catalogIri);
  const view = namedNode(links.self);
  const quads = [
    quad(catalog, RDF.type, HYDRA.Collection),
    quad(catalog, HYDRA.totalItems, literal(String(total), XSD.integer)),
    quad(catalog, HYDRA.view, view),
    quad(view, RDF.type, HYDRA.PartialCollectionView),
    quad(view, HYDRA.first, namedNode(links.first)),
    quad(view, HYDRA.last, namedNode(links.last)),
  ];
  if (links.next) quads.push(quad(view, HYDRA.next, namedNode(links.next)));
  if (links.previous) quads.push(quad(view, HYDRA.previous, namedNode(links.previous)));
  return quads;
}

/** Reads the quads of every record graph of the members, as triples. */
async function memberQuads(context: AppContext, members: readonly RecordSummary[]): Promise<Quad[]> {
  const graphs = members.flatMap((member) => member.provenance.map((provenance) => provenance.graph));
  if (graphs.length === 0) return [];
  const query: sparqljs.ConstructQuery = {
    type: 'query',
    queryType: 'CONSTRUCT',
    prefixes: {},
    template: [{ subject: variable('s'), predicate: variable('p'), object: variable('o') }],
    where: [
      { type: 'values', values: graphs.map((graph) => ({ '?g': namedNode(graph) })) },
      { type: 'graph', name: variable('g'), patterns: [{ type: 'bgp', triples: [{ subject: variable('s'), predicate: variable('p'), object: variable('o') }] }] },
    ],
  };
  const result = await context.store.query({ query: generator.stringify(query), maxResults: 1_000_000 });
  if (result.type !== 'quads') return [];
  return new Parser({ format: 'N-Triples' }).parse(result.ntriples);
}

/** Serialises quads as Turtle with the project's prefixes declared and grouped by subject. */
function writeTurtle(quads: readonly Quad[]): Promise<string> {
  const writer = new Writer({ prefixes: PREFIXES });
  writer.addQuads(quads as Quad[]);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

async function toJsonLd(quads: readonly Quad[], baseIri: string): Promise<unknown> {
  const contextUrl = instanceContextUrl(baseIri);
  registerContextUrl(contextUrl);
  const nquads = new Writer({ format: 'N-Quads' }).quadsToString(quads as Quad[]);
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads', useNativeTypes: false } as jsonld.Options.FromRdf);
  return jsonld.compact(expanded, { '@context': [contextUrl, API_LOCAL_CONTEXT] } as unknown as jsonld.ContextDefinition, {
    documentLoader: localDocumentLoader,
  } as jsonld.Options.Compact);
}

function pageNumber(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^[1-9][0-9]{0,15}$/.test(value) || Number(value) > max) {
    throw new BadInputError(`Parameter "${name}" has the invalid value "${value}"; use a whole number from 1 to ${max}`);
  }
  return Number(value);
}
