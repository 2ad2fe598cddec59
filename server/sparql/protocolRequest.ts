/**
 * Reads a SPARQL 1.1 Protocol request: query via GET, via POST with a form-encoded body, or via POST directly
 * (`application/sparql-query`), plus `default-graph-uri` and `named-graph-uri` parameters.
 */
import type { Request } from 'express';
import { BadInputError, ForbiddenError } from '../../core/errors';

/** The query and dataset of a protocol request. `query` is absent for a GET without a query (a service description). */
export interface ProtocolRequest {
  readonly query?: string;
  readonly defaultGraphs?: readonly string[];
  readonly namedGraphs?: readonly string[];
}

/**
 * Extracts the query and dataset of a request whose body, if any, has been parsed (form as an object,
 * `application/sparql-query` as a string).
 * @throws ForbiddenError for an update (`update` parameter or `application/sparql-update` body);
 *   BadInputError for a repeated or empty `query`, a body of another type, or a graph parameter that is not an IRI.
 */
export function readProtocolRequest(request: Request): ProtocolRequest {
  const url = request.query as Record<string, unknown>;
  const contentType = (request.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let query: unknown;
  let graphs: Record<string, unknown> = url;

  // Find the query in the URL or in the body, by method and content type.
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (url.update !== undefined) throw updateRejected();
    query = url.query;
  } else if (contentType === 'application/x-www-form-urlencoded') {
    const form = (request.body ?? {}) as Record<string, unknown>;
    if (form.update !== undefined) throw updateRejected();
    if (url.query !== undefined) throw new BadInputError('A POST with a form body must carry "query" in the body, not in the URL');
    query = form.query;
    graphs = form;
    if (query === undefined) throw new BadInputError('The form body has no "query" parameter; send the SPARQL query as "query=..."');
  } else if (contentType === 'application/sparql-query') {
    query = typeof request.body === 'string' ? request.body : '';
  } else if (contentType === 'application/sparql-update') {
    throw updateRejected();
  } else {
    throw new BadInputError(`A POST to the SPARQL endpoint must have Content-Type application/x-www-form-urlencoded or application/sparql-query, not "${contentType || '(none)'}"`);
  }

  // Check the query and the dataset parameters.
  if (Array.isArray(query)) throw new BadInputError('Parameter "query" was given more than once; send exactly one query');
  if (query !== undefined && (typeof query !== 'string' || query.trim() === '')) {
    throw new BadInputError('Parameter "query" is empty; send a SPARQL query');
  }
  const defaultGraphs = graphIris(graphs['default-graph-uri'], 'default-graph-uri');
  const namedGraphs = graphIris(graphs['named-graph-uri'], 'named-graph-uri');
  return {
    ...(query === undefined ? {} : { query: query as string }),
    ...(defaultGraphs ? { defaultGraphs } : {}),
    ...(namedGraphs ? { namedGraphs } : {}),
  };
}

function updateRejected(): ForbiddenError {
  return new ForbiddenError('SPARQL updates are not accepted: this endpoint is read-only (SPARQL 1.1 Query only)');
}

/** Returns the IRIs of a repeatable graph parameter, or `undefined` when it is absent. */
function graphIris(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  const values = Array.isArray(value) ? value : [value];
  return values.map((item) => {
    if (typeof item !== 'string' || !isAbsoluteIri(item)) {
      throw new BadInputError(`Parameter "${name}" must be an absolute IRI, got "${String(item)}"`);
    }
    return item;
  });
}

/** Checks that `value` is an absolute IRI that can be written between angle brackets in SPARQL. */
export function isAbsoluteIri(value: string): boolean {
  // IRIREF of the SPARQL grammar excludes these characters and everything up to U+0020.
  if (/[<>"{}|^`\\]/u.test(value) || [...value].some((character) => character.codePointAt(0)! <= 0x20)) return false;
  return /^[a-z][a-z0-9+.-]*:.+$/i.test(value);
}
