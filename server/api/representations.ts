/**
 * JSON-LD bodies of the REST API. Every body uses the Bouwblokken context (version 1) plus a small local
 * context for Hydra paging and for the terms of reference index results, so a portal can read it as plain
 * JSON and a linked-data client as RDF.
 */
import { instanceContextUrl } from '../../vocab/jsonld';
import { BB, HYDRA, PROV, RDFS } from '../../vocab/namespaces';
import type {
  BuildingBlockLocations, LinkedResource, LinkStatement, ReferenceLookup, ReferenceMatch, SourcedEndpoint,
} from '../../search/ReferenceIndex';
import { LOCATION_CATEGORIES, type LocationCategory } from '../../search/ReferenceIndex';
import type { LanguageText, Provenance, RecordType } from '../../search/recordFacts';
import { pickText, type RecordSummary } from '../../search/recordSummaries';
import type { FacetCount, SearchResult } from '../../search/SearchIndex';
import type { Facet } from '../../search/SearchIndex';

/** Terms that the API adds to the Bouwblokken context. None of them redefines a term of that context. */
export const API_LOCAL_CONTEXT = {
  hydra: HYDRA.namespace,
  Collection: HYDRA.Collection.value,
  PartialCollectionView: HYDRA.PartialCollectionView.value,
  member: { '@id': HYDRA.member.value, '@container': '@set' },
  totalItems: HYDRA.totalItems.value,
  view: { '@id': HYDRA.view.value, '@type': '@id' },
  first: { '@id': HYDRA.first.value, '@type': '@id' },
  last: { '@id': HYDRA.last.value, '@type': '@id' },
  next: { '@id': HYDRA.next.value, '@type': '@id' },
  previous: { '@id': HYDRA.previous.value, '@type': '@id' },
  seeAlso: { '@id': RDFS.seeAlso.value, '@type': '@id' },
  label: RDFS.label.value,
  organisation: { '@id': PROV.term('wasAttributedTo').value, '@type': '@id', '@container': '@set' },
  facets: { '@id': BB.term('facetCounts').value, '@type': '@json' },
  score: BB.term('searchScore').value,
  recordType: BB.term('recordType').value,
  normalisedIdentifier: BB.term('normalisedIdentifier').value,
  describedBy: { '@id': BB.term('describedBy').value, '@container': '@set' },
  referencedBy: { '@id': BB.term('referencedBy').value, '@container': '@set' },
  partners: { '@id': BB.term('partnerMatches').value, '@container': '@set' },
  matches: { '@id': BB.term('match').value, '@container': '@set' },
  matchKind: BB.term('matchKind').value,
  matchedValue: BB.term('matchedValue').value,
  viaProperty: { '@id': BB.term('viaProperty').value, '@type': '@id' },
  identifierScheme: BB.term('identifierScheme').value,
  namedGraph: { '@id': BB.term('namedGraph').value, '@type': '@id' },
  sourceKind: BB.term('sourceKind').value,
  statedBy: { '@id': BB.term('statedBy').value, '@container': '@set' },
} as const;

/** Path, under the base IRI, at which the API's own terms (`API_LOCAL_CONTEXT`) are published as a context. */
export const API_CONTEXT_PATH = 'context/api-v1.jsonld';

/**
 * Returns the `@context` of every API body: the record context and the API terms, both as URLs that this
 * instance serves, so a client fetches them from the server it talks to and caches them.
 * @param apiBase the API's base URL, `{baseIri}api/v1`.
 */
export function apiContext(apiBase: string): readonly string[] {
  const baseIri = apiBase.replace(/api\/v1$/, '');
  return [instanceContextUrl(baseIri), baseIri + API_CONTEXT_PATH];
}

/** JSON-LD type term and REST collection path of each record type. */
export const RECORD_TYPE_INFO: Readonly<Record<RecordType, { readonly jsonLdType: string; readonly collection: string }>> = {
  'building-block': { jsonLdType: 'BuildingBlock', collection: 'building-blocks' },
  'api': { jsonLdType: 'DataService', collection: 'apis' },
  'dataset': { jsonLdType: 'Dataset', collection: 'datasets' },
  'repository': { jsonLdType: 'SoftwareSourceCode', collection: 'repositories' },
  'organisation': { jsonLdType: 'Organization', collection: 'organisations' },
  'concept': { jsonLdType: 'Concept', collection: 'concepts' },
};

