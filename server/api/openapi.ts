/**
 * The OpenAPI 3.0 document of the REST API, served at `/api/v1/openapi.json`. It is built from the same
 * tables as the router (collections, parameters, facets, sort orders), so the document and the routes agree.
 */
import { FACETS, SORT_ORDERS } from '../../search/SearchIndex';
import { RECORD_TYPES } from '../../search/recordFacts';
import { API_VERSION } from './adrRules';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './parameters';

type Json = Record<string, unknown>;

/** Collections as the document describes them; the router has the same list. */
const COLLECTION_DOCS = [
  { path: 'building-blocks', tag: 'Building blocks', noun: 'building block', schema: 'BuildingBlock' },
  { path: 'apis', tag: 'APIs', noun: 'API (data service)', schema: 'DataService' },
  { path: 'datasets', tag: 'Datasets', noun: 'dataset', schema: 'Dataset' },
  { path: 'repositories', tag: 'Repositories', noun: 'code repository', schema: 'SoftwareSourceCode' },
  { path: 'organisations', tag: 'Organisations', noun: 'organisation', schema: 'Organization' },
] as const;

const versionHeader = {
  'API-Version': {
    description: 'Full version of the API that sent the response.',
    schema: { type: 'string', example: API_VERSION },
  },
};

const corsHeader = {
  'access-control-allow-origin': {
    description: 'Every origin may read the response.',
    schema: { type: 'string', example: '*' },
  },
};

const linkHeader = {
  Link: {
    description: 'Links to the first, previous, next and last pages (RFC 8288).',
    schema: { type: 'string' },
  },
};

const jsonLdContent = (schema: string) => ({
  'application/ld+json': { schema: { $ref: `#/components/schemas/${schema}` } },
  'application/json': { schema: { $ref: `#/components/schemas/${schema}` } },
});

