/**
 * The representations of SPARQL results that the endpoint offers per query form, with the store format that
 * produces each of them.
 */
import type { ResultsFormat } from '../../store/CatalogueStore';
import type { Offer } from '../conneg';
import { GRAPH_OFFERS, type GraphFormatName } from '../resource/rdfFormats';
import type { QueryForm } from './classifyQuery';

/** Offers for SELECT results, SPARQL JSON first so that it is the default. */
export const BINDINGS_OFFERS: readonly Offer<ResultsFormat>[] = [
  { name: 'json', mediaType: 'application/sparql-results+json', aliases: ['application/json'] },
  { name: 'xml', mediaType: 'application/sparql-results+xml', aliases: ['application/xml', 'text/xml'] },
  { name: 'csv', mediaType: 'text/csv' },
  { name: 'tsv', mediaType: 'text/tab-separated-values' },
];

/** Offers for ASK results; CSV and TSV have no form for a boolean. */
export const BOOLEAN_OFFERS: readonly Offer<ResultsFormat>[] = BINDINGS_OFFERS.slice(0, 2);

/** Offers for CONSTRUCT and DESCRIBE results. */
export const GRAPH_RESULT_OFFERS: readonly Offer<GraphFormatName>[] = GRAPH_OFFERS;

/** Returns the offers for a query form. */
export function offersFor(form: QueryForm): readonly Offer[] {
  if (form === 'SELECT') return BINDINGS_OFFERS;
  if (form === 'ASK') return BOOLEAN_OFFERS;
  return GRAPH_RESULT_OFFERS;
}
