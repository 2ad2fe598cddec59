/**
 * Parses a SPARQL request with sparqljs before it reaches the store. The parse tells queries from updates,
 * finds the query form and every `SERVICE` IRI, and reports syntax errors with line and column. When the
 * endpoint has to bound a query, it rewrites the parsed structure.
 */
import sparqljs from 'sparqljs';
import { BadInputError, ForbiddenError, ParseError } from '../../core/errors';

/** The four SPARQL query forms. */
export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

/** A parsed read-only query. */
export interface ClassifiedQuery {
  readonly form: QueryForm;
  /** IRIs of `SERVICE` clauses, in order of appearance. */
  readonly serviceIris: readonly string[];
  /** The query text to send to the store: the request's own text, or a rewrite of it. */
  readonly text: string;
  /** Graphs named by the query's `FROM` and `FROM NAMED` clauses, when it has any. */
  readonly dataset?: { readonly defaultGraphs: readonly string[]; readonly namedGraphs: readonly string[] };
}

/** The parts of a sparqljs parse error that carry the location. */
interface JisonErrorHash {
  /** Lines are 1-based, columns 0-based. */
  readonly loc?: { readonly first_line?: number; readonly first_column?: number; readonly last_line?: number; readonly last_column?: number };
  /** Text of the token that was rejected; empty at the end of the input. */
  readonly text?: string;
}

/**
 * Parses `text` and checks that it is a query the endpoint may run: not an update, and `SERVICE` only to
 * partner endpoints. A SELECT without a LIMIT, or with one above `maxResults`, gets `LIMIT maxResults + 1`,
 * so the store stops early and can still tell that the result was too large.
 * @param partners endpoint URLs that `SERVICE` may name. A SERVICE IRI matches a partner when both have the
 *   same origin and the partner's path is a prefix of the IRI's path.
 * @throws ParseError with line and column for invalid SPARQL; ForbiddenError for an update, a `SERVICE` with a
 *   variable, or a `SERVICE` to a host that is not a partner.
 */
export function classifyQuery(text: string, options: { partners: readonly string[]; maxResults: number }): ClassifiedQuery {
  checkNestingDepth(text);
  const parsed = parseSparql(text);
  if (parsed.type === 'update') {
    throw new ForbiddenError('SPARQL updates are not accepted: this endpoint is read-only (SPARQL 1.1 Query only)');
  }

  // Every SERVICE clause must name a partner endpoint.
  const serviceIris = findServiceIris(parsed);
  for (const iri of serviceIris) {
    if (iri === undefined) {
      throw new ForbiddenError('SERVICE with a variable is not accepted; name a configured partner endpoint by its IRI');
    }
    if (!isPartner(iri, options.partners)) {
      throw new ForbiddenError(`SERVICE <${iri}> is not accepted: only the configured partner endpoints may be queried (${options.partners.length > 0 ? options.partners.join(', ') : 'none configured'})`);
    }
  }

  // Bound the rows of a SELECT, as a structure, never by editing the text.
  const form = parsed.queryType;
  let rewritten = text;
  if (parsed.queryType === 'SELECT' && (parsed.limit === undefined || parsed.limit > options.maxResults)) {
    rewritten = new sparqljs.Generator().stringify({ ...parsed, limit: options.maxResults + 1 });
  }
  const from = parsed.from;
  const declared = from && (from.default.length > 0 || from.named.length > 0)
    ? { defaultGraphs: from.default.map((graph) => graph.value), namedGraphs: from.named.map((graph) => graph.value) }
    : undefined;
  return { form, serviceIris: serviceIris as string[], text: rewritten, ...(declared ? { dataset: declared } : {}) };
}

/**
 * Deepest nesting of groups (`{`) and brackets (`(`, `[`) accepted. The parsers recurse per level: sparqljs
 * overflows the call stack at a few thousand levels, and oxigraph 0.5 traps at about 700 nested groups.
 * Real queries stay far below this.
 */
export const MAX_NESTING_DEPTH = 128;

/**
 * Rejects a query nested deeper than `MAX_NESTING_DEPTH`, before any recursive parser sees it. Strings, IRIs and
 * comments are skipped, so their brackets do not count.
 * @throws BadInputError naming the line and column where the limit was passed.
 */
