/**
 * Full-text search with facets over record summaries. Text goes into two Orama databases, one analysed as
 * Dutch and one as English, and literals without a language tag go into both. A query runs against both,
 * and a record scores the better of its two BM25 scores. Filters, facet counts, sorting and paging run over the
 * summaries in memory, so the counts are exact.
 */
import { create, insertMultiple, search, type Orama } from '@orama/orama';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { pickText, type RecordSummary } from './recordSummaries';
import { createTokenizer, SEARCH_LANGUAGES, type SearchLanguage } from './textAnalysis';

/** Facets that can be counted and filtered on. Values are IRIs, except `type`, which is a record type. */
export const FACETS = ['type', 'kind', 'domain', 'organisation', 'theme', 'status'] as const;
export type Facet = (typeof FACETS)[number];

/** Orders that results can be sorted in; a leading `-` reverses. `relevance` needs a query. */
export const SORT_ORDERS = ['relevance', 'title', '-title', 'modified', '-modified', 'harvested', '-harvested'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** A search: text, filters (any value within a facet, all facets), order and page. */
export interface SearchRequest {
  /** Words to find; every word must occur in one field of a record. Absent or blank lists everything. */
  readonly q?: string;
  readonly filters?: Readonly<Partial<Record<Facet, readonly string[]>>>;
  readonly sort?: SortOrder;
  /** Language for sorting by title. */
  readonly language?: SearchLanguage;
  readonly offset: number;
  readonly limit: number;
}

/** A count of records with a facet value. */
export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

/** One page of results, the total, and facet counts over all results. */
export interface SearchResult {
  readonly total: number;
  readonly hits: ReadonlyArray<{ readonly record: RecordSummary; readonly score?: number }>;
  /**
   * Per facet, the counts of its values among the records that match the query and the filters of every
   * other facet, so a client can offer the other values of a facet it already filters on.
   */
  readonly facets: Readonly<Record<Facet, readonly FacetCount[]>>;
}

const TEXT_SCHEMA = { title: 'string[]', identifier: 'string[]', keyword: 'string[]', description: 'string[]' } as const;
type TextDatabase = Orama<typeof TEXT_SCHEMA>;

/** Relative weight of a match per field. */
const BOOST = { title: 3, identifier: 3, keyword: 2, description: 1 };

const COLLATORS: Readonly<Record<SearchLanguage, Intl.Collator>> = {
  nl: new Intl.Collator('nl', { sensitivity: 'base', numeric: true }),
  en: new Intl.Collator('en', { sensitivity: 'base', numeric: true }),
};

/** Records inserted between two yields to the event loop while building. */
const BUILD_BATCH = 100;

export class SearchIndex {
  private constructor(
    private readonly records: readonly RecordSummary[],
    private readonly databases: Readonly<Record<SearchLanguage, TextDatabase>>,
    private readonly titleRanks: Readonly<Record<SearchLanguage, Uint32Array>>,
  ) {}

  /**
   * NOTE: the index is always built whole; at 53k records that takes about 13 s (bench/indexes.ts). Removing
   * and inserting only the changed records in Orama would be faster but would mutate a live snapshot.
   *
   * Builds an index over `summaries`, yielding to the event loop every hundred records so that a build
   * of a large catalogue does not hold up requests.
   */
  static async build(summaries: Iterable<RecordSummary>): Promise<SearchIndex> {
    const records = [...summaries];
    const databases = {
      nl: create({ schema: TEXT_SCHEMA, components: { tokenizer: createTokenizer('nl') } }),
      en: create({ schema: TEXT_SCHEMA, components: { tokenizer: createTokenizer('en') } }),
    };

    // Insert the text of each record, in batches.
    for (let start = 0; start < records.length; start += BUILD_BATCH) {
      const batch = records.slice(start, start + BUILD_BATCH);
      for (const language of SEARCH_LANGUAGES) {
        await insertMultiple(databases[language], batch.map((record, index) => textDocument(record, start + index, language)), BUILD_BATCH);
      }
      await yieldToEventLoop();
    }

    // Rank the records by title once per language, so sorting a result compares integers.
    const titleRanks = {} as Record<SearchLanguage, Uint32Array>;
    for (const language of SEARCH_LANGUAGES) {
      const titles = records.map((record) => pickText(record.titles, language) ?? record.iri);
      const order = records.map((_, position) => position).sort((a, b) => COLLATORS[language].compare(titles[a]!, titles[b]!) || a - b);
      const ranks = new Uint32Array(records.length);
      order.forEach((position, rank) => { ranks[position] = rank; });
      titleRanks[language] = ranks;
      await yieldToEventLoop();
    }
    return new SearchIndex(records, databases, titleRanks);
  }

  /** Number of records in the index. */
  get size(): number {
    return this.records.length;
  }

  /** Runs a search. The request is expected to be valid (the HTTP layer checks it). */
  async search(request: SearchRequest): Promise<SearchResult> {
    const query = request.q?.trim() ?? '';

    // Candidates with scores: every record without a query, else the text matches.
    const scores = query === '' ? undefined : await this.textScores(query);
    const candidates = scores ? [...scores.keys()] : this.records.map((_, position) => position);

    // Filter, counting each facet over the candidates that pass the other facets' filters.
    const filters = compileFilters(request.filters ?? {});
    const facets = {} as Record<Facet, FacetCount[]>;
    for (const facet of FACETS) {
      const others = filters.filter((filter) => filter.facet !== facet);
      const counts = new Map<string, number>();
      for (const position of candidates) {
        const record = this.records[position]!;
        if (!others.every((filter) => filter.accepts(record))) continue;
        for (const value of facetValues(record, facet)) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      facets[facet] = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    const matching = candidates.filter((position) => filters.every((filter) => filter.accepts(this.records[position]!)));

    // Sort and cut the page.
    const sorted = this.sort(matching, request.sort ?? (scores ? 'relevance' : 'title'), request.language ?? 'nl', scores);
    const page = sorted.slice(request.offset, request.offset + request.limit);
    return {
      total: matching.length,
      hits: page.map((position) => (scores ? { record: this.records[position]!, score: scores.get(position)! } : { record: this.records[position]! })),
      facets,
    };
  }

  /**
   * Returns the best score per matching record position over the Dutch and English databases.
   * NOTE: Orama returns every hit with its document, so a word that matches thousands of records costs tens
   * of milliseconds per database at 50k records.
   */
  private async textScores(query: string): Promise<Map<number, number>> {
    const scores = new Map<number, number>();
    for (const language of SEARCH_LANGUAGES) {
      const database = this.databases[language];
      const result = await search(database, {
        term: query,
        properties: ['title', 'identifier', 'keyword', 'description'],
        boost: BOOST,
        threshold: 0,
        limit: this.records.length,
      });
      for (const hit of result.hits) {
        const position = Number(hit.id);
        scores.set(position, Math.max(scores.get(position) ?? 0, hit.score));
      }
    }
    return scores;
  }

  private sort(positions: number[], order: SortOrder, language: SearchLanguage, scores: Map<number, number> | undefined): number[] {
    const ranks = this.titleRanks[language];
    const byTitle = (a: number, b: number) => ranks[a]! - ranks[b]!;
    const byField = (field: 'modified' | 'harvestedAt') => (a: number, b: number) =>
      (this.records[a]![field] ?? '').localeCompare(this.records[b]![field] ?? '') || byTitle(a, b);
    switch (order) {
      case 'relevance':
        return positions.sort((a, b) => (scores?.get(b) ?? 0) - (scores?.get(a) ?? 0) || byTitle(a, b));
      case 'title':
        return positions.sort(byTitle);
      case '-title':
        return positions.sort((a, b) => byTitle(b, a));
      case 'modified':
        return positions.sort(byField('modified'));
      case '-modified':
        return positions.sort((a, b) => byField('modified')(b, a));
      case 'harvested':
        return positions.sort(byField('harvestedAt'));
      case '-harvested':
        return positions.sort((a, b) => byField('harvestedAt')(b, a));
    }
  }
}

/** Returns the values of `facet` of a record. */
export function facetValues(record: RecordSummary, facet: Facet): readonly string[] {
  switch (facet) {
    case 'type': return [record.type];
    case 'kind': return record.kinds;
    case 'domain': return record.domains;
    case 'organisation': return record.organisations;
    case 'theme': return record.themes;
    case 'status': return record.statuses;
  }
}

function compileFilters(filters: Readonly<Partial<Record<Facet, readonly string[]>>>): Array<{ facet: Facet; accepts: (record: RecordSummary) => boolean }> {
  return FACETS.filter((facet) => (filters[facet]?.length ?? 0) > 0).map((facet) => {
    const wanted = new Set(filters[facet]);
    return { facet, accepts: (record: RecordSummary) => facetValues(record, facet).some((value) => wanted.has(value)) };
  });
}

/** Returns the text of a record for the database of `language`: literals in that language and untagged ones. */
function textDocument(record: RecordSummary, position: number, language: SearchLanguage) {
  const fits = (text: { language?: string }) => !text.language || text.language === language || !(SEARCH_LANGUAGES as readonly string[]).includes(text.language);
  const values = (texts: RecordSummary['titles']) => texts.filter(fits).map((text) => text.value);
  return {
    id: String(position),
    title: values(record.titles),
    identifier: [record.id, ...record.identifiers],
    keyword: values(record.keywords),
    description: [...values(record.descriptions), ...values(record.applications)],
  };
}
