/**
 * Writers for SPARQL 1.1 query results (JSON, XML, CSV, TSV) from solutions that oxigraph already computed,
 * so a query runs once whether its caller wants bindings or a serialised body.
 */
import { Parser as SparqlParser } from 'sparqljs';
import type { JsonTerm, ResultsFormat } from './CatalogueStore';

/** One solution: variable name to term, unbound variables absent. */
export type Solution = Readonly<Record<string, JsonTerm>>;

/**
 * Returns the projected variables of a SELECT query in order, or `undefined` for `SELECT *` and for queries
 * that sparqljs cannot parse; callers then use the variables bound in the solutions.
 */
export function projectedVariables(sparql: string): string[] | undefined {
  try {
    const parsed = new SparqlParser().parse(sparql);
    if (parsed.type !== 'query' || parsed.queryType !== 'SELECT') return undefined;
    const names: string[] = [];
    for (const item of parsed.variables) {
      if ('termType' in item && item.termType === 'Wildcard') return undefined;
      names.push('termType' in item ? item.value : item.variable.value);
    }
    return names;
  } catch {
    return undefined;
  }
}

/** Serialises solutions in one of the SPARQL 1.1 results formats. */
export function serialiseSolutions(format: ResultsFormat, variables: readonly string[], solutions: readonly Solution[]): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ head: { vars: variables }, results: { bindings: solutions } });
    case 'xml':
      return writeXml(variables, solutions);
    case 'csv':
      return writeCsv(variables, solutions);
    case 'tsv':
      return writeTsv(variables, solutions);
  }
}

/** Serialises an ASK result. CSV and TSV have no boolean form, so they carry `true` or `false` alone. */
export function serialiseBoolean(format: ResultsFormat, value: boolean): string {
  if (format === 'json') return JSON.stringify({ head: {}, boolean: value });
  if (format === 'xml') return `<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head><boolean>${value}</boolean></sparql>`;
  return `${value}\n`;
}

function writeXml(variables: readonly string[], solutions: readonly Solution[]): string {
  const parts = ['<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'];
  for (const name of variables) parts.push(`<variable name="${escapeXml(name)}"/>`);
  parts.push('</head><results>');
  for (const solution of solutions) {
    parts.push('<result>');
    for (const [name, term] of Object.entries(solution)) {
      parts.push(`<binding name="${escapeXml(name)}">${xmlTerm(term)}</binding>`);
    }
    parts.push('</result>');
  }
  parts.push('</results></sparql>');
  return parts.join('');
}

function xmlTerm(term: JsonTerm): string {
  if (term.type === 'uri') return `<uri>${escapeXml(term.value)}</uri>`;
  if (term.type === 'bnode') return `<bnode>${escapeXml(term.value)}</bnode>`;
  const language = term['xml:lang'] ? ` xml:lang="${escapeXml(term['xml:lang'])}"` : '';
  const datatype = term.datatype ? ` datatype="${escapeXml(term.datatype)}"` : '';
  return `<literal${language}${datatype}>${escapeXml(term.value)}</literal>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** CSV as SPARQL 1.1 defines it: plain values, quoted when they contain a comma, quote or line break. */
function writeCsv(variables: readonly string[], solutions: readonly Solution[]): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [variables.map(quote).join(',')];
  for (const solution of solutions) {
    lines.push(variables.map((name) => {
      const term = solution[name];
      if (!term) return '';
      return quote(term.type === 'bnode' ? `_:${term.value}` : term.value);
    }).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** TSV as SPARQL 1.1 defines it: terms in Turtle syntax, so types and languages survive. */
function writeTsv(variables: readonly string[], solutions: readonly Solution[]): string {
  const lines = [variables.map((name) => `?${name}`).join('\t')];
  for (const solution of solutions) {
    lines.push(variables.map((name) => {
      const term = solution[name];
      return term ? turtleTerm(term) : '';
    }).join('\t'));
  }
  return lines.join('\n') + '\n';
}

function turtleTerm(term: JsonTerm): string {
  if (term.type === 'uri') return `<${term.value}>`;
  if (term.type === 'bnode') return `_:${term.value}`;
  const escaped = term.value.replace(/[\\"\n\r\t]/g, (character) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[character]!);
  if (term['xml:lang']) return `"${escaped}"@${term['xml:lang']}`;
  if (term.datatype) return `"${escaped}"^^<${term.datatype}>`;
  return `"${escaped}"`;
}
