/**
 * Reads RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD) or directories of them as one source: the curated
 * catalogue (source `curated`) and files loaded with `bouwblokken load FILE --source NAME`. All files are
 * parsed together and split into records, so one resource described in two files is one record.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { recordWithoutIriMessage, splitIntoRecords } from '../core/records';
import { BadInputError, ForbiddenError, ParseError, type BouwblokkenError } from '../core/errors';
import { parseJsonLd } from '../vocab/jsonld';
import { RDF } from '../vocab/namespaces';
import type { HarvestContext, HarvestedRecord, Harvester, HarvestSnapshot, ItemFailure } from './Harvester';
import { repairQuads } from './rdf';
import { decodeUtf8 } from '../core/utf8';

/** File extensions read, with the n3 format name (or `jsonld`). */
const FORMATS: Readonly<Record<string, string>> = {
  '.ttl': 'text/turtle', '.trig': 'application/trig', '.nt': 'application/n-triples', '.nq': 'application/n-quads',
  '.jsonld': 'jsonld', '.json': 'jsonld',
};

/** Default deadline of a file run; reading local files needs no more. */
const FILE_RUN_TIMEOUT_MS = 120_000;

/** Reads a list of files and directories as one source. */
export class FileHarvester implements Harvester {
  readonly kind = 'files';
  readonly location: string;
  readonly runTimeoutMs: number;

  /**
   * @param paths files or directories; directories are read recursively for the extensions in `FORMATS`.
   * @throws BadInputError when `paths` is empty.
   */
  constructor(readonly source: string, private readonly paths: readonly string[], options: { runTimeoutMs?: number } = {}) {
    if (paths.length === 0) throw new BadInputError(`Source "${source}" names no files to read`);
    this.location = paths.map((file) => path.resolve(file)).join(', ');
    this.runTimeoutMs = options.runTimeoutMs ?? FILE_RUN_TIMEOUT_MS;
  }

  /**
   * @throws BadInputError when a path does not exist; ParseError (with file, line and column) when a file is not
   *   valid RDF. Either error keeps the source's previous records, because the snapshot would be incomplete.
   */
  async harvest(context: HarvestContext): Promise<HarvestSnapshot> {
    const files = (await Promise.all(this.paths.map((entry) => listRdfFiles(path.resolve(entry))))).flat();

    // Parse every file, remembering which file typed which subject.
    const quads: Quad[] = [];
    const typedIn = new Map<string, string>();
    for (const [index, file] of files.entries()) {
      const fileUrl = pathToFileURL(file).toString();
      const parsed = repairQuads(await parseRdfFile(file, context.baseIri));
      for (const quad of parsed) {
        if (quad.predicate.value === RDF.type.value && !typedIn.has(quad.subject.value)) typedIn.set(quad.subject.value, fileUrl);
        quads.push(quad);
      }
      context.progress({ pages: index + 1, items: quads.length });
    }

    // Split into records; triples about resources that are no record are reported, not stored.
    const { records, unassigned, withoutIri } = splitIntoRecords(quads);
    const harvested: HarvestedRecord[] = records.map((record) => ({ ...record, sourceUrl: typedIn.get(record.iri) ?? pathToFileURL(files[0] ?? '').toString() }));
    const failures: ItemFailure[] = [];

    // A record without an IRI gets one failure for the missing IRI, not one about its loose triples.
    const inBlankRecords = new Set(withoutIri.flatMap((record) => record.quads.map((quad) => quad.subject.value)));
    for (const record of withoutIri) {
      failures.push({ sourceUrl: typedIn.get(record.node.slice(2)) ?? this.location, itemId: record.node, message: recordWithoutIriMessage(record.recordClass) });
    }
    const orphans = new Map<string, number>();
    for (const quad of unassigned) {
      if (quad.subject.termType === 'BlankNode' && inBlankRecords.has(quad.subject.value)) continue;
      orphans.set(quad.subject.value, (orphans.get(quad.subject.value) ?? 0) + 1);
    }
    for (const [subject, count] of orphans) {
      failures.push({
        sourceUrl: typedIn.get(subject) ?? this.location, itemId: subject,
        message: {
          nl: `${count} triple(s) over ${subject} horen bij geen record (geen rdf:type van een recordklasse) en zijn weggelaten.`,
          en: `${count} triple(s) about ${subject} belong to no record (no rdf:type of a record class) and were left out.`,
        },
      });
    }
    return { records: harvested, failures, itemsRead: harvested.length, pages: files.length };
  }
}

/**
 * Lists the RDF files under `entry` (itself when it is a file), sorted by path.
 * @throws BadInputError when `entry` does not exist or a named file has an extension that is not read.
 */
export async function listRdfFiles(entry: string): Promise<string[]> {
  let info;
  try {
    info = await stat(entry);
  } catch (error) {
    throw new BadInputError(`File or directory ${entry} does not exist or cannot be read`, { cause: error });
  }
  if (info.isFile()) {
    if (!FORMATS[path.extname(entry).toLowerCase()]) {
      throw new BadInputError(`File ${entry} has an unknown extension; use one of ${Object.keys(FORMATS).join(', ')}`);
    }
    return [entry];
  }
  const found: string[] = [];
  for (const name of (await readdir(entry)).sort()) {
    const child = path.join(entry, name);
    const childInfo = await stat(child);
    if (childInfo.isDirectory()) found.push(...await listRdfFiles(child));
    else if (FORMATS[path.extname(name).toLowerCase()]) found.push(child);
  }
  return found;
}

/**
 * Parses one RDF file by its extension. Relative IRIs resolve against `baseIri`. JSON-LD may use the
 * Bouwblokken context but no remote context, so reading a file never makes a network request.
 * @throws ParseError naming the file, and line and column where the parser gives them; also when the file is not
 *   valid UTF-8, with the byte offset and line of the first invalid byte.
 */
export async function parseRdfFile(file: string, baseIri: string): Promise<Quad[]> {
  const format = FORMATS[path.extname(file).toLowerCase()];
  const text = decodeUtf8(await readFile(file), file);
  if (format === 'jsonld') return parseJsonLdText(text, file, baseIri);
  try {
    return new Parser({ format, baseIRI: baseIri }).parse(text);
  } catch (error) {
    const line = /on line (\d+)/.exec((error as Error).message)?.[1];
    throw new ParseError(`File ${file} is not valid ${format}: ${(error as Error).message}`, {
      cause: error, location: { resource: file, ...(line ? { line: Number(line) } : {}) },
    });
  }
}

async function parseJsonLdText(text: string, file: string, baseIri: string): Promise<Quad[]> {
  try {
    return await parseJsonLd(text, baseIri);
  } catch (error) {
    const described = error as BouwblokkenError;
    const location = { ...described.location, resource: file };
    if (error instanceof ForbiddenError) throw new ParseError(`File ${file}: ${error.message}`, { cause: error, location });
    if (error instanceof ParseError) throw new ParseError(`File ${file} is not valid JSON-LD: ${error.message}`, { cause: error, location });
    throw error;
  }
}
