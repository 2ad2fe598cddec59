/**
 * Query parameters of the REST API: parsed and checked in one place, so every route rejects a wrong value
 * with the same clear problem (which parameter, which value, what is allowed).
 */
import type { Request } from 'express';
import { BadInputError } from '../../core/errors';
import { readFileSync } from 'node:fs';
import { DataFactory, Parser } from 'n3';
import { ADMS_STATUS, BB_ID, EUAUTH, SKOS } from '../../vocab/namespaces';
import { RECORD_TYPES } from '../../search/recordFacts';
import { FACETS, SORT_ORDERS, type Facet, type SortOrder } from '../../search/SearchIndex';
import { SEARCH_LANGUAGES, type SearchLanguage } from '../../search/textAnalysis';
import type { IndexSnapshot } from '../../search/CatalogueIndexes';

/** Default and maximum number of members per page. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A checked collection request. */
export interface CollectionParameters {
  readonly q?: string;
  readonly filters: Partial<Record<Facet, string[]>>;
  readonly sort?: SortOrder;
  readonly lang: SearchLanguage;
  readonly page: number;
  readonly pageSize: number;
}

/** Parameters that every collection accepts; `type` only where the collection mixes record types. */
export const COLLECTION_PARAMETERS = ['q', 'kind', 'domain', 'organisation', 'theme', 'status', 'sort', 'page', 'pageSize', 'lang'] as const;

/**
 * Parses the query of a collection request.
 * @param allowed names of the parameters this route accepts.
 * @throws BadInputError naming the parameter and the allowed values for any unknown parameter, repeated
 *   single-valued parameter or invalid value.
 */
