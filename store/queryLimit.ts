/**
 * Makes the result-size limit cheap for SELECT queries: the query gets a LIMIT of one row more than allowed,
 * so the engine stops early and the caller can still tell "exactly at the limit" from "over the limit".
 * CONSTRUCT and DESCRIBE keep their text: a solution may produce no triple or duplicate ones, so capping
 * solutions could cut the result short without the size check noticing.
 */
import sparqljs from 'sparqljs';
import { ForbiddenError } from '../core/errors';

/**
 * Rejects updates and caps the LIMIT of a SELECT query at `maxResults + 1`. A query that sparqljs cannot
 * parse is returned unchanged, so that oxigraph reports the syntax error (with its position) or runs a
 * form sparqljs does not know.
 * @throws ForbiddenError for a SPARQL update.
 */
export function prepareQuery(sparql: string, maxResults: number): string {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ sparqlStar: true }).parse(sparql);
  } catch {
    return sparql;
  }
  if (parsed.type === 'update') {
    throw new ForbiddenError('SPARQL updates are not accepted here: the catalogue changes only through harvest runs');
  }
  if (parsed.queryType !== 'SELECT') return sparql;

  const cap = maxResults + 1;
  if (parsed.limit !== undefined && parsed.limit <= cap) return sparql;

  // Without a LIMIT or a trailing VALUES block, appending the clause keeps the query text as written.
  if (parsed.limit === undefined && parsed.values === undefined) return `${sparql}\nLIMIT ${cap}`;
  parsed.limit = cap;
  return new sparqljs.Generator({ sparqlStar: true }).stringify(parsed);
}