export function checkNestingDepth(text: string): void {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (character === '\n') {
      line += 1;
      lineStart = index + 1;
    } else if (character === '#') {
      const end = text.indexOf('\n', index);
      index = (end < 0 ? text.length : end) - 1;
    } else if (character === '"' || character === "'") {
      index = skipString(text, index);
    } else if (character === '<' && /^<[^\s<>"{}|^`\\]*>/.test(text.slice(index, index + 2048))) {
      index = text.indexOf('>', index);
    } else if (character === '{' || character === '(' || character === '[') {
      depth += 1;
      if (depth > MAX_NESTING_DEPTH) {
        const column = index - lineStart + 1;
        throw new BadInputError(`Query is nested more than ${MAX_NESTING_DEPTH} levels deep at line ${line}, column ${column}; flatten the query`, { location: { line, column } });
      }
    } else if (character === '}' || character === ')' || character === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
}

/** Returns the index of the last character of the string literal that starts at `start`. */
function skipString(text: string, start: number): number {
  const quote = text[start]!;
  const long = text.startsWith(quote.repeat(3), start);
  const terminator = long ? quote.repeat(3) : quote;
  let index = start + terminator.length;
  while (index < text.length) {
    if (text[index] === '\\') index += 2;
    else if (text.startsWith(terminator, index)) return index + terminator.length - 1;
    else if (!long && text[index] === '\n') return index - 1;
    else index += 1;
  }
  return text.length - 1;
}

/**
 * Parses SPARQL with sparqljs.
 * @throws ParseError naming line and column (both 1-based) when sparqljs reports them.
 */
export function parseSparql(text: string): sparqljs.SparqlQuery {
  try {
    return new sparqljs.Parser().parse(text);
  } catch (error) {
    const hash = (error as { hash?: JisonErrorHash }).hash;
    const position = hash ? locateOffendingToken(text, hash) : undefined;
    const message = (error as Error).message ?? String(error);
    const expected = /Expecting (.*), got (.*)$/s.exec(message);
    const reason = expected
      ? `expected one of ${shorten(expected[1]!)} but found ${expected[2]}`
      : message.split('\n')[0];
    const where = position ? ` at line ${position.line}, column ${position.column}` : '';
    throw new ParseError(`Invalid SPARQL query${where}: ${reason}`, { cause: error, location: position ?? {} });
  }
}

/**
 * Finds the 1-based line and column of the token that sparqljs rejected. Its parser (jison) reports the
 * location of the token before it, so the search starts where that token ends. At the end of the input the
 * position is the end of the text.
 */
function locateOffendingToken(text: string, hash: JisonErrorHash): { line: number; column: number } | undefined {
  const lines = text.split('\n');
  const loc = hash.loc;
  if (!loc || loc.last_line === undefined || loc.last_column === undefined) return undefined;
  const lineStart = (line: number) => lines.slice(0, line - 1).reduce((sum, item) => sum + item.length + 1, 0);

  // The reported token itself, when the location already points at it.
  let offset = -1;
  const token = hash.text ?? '';
  if (loc.first_line !== undefined && loc.first_column !== undefined && token !== '') {
    const start = lineStart(loc.first_line) + loc.first_column;
    if (text.startsWith(token, start)) offset = start;
  }

  // Otherwise the next occurrence after the previous token; the end of the text for EOF.
  if (offset < 0) {
    const previousEnd = lineStart(loc.last_line) + loc.last_column;
    offset = token === '' ? text.length : text.indexOf(token, previousEnd);
    if (offset < 0) offset = previousEnd;
  }
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Returns the IRI of every SERVICE clause, or `undefined` for `SERVICE ?variable`, anywhere in the query. */
function findServiceIris(node: unknown, found: (string | undefined)[] = []): (string | undefined)[] {
  if (Array.isArray(node)) {
    for (const child of node) findServiceIris(child, found);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as { type?: unknown; name?: { termType?: string; value?: string } };
    if (record.type === 'service') found.push(record.name?.termType === 'NamedNode' ? record.name.value : undefined);
    for (const child of Object.values(node)) findServiceIris(child, found);
  }
  return found;
}

function isPartner(iri: string, partners: readonly string[]): boolean {
  let target: URL;
  try {
    target = new URL(iri);
  } catch {
    return false;
  }
  return partners.some((partner) => {
    const allowed = new URL(partner);
    return allowed.origin === target.origin && target.pathname.startsWith(allowed.pathname);
  });
}

/** Shortens a long list of expected tokens for a readable message. */
function shorten(tokens: string): string {
  const list = tokens.split(', ');
  return list.length <= 6 ? list.join(', ') : `${list.slice(0, 6).join(', ')} (and ${list.length - 6} more)`;
}
