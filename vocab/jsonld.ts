/**
 * JSON-LD for Bouwblokken: the versioned context and one frame per record kind. A document loader serves
 * them from this folder and never fetches anything remote. Helpers parse JSON-LD into quads and frame a
 * record's quads for publication.
 */
import { readFileSync } from 'node:fs';
import type { Quad, Term } from '@rdfjs/types';
import jsonld from 'jsonld';
import { type ParseError as JsoncParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { DataFactory } from 'n3';
import { BadInputError, ForbiddenError, ParseError } from '../core/errors';
import { XSD } from './namespaces';

/** Published URL of version 1 of the Bouwblokken JSON-LD context. */
export const CONTEXT_URL = 'https://w3id.org/bouwblokken/context/v1.jsonld';

/** Published URL prefix of the version 1 frames; a frame's URL is this prefix plus `{kind}.jsonld`. */
export const FRAMES_URL = 'https://w3id.org/bouwblokken/frames/v1/';

/** The kinds of record that have a frame. */
export const RECORD_KINDS = [
  'building-block', 'data-service', 'dataset', 'distribution', 'software-source-code', 'organisation', 'review',
] as const;

/** A kind of record that has a frame, such as `building-block` or `data-service`. */
export type RecordKind = (typeof RECORD_KINDS)[number];

/** A JSON-LD document as parsed from JSON. */
export type JsonLdDocument = Record<string, unknown>;

/** A document as the jsonld.js document loader returns it. */
export interface LoadedDocument {
  contextUrl: string | undefined;
  documentUrl: string;
  document: unknown;
}

const CONTEXT_DOCUMENT = readJsonFile(new URL('./context/v1.jsonld', import.meta.url));

const FRAME_DOCUMENTS: ReadonlyMap<RecordKind, JsonLdDocument> = new Map(
  RECORD_KINDS.map((kind) => [kind, readJsonFile(new URL(`./frames/v1/${kind}.jsonld`, import.meta.url))]),
);

/** Documents that the loader serves, by URL. Every other URL is rejected. */
const localDocuments = new Map<string, unknown>([
  [CONTEXT_URL, CONTEXT_DOCUMENT],
  ...RECORD_KINDS.map((kind): [string, unknown] => [frameUrl(kind), FRAME_DOCUMENTS.get(kind)]),
]);

/** Returns the published URL of the frame for a record kind. */
export function frameUrl(kind: RecordKind): string {
  return `${FRAMES_URL}${kind}.jsonld`;
}

/** Returns the URL under which an instance with base IRI `baseIri` serves version 1 of the context. */
export function instanceContextUrl(baseIri: string): string {
  return `${baseIri}context/v1.jsonld`;
}

/**
 * Makes the document loader serve `document` at `url`, for further contexts that this instance publishes
 * itself (such as the REST API's terms), so documents referring to them are processed without a fetch.
 */
export function registerLocalDocument(url: string, document: object): void {
  localDocuments.set(url, document);
}

/**
 * Makes the document loader serve version 1 of the context at a further URL, such as the instance's own
 * (see {@link instanceContextUrl}), so that documents referring to that URL can be parsed without a fetch.
 * @throws BadInputError when `url` is not an absolute http(s) URL.
 */
export function registerContextUrl(url: string): void {
  if (!/^https?:\/\/[^/]+\//.test(url)) {
    throw new BadInputError(`Context URL "${url}" is not an absolute http(s) URL, so it cannot be registered`);
  }
  localDocuments.set(url, CONTEXT_DOCUMENT);
}

/** Returns the version 1 context document (`{ "@context": {...} }`). The caller must not modify it. */
export function contextDocument(): JsonLdDocument {
  return CONTEXT_DOCUMENT;
}

/** Returns the version 1 frame for a record kind. The caller must not modify it. */
export function frameDocument(kind: RecordKind): JsonLdDocument {
  const frame = FRAME_DOCUMENTS.get(kind);
  if (!frame) throw new BadInputError(`There is no frame for record kind "${kind}"; use one of ${RECORD_KINDS.join(', ')}`);
  return frame;
}

/**
 * Loads a document for jsonld.js: the context and frames come from this folder, and no network request is
 * ever made.
 * @throws ForbiddenError for any URL that is not a registered local document.
 */
export async function localDocumentLoader(url: string): Promise<LoadedDocument> {
  const document = localDocuments.get(url);
  if (document === undefined) {
    throw new ForbiddenError(
      `Remote JSON-LD document ${url} was rejected: Bouwblokken does not fetch remote contexts. ` +
        `Use ${CONTEXT_URL} or put the context inline.`,
      { location: { resource: url } },
    );
  }
  return { contextUrl: undefined, documentUrl: url, document };
}

/**
 * Parses a JSON-LD document into quads (n3 DataFactory terms). Relative IRIs resolve against `baseIri`.
 * Safe mode is on, so a property or type that does not map to an IRI is an error instead of being dropped.
 * @throws ParseError when the text is not JSON (with line and column) or not valid JSON-LD.
 * @throws ForbiddenError when the document refers to a remote context; nothing is fetched.
 */
export async function parseJsonLd(text: string, baseIri: string): Promise<Quad[]> {
  const document = parseJson(text, baseIri);

  let dataset: unknown;
  try {
    dataset = await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      base: baseIri,
      documentLoader: localDocumentLoader,
      safe: true,
    } as jsonld.Options.ToRdf);
  } catch (error) {
    const forbidden = findCause(error, ForbiddenError);
    if (forbidden) throw forbidden;
    throw new ParseError(`Invalid JSON-LD: ${jsonLdErrorMessage(error)}`, {
      cause: error,
      location: { resource: baseIri },
    });
  }
  return (dataset as JsonLdQuad[]).map(toN3Quad);
}