export function parseCollectionParameters(request: Request, allowed: readonly string[], snapshot: IndexSnapshot): CollectionParameters {
  rejectUnknown(request, allowed);

  const q = single(request, 'q');
  if (q !== undefined && q.length > 500) throw new BadInputError(`Parameter "q" is ${q.length} characters long; the maximum is 500`);

  const filters: Partial<Record<Facet, string[]>> = {};
  for (const facet of FACETS) {
    if (!allowed.includes(facet)) continue;
    const values = multiple(request, facet);
    if (values.length > 0) filters[facet] = values.map((value) => expandFilterValue(facet, value, snapshot));
  }

  const sort = single(request, 'sort');
  if (sort !== undefined && !(SORT_ORDERS as readonly string[]).includes(sort)) {
    throw new BadInputError(`Parameter "sort" has the invalid value "${sort}"; use one of: ${SORT_ORDERS.join(', ')}`);
  }
  if (sort === 'relevance' && (q === undefined || q.trim() === '')) {
    throw new BadInputError('Parameter "sort" is "relevance" but there is no "q" to rank by; give "q" or another sort order');
  }

  const lang = single(request, 'lang') ?? 'nl';
  if (!(SEARCH_LANGUAGES as readonly string[]).includes(lang)) {
    throw new BadInputError(`Parameter "lang" has the invalid value "${lang}"; use one of: ${SEARCH_LANGUAGES.join(', ')}`);
  }

  return {
    ...(q !== undefined && q.trim() !== '' ? { q } : {}),
    filters,
    ...(sort ? { sort: sort as SortOrder } : {}),
    lang: lang as SearchLanguage,
    page: positiveInteger(request, 'page', 1, Number.MAX_SAFE_INTEGER),
    pageSize: positiveInteger(request, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/**
 * Checks that a request carries only `allowed` parameters.
 * @throws BadInputError naming the first unknown parameter and the allowed ones.
 */
export function rejectUnknown(request: Request, allowed: readonly string[]): void {
  for (const name of Object.keys(request.query)) {
    if (!allowed.includes(name)) {
      const hint = allowed.length > 0 ? `; this resource accepts: ${allowed.join(', ')}` : '; this resource accepts none';
      throw new BadInputError(`Unknown query parameter "${name}"${hint}`);
    }
  }
}

/**
 * Returns the value of a parameter that may occur once, or undefined when absent.
 * @throws BadInputError when it occurs more than once.
 */
export function single(request: Request, name: string): string | undefined {
  const value = request.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadInputError(`Parameter "${name}" was given more than once; give it once`);
  return value;
}

/** Returns the values of a parameter that may repeat or hold a comma-separated list. */
function multiple(request: Request, name: string): string[] {
  const value = request.query[name];
  if (value === undefined) return [];
  const raw = Array.isArray(value) ? value : [value];
  return raw.flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter((item) => item !== '');
}

function positiveInteger(request: Request, name: string, fallback: number, max: number): number {
  const value = single(request, name);
  if (value === undefined) return fallback;
  if (!/^[1-9][0-9]{0,15}$/.test(value) || Number(value) > max) {
    throw new BadInputError(`Parameter "${name}" has the invalid value "${value}"; use a whole number from 1 to ${max}`);
  }
  return Number(value);
}

/**
 * Expands the short form of a filter value to the IRI the index holds: concept codes of our schemes
 * (`kind=basisregistratie`), ADMS status names (`status=Completed`), EU data theme codes (`theme=GOVE`) and
 * organisation codes (`organisation=oorg10103`). Absolute IRIs pass unchanged.
 * @throws BadInputError for an unknown record type, or a kind, domain or status outside its concept scheme.
 */
export function expandFilterValue(facet: Facet, value: string, snapshot: IndexSnapshot): string {
  if (facet === 'type') {
    if (!(RECORD_TYPES as readonly string[]).includes(value)) {
      throw new BadInputError(`Parameter "type" has the invalid value "${value}"; use one of: ${RECORD_TYPES.join(', ')}`);
    }
    return value;
  }
  if (facet === 'kind' || facet === 'domain' || facet === 'status') return expandConcept(facet, value);
  if (/^https?:\/\//.test(value)) return value;
  switch (facet) {
    case 'theme':
      return `${EUAUTH.namespace}data-theme/${value.toUpperCase()}`;
    case 'organisation':
      return snapshot.recordById('organisation', value)?.iri ?? value;
  }
}

/** The namespace and codes of the concepts that `kind`, `domain` and `status` accept. */
const CONCEPT_FILTERS: Readonly<Record<'kind' | 'domain' | 'status', { readonly namespace: string; readonly codes: readonly string[] }>> = {
  kind: { namespace: `${BB_ID.namespace}kind/`, codes: conceptCodes('kind') },
  domain: { namespace: `${BB_ID.namespace}domain/`, codes: conceptCodes('domain') },
  status: { namespace: ADMS_STATUS.namespace, codes: ['Completed', 'UnderDevelopment', 'Deprecated', 'Withdrawn'] },
};

/**
 * Expands a concept code or IRI of a `kind`, `domain` or `status` filter, so that a misspelt value gets an error
 * instead of an empty page.
 * @throws BadInputError naming the parameter, the value and the allowed codes.
 */
function expandConcept(facet: 'kind' | 'domain' | 'status', value: string): string {
  const { namespace, codes } = CONCEPT_FILTERS[facet];
  const code = value.startsWith(namespace) ? value.slice(namespace.length) : value;
  if (!codes.includes(code)) {
    throw new BadInputError(`Parameter "${facet}" has the unknown value "${value}"; use one of: ${codes.join(', ')}`);
  }
  return namespace + code;
}

/** Reads the codes of the concepts in scheme `{BB_ID}{scheme}` from `vocab/concepts.ttl`, the one list of them. */
function conceptCodes(scheme: string): string[] {
  const text = readFileSync(new URL('../../vocab/concepts.ttl', import.meta.url), 'utf8');
  const schemeIri = DataFactory.namedNode(`${BB_ID.namespace}${scheme}`);
  const prefix = `${BB_ID.namespace}${scheme}/`;
  return new Parser().parse(text)
    .filter((quad) => quad.predicate.equals(SKOS.inScheme) && quad.object.equals(schemeIri) && quad.subject.value.startsWith(prefix))
    .map((quad) => quad.subject.value.slice(prefix.length));
}