/** Returns the API URL of a record. */
export function recordUrl(apiBase: string, record: Pick<RecordSummary, 'type' | 'id'>): string {
  return `${apiBase}/${RECORD_TYPE_INFO[record.type].collection}/${record.id}`;
}

/** A record as a collection member: the summary fields in the terms of the Bouwblokken context. */
export function summaryNode(record: RecordSummary, apiBase: string, score?: number): Record<string, unknown> {
  const node: Record<string, unknown> = {
    id: record.iri,
    type: RECORD_TYPE_INFO[record.type].jsonLdType,
    seeAlso: recordUrl(apiBase, record),
    recordType: record.type,
  };
  if (record.titles.length > 0) node[record.type === 'organisation' ? 'name' : 'title'] = languageMap(record.titles);
  if (record.descriptions.length > 0) node.description = languageMap(record.descriptions);
  if (record.keywords.length > 0) node.keyword = languageMap(record.keywords);
  if (record.identifiers.length > 0) node.identifier = record.identifiers.length === 1 ? record.identifiers[0] : record.identifiers;
  if (record.kinds.length > 0) node.kind = record.kinds;
  if (record.domains.length > 0) node.domain = record.domains;
  if (record.statuses.length > 0) node.status = record.statuses.length === 1 ? record.statuses[0] : record.statuses;
  if (record.themes.length > 0) node.theme = record.themes;
  if (record.organisations.length > 0) node.organisation = record.organisations;
  if (record.modified) node.modified = record.modified;
  if (score !== undefined) node.score = Number(score.toFixed(4));
  return node;
}

/** A JSON-LD language map; untagged literals go under `@none`, several values per language into an array. */
export function languageMap(texts: readonly LanguageText[]): Record<string, string | string[]> {
  const map: Record<string, string[]> = {};
  for (const text of texts) (map[text.language ?? '@none'] ??= []).push(text.value);
  return Object.fromEntries(Object.entries(map).map(([language, values]) => [language, values.length === 1 ? values[0]! : values]));
}

/** Links of one page of a collection. */
export interface PageLinks {
  readonly self: string;
  readonly first: string;
  readonly last: string;
  readonly next?: string;
  readonly previous?: string;
}

/**
 * A page of a collection as a Hydra collection with a partial view, members and facet counts with labels.
 */
export function collectionBody(options: {
  collectionUrl: string;
  links: PageLinks;
  result: SearchResult;
  apiBase: string;
  labelOf: (iri: string) => string | undefined;
}): Record<string, unknown> {
  const { links, result } = options;
  const view: Record<string, unknown> = { id: links.self, type: 'PartialCollectionView', first: links.first, last: links.last };
  if (links.next) view.next = links.next;
  if (links.previous) view.previous = links.previous;
  return {
    '@context': apiContext(options.apiBase),
    'id': options.collectionUrl,
    'type': 'Collection',
    'totalItems': result.total,
    'member': result.hits.map((hit) => summaryNode(hit.record, options.apiBase, hit.score)),
    'view': view,
    'facets': labelFacets(result.facets, options.labelOf),
  };
}

function labelFacets(facets: SearchResult['facets'], labelOf: (iri: string) => string | undefined): Record<string, unknown[]> {
  const labelled: Record<string, unknown[]> = {};
  for (const [facet, counts] of Object.entries(facets) as Array<[Facet, readonly FacetCount[]]>) {
    labelled[facet] = counts.map(({ value, count }) => {
      const label = labelOf(value);
      return label ? { value, count, label } : { value, count };
    });
  }
  return labelled;
}