/**
 * Frames the quads of one record as JSON-LD with the Bouwblokken context and the frame for its kind.
 * Integer, double and boolean literals become JSON numbers and booleans.
 * @param options.contextUrl the context URL to put in the output, such as the instance's own; defaults to
 *   {@link CONTEXT_URL}. It must be registered with {@link registerContextUrl}.
 * @returns the framed node when one node of the kind is found; when several are, an object with `@graph`.
 * @throws BadInputError when the quads contain no node of the kind, or the context URL is not registered.
 */
export async function frameRecord(
  quads: readonly Quad[],
  kind: RecordKind,
  options: { contextUrl?: string } = {},
): Promise<JsonLdDocument> {
  const contextUrl = options.contextUrl ?? CONTEXT_URL;
  if (!localDocuments.has(contextUrl)) {
    throw new BadInputError(`Context URL ${contextUrl} is not registered; call registerContextUrl first`);
  }

  const expanded = await jsonld.fromRDF(quads.map(toJsonLdQuad) as object, {
    useNativeTypes: true,
  } as jsonld.Options.FromRdf);
  removeStringDatatypes(expanded);
  const frame = { ...frameDocument(kind), '@context': contextUrl };
  const framed = (await jsonld.frame(expanded, frame as jsonld.NodeObject, {
    documentLoader: localDocumentLoader,
    omitGraph: true,
  } as jsonld.Options.Frame)) as JsonLdDocument;

  // With omitGraph, no match gives an object with only the context, or with an empty @graph.
  const graph = framed['@graph'];
  const matchedNothing = Array.isArray(graph) ? graph.length === 0 : Object.keys(framed).every((key) => key === '@context');
  if (matchedNothing) {
    throw new BadInputError(`The record has no node of kind "${kind}" (frame ${frameUrl(kind)} matched nothing)`);
  }
  return framed;
}

/**
 * Removes `"@type": xsd:string` from value objects, in place. With `useNativeTypes`, jsonld.js 9.0.0
 * keeps the xsd:string datatype of plain literals, so they would not compact to plain strings.
 */
function removeStringDatatypes(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) removeStringDatatypes(item);
  } else if (node && typeof node === 'object') {
    const object = node as Record<string, unknown>;
    if ('@value' in object && object['@type'] === XSD.string.value) delete object['@type'];
    for (const value of Object.values(object)) removeStringDatatypes(value);
  }
}

/** A quad as jsonld.js reads and writes it: RDF/JS-like plain objects. */
interface JsonLdQuad {
  subject: { termType: string; value: string };
  predicate: { termType: string; value: string };
  object: { termType: string; value: string; datatype?: { value: string }; language?: string };
  graph: { termType: string; value: string };
}

function toN3Quad(quad: JsonLdQuad): Quad {
  const { namedNode, blankNode, literal, defaultGraph } = DataFactory;
  const node = (term: { termType: string; value: string }) =>
    term.termType === 'BlankNode' ? blankNode(term.value.replace(/^_:/, '')) : namedNode(term.value);
  const object = quad.object.termType === 'Literal'
    ? literal(quad.object.value, quad.object.language || (quad.object.datatype ? namedNode(quad.object.datatype.value) : undefined))
    : node(quad.object);
  const graph = quad.graph.termType === 'DefaultGraph' ? defaultGraph() : node(quad.graph);
  return DataFactory.quad(node(quad.subject), namedNode(quad.predicate.value), object, graph);
}

function toJsonLdQuad(quad: Quad): JsonLdQuad {
  const term = (value: Term) => ({
    termType: value.termType,
    value: value.termType === 'BlankNode' ? `_:${value.value}` : value.value,
  });
  const object = quad.object.termType === 'Literal'
    ? {
      termType: 'Literal',
      value: quad.object.value,
      datatype: { termType: 'NamedNode', value: quad.object.datatype.value },
      ...(quad.object.language ? { language: quad.object.language } : {}),
    }
    : term(quad.object);
  // A record's quads are framed as one graph, whatever named graph they came from.
  return { subject: term(quad.subject), predicate: term(quad.predicate), object, graph: { termType: 'DefaultGraph', value: '' } };
}

/**
 * Parses JSON text. On a syntax error, a second, error-tolerant parse finds the line and column, because
 * `JSON.parse` in Node 20 does not report a position for every error.
 */
function parseJson(text: string, resource: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const errors: JsoncParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const location = first ? lineAndColumn(text, first.offset) : {};
    const reason = first ? describeJsonError(printParseErrorCode(first.error)) : (error as Error).message;
    throw new ParseError(`Invalid JSON: ${reason}`, {
      cause: error,
      location: { resource, ...location },
    });
  }
}

/** Turns a jsonc-parser error code such as `PropertyNameExpected` into words: "property name expected". */
function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Converts a character offset into a 1-based line and column. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text[index] === '\n') {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current; depth++) {
    if (current instanceof type) return current;
    const details = (current as { details?: { cause?: unknown } }).details;
    current = details?.cause ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** jsonld.js errors carry the useful part in `details`; this includes it in one sentence. */
function jsonLdErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = (error as { details?: { event?: { message?: string }; code?: string } }).details;
  const eventMessage = details?.event?.message;
  if (eventMessage) return `${error.message} ${eventMessage}`;
  return details?.code ? `${error.message} (${details.code})` : error.message;
}

function readJsonFile(url: URL): JsonLdDocument {
  return JSON.parse(readFileSync(url, 'utf8')) as JsonLdDocument;
}