const problem = (description: string) => ({
  description,
  headers: versionHeader,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** Error responses that every operation with parameters can give. */
const errorResponses = {
  400: problem('A parameter is unknown, repeated or has an invalid value; `detail` names it.'),
  404: problem('The resource or page does not exist.'),
  406: problem('The `Accept` header accepts neither `application/ld+json` nor `application/json`.'),
  500: problem('The server failed; the error was logged.'),
};

const queryParameter = (name: string, description: string, schema: Json) => ({ name, in: 'query', required: false, description, schema });

const facetParameter = (facet: string, description: string, example?: string) => queryParameter(
  facet,
  `${description} Give several values as a comma-separated list or by repeating the parameter; a record matches when it has any of them.`,
  { type: 'array', items: { type: 'string' }, ...(example ? { example: [example] } : {}) },
);

const collectionParameters = [
  queryParameter('q', 'Words to search for in titles, identifiers, keywords and descriptions, analysed as Dutch and as English (case, diacritics and word endings do not matter). Every word must occur in one field.', { type: 'string', maxLength: 500 }),
  facetParameter('kind', 'Kind of building block: a code of the kind scheme (`voorziening`, `basisregistratie`, ...) or a concept IRI.', 'basisregistratie'),
  facetParameter('domain', 'GDI domain: a code of the domain scheme (`toegang`, `gegevensuitwisseling`, ...) or a concept IRI.', 'toegang'),
  facetParameter('organisation', 'Publisher or attributed organisation: a TOOI code (`oorg10103`) or an organisation IRI.', 'oorg10103'),
  facetParameter('theme', 'Theme: an EU data theme code (`GOVE`) or a theme IRI.', 'GOVE'),
  facetParameter('status', 'ADMS status: `Completed`, `UnderDevelopment`, `Deprecated`, `Withdrawn`, or a status IRI.', 'Completed'),
  queryParameter('sort', 'Order of the members. A leading `-` reverses. Default: `relevance` with `q`, else `title`.', { type: 'string', enum: [...SORT_ORDERS] }),
  queryParameter('page', 'Page number, from 1.', { type: 'integer', minimum: 1, default: 1 }),
  queryParameter('pageSize', `Members per page.`, { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
  queryParameter('lang', 'Language for sorting by title.', { type: 'string', enum: ['nl', 'en'], default: 'nl' }),
];

const idParameter = { name: 'id', in: 'path', required: true, description: 'Id of the record: the slug of a Bouwblokken IRI, the code of a TOOI IRI, or an `h` digest for other IRIs, as given in `seeAlso` of a collection member.', schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' } };

/** Returns the OpenAPI document for an instance with base IRI `baseIri`. */
export function openApiDocument(baseIri: string): Json {
  const paths: Json = {
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        tags: ['Entry point'],
        summary: 'Get this OpenAPI document',
        description: 'Returns the OpenAPI 3.0 document of the API.',
        responses: {
          200: {
            description: 'The OpenAPI document.',
            headers: { ...versionHeader, ...corsHeader },
            content: { 'application/vnd.oai.openapi+json;version=3.0': { schema: { type: 'object' } } },
          },
        },
      },
    },
    '/search': {
      get: {
        operationId: 'search',
        tags: ['Search'],
        summary: 'Search every kind of record',
        description: 'Full-text search with filters and facet counts over building blocks, APIs, datasets, repositories and organisations.',
        parameters: [
          ...collectionParameters,
          facetParameter('type', `Record type: ${RECORD_TYPES.filter((type) => type !== 'concept').join(', ')}.`, 'building-block'),
        ],
        responses: { 200: collectionResponse(), ...errorResponses },
      },
    },
    '/references': {
      get: {
        operationId: 'lookUpReferences',
        tags: ['Reference index'],
        summary: 'Find the records that describe an identifier',
        description: 'Looks up any identifier (a record IRI, an API endpoint or OpenAPI URL, a repository URL, a TOOI IRI, an OIN, a dataset identifier, an `owl:sameAs` target) after normalising it (scheme, host case, `www.`, trailing slash, `.git`). Returns the records of our sources that describe it or refer to it, and the partner catalogues that do, each with the named graph, source and harvest time.',
        parameters: [{ name: 'identifier', in: 'query', required: true, description: 'The identifier to look up.', schema: { type: 'string', minLength: 1 } }],
        responses: {
          200: { description: 'The records that carry the identifier; empty lists when none does.', headers: versionHeader, content: jsonLdContent('ReferenceLookup') },
          ...errorResponses,
        },
      },
    },
    '/building-blocks/{id}/locations': {
      get: {
        operationId: 'getBuildingBlockLocations',
        tags: ['Reference index'],
        summary: 'Find everywhere a building block lives',
        description: 'Returns the APIs of a building block with their environments and OpenAPI documents, its test environments, datasets, test data, code repositories, documentation and related blocks, each with the sources that state the link.',
        parameters: [idParameter],
        responses: {
          200: { description: 'The places the building block lives.', headers: versionHeader, content: jsonLdContent('BuildingBlockLocations') },
          ...errorResponses,
        },
      },
    },
  };

  for (const collection of COLLECTION_DOCS) {
    paths[`/${collection.path}`] = {
      get: {
        operationId: `list${collection.schema}s`,
        tags: [collection.tag],
        summary: `List ${collection.noun} records`,
        description: `Returns one page of ${collection.noun} records, with search, filters, facet counts and sorting.`,
        parameters: collectionParameters,
        responses: { 200: collectionResponse(), ...errorResponses },
      },
    };
    paths[`/${collection.path}/{id}`] = {
      get: {
        operationId: `get${collection.schema}`,
        tags: [collection.tag],
        summary: `Get one ${collection.noun} record`,
        description: `Returns the ${collection.noun} as JSON-LD, merged from every source that describes it.`,
        parameters: [idParameter],
        responses: {
          200: { description: `The ${collection.noun}.`, headers: versionHeader, content: jsonLdContent('Record') },
          ...errorResponses,
        },
      },
    };
  }

  return {
    openapi: '3.0.3',
    info: {
      title: 'Bouwblokken REST API',
      version: API_VERSION,
      description: 'Read-only JSON-LD API over the Bouwblokken catalogue of the building blocks of the Dutch digital government: building blocks, APIs, datasets, code repositories and organisations, with full-text search, facets and the reference index (verwijsindex).',
      contact: { name: 'Bouwblokken', email: 'bouwblokken@example.org', url: 'https://w3id.org/bouwblokken' },
      license: { name: 'GPL-3.0-or-later', url: 'https://www.gnu.org/licenses/gpl-3.0.html' },
    },
    servers: [{ url: `${baseIri}api/v1`, description: 'This instance.' }],
    tags: [
      { name: 'Entry point', description: 'The API itself.' },
      { name: 'Search', description: 'Search over every record type.' },
      { name: 'Reference index', description: 'Where identifiers and building blocks are described (verwijsindex).' },
      ...COLLECTION_DOCS.map((collection) => ({ name: collection.tag, description: `${capitalise(collection.noun)} records.` })),
    ],
    paths,
    components: { schemas: schemas() },
  };
}

function collectionResponse(): Json {
  return {
    description: 'One page of the collection.',
    headers: { ...versionHeader, ...linkHeader },
    content: jsonLdContent('Collection'),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function schemas(): Json {
  const languageMap = { type: 'object', description: 'Texts by language tag (`nl`, `en`; `@none` for text without a tag).', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } };
  const iriList = { type: 'array', items: { type: 'string', format: 'uri' } };
  const provenance = {
    namedGraph: { type: 'string', format: 'uri', description: 'Named graph that holds the statement.' },
    sourceName: { type: 'string', description: 'Source the named graph was harvested from.' },
    generatedAtTime: { type: 'string', format: 'date-time', description: 'Time the source was harvested.' },
    wasDerivedFrom: { ...iriList, description: 'URL the record was read from.' },
  };
  const match = {
    type: 'object',
    properties: {
      primaryTopic: { type: 'string', format: 'uri', description: 'IRI of the record.' },
      recordType: { type: 'string', enum: [...RECORD_TYPES] },
      label: { type: 'string' },
      seeAlso: { type: 'string', format: 'uri', description: 'The record in this API.' },
      matchKind: { type: 'string', enum: ['describes', 'references'] },
      viaProperty: { type: 'string', format: 'uri', description: 'Property that carries the identifier; foaf:primaryTopic for the record IRI itself.' },
      matchedValue: { type: 'string', description: 'The identifier as the source wrote it.' },
      environmentKind: { type: 'string', format: 'uri' },
      identifierScheme: { type: 'string', example: 'OIN' },
      ...provenance,
      sourceKind: { type: 'string', description: 'Kind of the source as configured; `curated` for the curated catalogue.' },
    },
  };
  const linked = {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uri' },
      recordType: { type: 'string', enum: [...RECORD_TYPES] },
      label: { type: 'string' },
      seeAlso: { type: 'string', format: 'uri' },
      statedBy: { type: 'array', items: { type: 'object', properties: { viaProperty: { type: 'string', format: 'uri' }, ...provenance } } },
      environment: {
        type: 'array',
        items: { type: 'object', properties: { environmentKind: { type: 'string', format: 'uri' }, endpointURL: iriList, ...provenance } },
      },
      endpointDescription: { type: 'array', items: { type: 'object', properties: { id: { type: 'string', format: 'uri' }, ...provenance } } },
    },
  };
  const member = {
    type: 'object',
    required: ['id', 'type', 'seeAlso', 'recordType'],
    properties: {
      'id': { type: 'string', format: 'uri' },
      'type': { type: 'string' },
      'seeAlso': { type: 'string', format: 'uri' },
      'recordType': { type: 'string', enum: [...RECORD_TYPES] },
      'title': languageMap,
      'name': languageMap,
      'description': languageMap,
      'keyword': languageMap,
      'identifier': { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      'kind': iriList,
      'domain': iriList,
      'status': { oneOf: [{ type: 'string', format: 'uri' }, iriList] },
      'theme': iriList,
      'organisation': iriList,
      'modified': { type: 'string' },
      'score': { type: 'number', description: 'Relevance, when the request has `q`.' },
    },
  };
  const facetCounts = {
    type: 'array',
    items: { type: 'object', required: ['value', 'count'], properties: { value: { type: 'string' }, count: { type: 'integer' }, label: { type: 'string' } } },
  };
  return {
    Collection: {
      type: 'object',
      required: ['id', 'type', 'totalItems', 'member', 'view', 'facets'],
      properties: {
        '@context': { type: 'array', items: {} },
        'id': { type: 'string', format: 'uri' },
        'type': { type: 'string', enum: ['Collection'] },
        'totalItems': { type: 'integer', minimum: 0 },
        'member': { type: 'array', items: { $ref: '#/components/schemas/RecordSummary' } },
        'view': {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uri' }, type: { type: 'string', enum: ['PartialCollectionView'] },
            first: { type: 'string', format: 'uri' }, last: { type: 'string', format: 'uri' },
            next: { type: 'string', format: 'uri' }, previous: { type: 'string', format: 'uri' },
          },
        },
        'facets': { type: 'object', properties: Object.fromEntries(FACETS.map((facet) => [facet, facetCounts])) },
      },
    },
    RecordSummary: member,
    Record: { type: 'object', description: 'A record framed as JSON-LD with the Bouwblokken context, version 1.', properties: { id: { type: 'string', format: 'uri' }, type: {} } },
    ReferenceLookup: {
      type: 'object',
      properties: {
        identifier: { type: 'string' },
        normalisedIdentifier: { type: 'string' },
        describedBy: { type: 'array', items: match },
        referencedBy: { type: 'array', items: match },
        partners: { type: 'array', items: { type: 'object', properties: { sourceName: { type: 'string' }, sourceKind: { type: 'string' }, matches: { type: 'array', items: match } } } },
      },
    },
    BuildingBlockLocations: {
      type: 'object',
      properties: Object.fromEntries([
        ['id', { type: 'string', format: 'uri' }], ['label', { type: 'string' }],
        ...['api', 'testEnvironment', 'dataset', 'testData', 'codeRepository', 'documentation', 'usesBlock', 'hasPart', 'isPartOf', 'servesRegister', 'relation']
          .map((term) => [term, { type: 'array', items: linked }]),
      ]),
    },
    Problem: {
      type: 'object',
      description: 'An error (RFC 9457).',
      required: ['type', 'title', 'status', 'detail'],
      properties: {
        type: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
      },
    },
  };
}