/** Result of the reference index for one identifier. */
export function referenceBody(lookup: ReferenceLookup, selfUrl: string, apiBase: string): Record<string, unknown> {
  return {
    '@context': apiContext(apiBase),
    'id': selfUrl,
    'identifier': lookup.identifier,
    'normalisedIdentifier': lookup.key,
    'describedBy': lookup.describedBy.map((match) => matchNode(match, apiBase)),
    'referencedBy': lookup.referencedBy.map((match) => matchNode(match, apiBase)),
    'partners': lookup.partners.map((partner) => ({
      sourceName: partner.source,
      sourceKind: partner.kind,
      matches: partner.matches.map((match) => matchNode(match, apiBase)),
    })),
  };
}

function matchNode(match: ReferenceMatch, apiBase: string): Record<string, unknown> {
  const node: Record<string, unknown> = { primaryTopic: match.record };
  if (match.recordType) node.recordType = match.recordType;
  if (match.title) node.label = match.title;
  if (match.recordType && match.recordId) node.seeAlso = recordUrl(apiBase, { type: match.recordType, id: match.recordId });
  node.matchKind = match.relation;
  node.viaProperty = match.property;
  node.matchedValue = match.value;
  if (match.environmentKind) node.environmentKind = match.environmentKind;
  if (match.scheme) node.identifierScheme = match.scheme;
  Object.assign(node, provenanceNode(match));
  node.sourceKind = match.sourceKind;
  return node;
}

/** Term of the Bouwblokken context for each location category. */
const CATEGORY_TERMS: Readonly<Record<LocationCategory, string>> = {
  apis: 'api',
  testEnvironments: 'testEnvironment',
  datasets: 'dataset',
  testData: 'testData',
  repositories: 'codeRepository',
  documentation: 'documentation',
  usesBlocks: 'usesBlock',
  parts: 'hasPart',
  partOf: 'isPartOf',
  registers: 'servesRegister',
  related: 'relation',
};

/** Everywhere a building block lives, as the block's node with its links expanded. */
export function locationsBody(locations: BuildingBlockLocations, selfUrl: string, apiBase: string, blockUrl: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    '@context': apiContext(apiBase),
    'id': locations.block,
    'type': 'BuildingBlock',
    'seeAlso': [blockUrl, selfUrl],
  };
  if (locations.title) body.label = locations.title;
  for (const category of LOCATION_CATEGORIES) body[CATEGORY_TERMS[category]] = locations[category].map((resource) => linkedNode(resource, apiBase));
  return body;
}

function linkedNode(resource: LinkedResource, apiBase: string): Record<string, unknown> {
  const node: Record<string, unknown> = { id: resource.iri };
  if (resource.type) node.recordType = resource.type;
  if (resource.title) node.label = resource.title;
  if (resource.type && resource.id) node.seeAlso = recordUrl(apiBase, { type: resource.type, id: resource.id });
  node.statedBy = resource.statedBy.map((statement: LinkStatement) => ({ viaProperty: statement.property, ...provenanceNode(statement) }));
  if (resource.endpoints) node.environment = resource.endpoints.map(environmentNode);
  if (resource.openApiUrls) {
    node.endpointDescription = resource.openApiUrls.map(({ url, ...provenance }) => ({ id: url, ...provenanceNode(provenance) }));
  }
  return node;
}

function environmentNode(endpoint: SourcedEndpoint): Record<string, unknown> {
  const node: Record<string, unknown> = { type: 'Environment' };
  if (endpoint.kind) node.environmentKind = endpoint.kind;
  node.endpointURL = [endpoint.endpointUrl];
  return { ...node, ...provenanceNode(endpoint) };
}

function provenanceNode(provenance: Provenance): Record<string, unknown> {
  const node: Record<string, unknown> = {
    namedGraph: provenance.graph,
    sourceName: provenance.source,
    generatedAtTime: provenance.harvestedAt,
  };
  if (provenance.sourceUrl) node.wasDerivedFrom = [provenance.sourceUrl];
  return node;
}

/** Returns the label to show for an IRI: the title of the record with that IRI, in Dutch when there is one. */
export function labelFrom(summaries: ReadonlyMap<string, RecordSummary>): (iri: string) => string | undefined {
  return (iri) => {
    const summary = summaries.get(iri);
    return summary ? pickText(summary.titles, 'nl') : undefined;
  };
}
