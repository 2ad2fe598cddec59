/**
 * `bouwblokken validate`: checks a file of records against the Bouwblokken shapes and prints the
 * validation report in Dutch or English.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { BadInputError, BouwblokkenError, ParseError, describeError } from '../core/errors';
import { parseJsonLd } from '../vocab/jsonld';
import { RDF } from '../vocab/namespaces';
import { RecordValidator, formatReport, type ValidationResult } from '../shapes/validator';
import { recordWithoutIriMessage, splitIntoRecords } from '../core/records';
import { decodeUtf8 } from '../core/utf8';

/** The streams a command reads from and writes to; `process.stdin`, `process.stdout` and `process.stderr` fit. */
export interface CommandIo {
  stdin: AsyncIterable<string | Buffer> | Iterable<string | Buffer>;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** Serialisations that the command reads. */
export type InputFormat = 'turtle' | 'ntriples' | 'nquads' | 'trig' | 'jsonld';

const FORMATS: readonly InputFormat[] = ['turtle', 'ntriples', 'nquads', 'trig', 'jsonld'];

const EXTENSIONS: Readonly<Record<string, InputFormat>> = {
  '.ttl': 'turtle',
  '.turtle': 'turtle',
  '.nt': 'ntriples',
  '.nq': 'nquads',
  '.trig': 'trig',
  '.jsonld': 'jsonld',
  '.json': 'jsonld',
};

const N3_FORMATS: Readonly<Record<Exclude<InputFormat, 'jsonld'>, string>> = {
  turtle: 'Turtle',
  ntriples: 'N-Triples',
  nquads: 'N-Quads',
  trig: 'TriG',
};

const USAGE = `Gebruik / Usage: bouwblokken validate FILE|- [--lang nl|en] [--format ${FORMATS.join('|')}]

Controleert de records in FILE (of op stdin bij -) tegen de Bouwblokken-shapes en toont het validatierapport.
Checks the records in FILE (or on stdin for -) against the Bouwblokken shapes and prints the validation report.

  --lang nl|en     taal van het rapport / language of the report (standaard / default: nl)
  --format FORMAT  invoerformaat / input format; standaard volgens de extensie (.ttl, .nt, .nq, .trig,
                   .jsonld, .json), voor stdin JSON-LD als de invoer met { of [ begint, anders Turtle /
                   default from the extension; for stdin JSON-LD when the input starts with { or [, else Turtle

Afsluitcode / exit code: 0 voldoet / conforms, 1 voldoet niet / does not conform, 2 onleesbare invoer / unreadable input.
`;

/** The parsed command line. */
interface ValidateOptions {
  input: string;
  language: 'nl' | 'en';
  format?: InputFormat;
}

/**
 * Runs `bouwblokken validate FILE|- [--lang nl|en] [--format turtle|ntriples|nquads|trig|jsonld]`.
 * Prints the readable report on stdout; errors about the input go to stderr.
 * @returns 0 when the records conform, 1 when there is a violation or no record at all, and 2 when the
 *   arguments are wrong or the input cannot be read or parsed.
 */
export async function validateCommand(args: string[], io: CommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }

  let options: ValidateOptions;
  try {
    options = parseArguments(args);
  } catch (error) {
    io.stderr.write(`${describeError(error)}\n\n${USAGE}`);
    return 2;
  }
  const words = WORDS[options.language];

  // Read and parse the input.
  let quads: Quad[];
  try {
    const extensionFormat = options.format ?? (options.input === '-' ? undefined : formatFromExtension(options.input));
    const { text, resource, baseIri } = await readInput(options.input, io);
    const format = extensionFormat ?? (/^\s*[[{]/.test(text) ? 'jsonld' : 'turtle');
    quads = await parseRecords(text, format, resource, baseIri);
  } catch (error) {
    io.stderr.write(`${words.unreadable}${describeProblem(error, words)}\n`);
    return 2;
  }

  // Validate and report.
  const validator = await RecordValidator.load();
  const typedClasses = new Set(
    quads.filter((quad) => quad.predicate.value === RDF.type.value).map((quad) => quad.object.value),
  );
  if (!validator.targetClasses.some((targetClass) => typedClasses.has(targetClass))) {
    io.stdout.write(`${words.noRecords}\n`);
    return 1;
  }
  let report = validator.validate(quads);

  // A record needs an IRI to be stored and published, which the shapes cannot check for a top-level blank node.
  const { withoutIri } = splitIntoRecords(quads);
  if (withoutIri.length > 0) {
    const results = [
      ...withoutIri.map((record): ValidationResult => ({
        focusNode: record.node, severity: 'violation', message: recordWithoutIriMessage(record.recordClass),
      })),
      ...report.results,
    ];
    report = { conforms: false, results };
  }
  io.stdout.write(formatReport(report, options.language));
  return report.conforms ? 0 : 1;
}

const WORDS = {
  nl: {
    unreadable: 'Invoer onleesbaar',
    line: 'regel',
    column: 'kolom',
    noRecords:
      'Geen records gevonden. Geen enkele bron heeft een type dat de shapes controleren, zoals bb:BuildingBlock, ' +
      'dcat:DataService, dcat:Dataset, dcat:Distribution, schema:SoftwareSourceCode, foaf:Organization of schema:Review.',
  },
  en: {
    unreadable: 'Unreadable input',
    line: 'line',
    column: 'column',
    noRecords:
      'No records found. No resource has a type that the shapes check, such as bb:BuildingBlock, ' +
      'dcat:DataService, dcat:Dataset, dcat:Distribution, schema:SoftwareSourceCode, foaf:Organization or schema:Review.',
  },
} as const;

function parseArguments(args: readonly string[]): ValidateOptions {
  let input: string | undefined;
  let language: 'nl' | 'en' = 'nl';
  let format: InputFormat | undefined;
  let optionsEnded = false;

  for (let index = 0; index < args.length; index++) {
    const argument = args[index]!;
    if (!optionsEnded && argument === '--') {
      optionsEnded = true;
      continue;
    }
    if (!optionsEnded && argument.startsWith('--')) {
      const [name, inlineValue] = argument.includes('=') ? splitOnce(argument, '=') : [argument, undefined];
      const value = inlineValue ?? args[++index];
      if (value === undefined) throw new BadInputError(`Option ${name} needs a value`);
      if (name === '--lang') {
        if (value !== 'nl' && value !== 'en') throw new BadInputError(`Option --lang must be nl or en, not "${value}"`);
        language = value;
      } else if (name === '--format') {
        if (!FORMATS.includes(value as InputFormat)) {
          throw new BadInputError(`Option --format must be one of ${FORMATS.join(', ')}, not "${value}"`);
        }
        format = value as InputFormat;
      } else {
        throw new BadInputError(`Unknown option ${name}`);
      }
      continue;
    }
    if (input !== undefined) throw new BadInputError(`Give one file to validate, not "${input}" and "${argument}"`);
    input = argument;
  }

  if (input === undefined) throw new BadInputError('Give the file to validate, or - to read from stdin');
  return format ? { input, language, format } : { input, language };
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return [text.slice(0, index), text.slice(index + separator.length)];
}

async function readInput(input: string, io: CommandIo): Promise<{ text: string; resource: string; baseIri: string }> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return { text: decodeUtf8(Buffer.concat(chunks), 'stdin'), resource: 'stdin', baseIri: 'file:///dev/stdin' };
  }
  const path = resolve(input);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new BadInputError(`File cannot be read (${reason})`, { cause: error, location: { resource: input } });
  }
  return { text: decodeUtf8(bytes, input), resource: input, baseIri: pathToFileURL(path).href };
}

function formatFromExtension(input: string): InputFormat {
  const format = EXTENSIONS[extname(input).toLowerCase()];
  if (!format) {
    throw new BadInputError(
      `The format of ${input} cannot be guessed from its extension; give --format ${FORMATS.join('|')}`,
    );
  }
  return format;
}

/**
 * Parses Turtle, N-Triples, N-Quads, TriG or JSON-LD into quads.
 * @throws ParseError with the line, and the column where it can be found, of the first syntax error.
 */
export async function parseRecords(text: string, format: InputFormat, resource: string, baseIri: string): Promise<Quad[]> {
  if (format === 'jsonld') {
    try {
      return await parseJsonLd(text, baseIri);
    } catch (error) {
      if (error instanceof ParseError && error.location?.line !== undefined) {
        throw new ParseError(error.message, { cause: error.cause, location: { ...error.location, resource } });
      }
      throw error;
    }
  }
  try {
    return new Parser({ format: N3_FORMATS[format], baseIRI: baseIri }).parse(text);
  } catch (error) {
    const location = n3ErrorLocation(error, text);
    throw new ParseError(`Invalid ${N3_FORMATS[format]}: ${(error as Error).message}`, {
      cause: error,
      location: { resource, ...location },
    });
  }
}

/**
 * Finds the line and column of an N3.js syntax error. N3.js reports the line and the 0-based start of the
 * offending token on that line. A lexer error has no token, so the column is where the unexpected text
 * starts after the previous token.
 */
function n3ErrorLocation(error: unknown, text: string): { line?: number; column?: number } {
  const context = (error as { context?: N3ErrorContext }).context;
  if (!context || typeof context.line !== 'number') return {};
  const line = context.line;
  if (context.token && context.token.line === line && typeof context.token.start === 'number') {
    return { line, column: context.token.start + 1 };
  }

  const unexpected = /^Unexpected "(.*)" on line/s.exec((error as Error).message)?.[1];
  const lineText = text.split(/\r?\n|\r/)[line - 1];
  if (unexpected === undefined || lineText === undefined) return { line };
  const from = context.previousToken?.line === line ? (context.previousToken.end ?? 0) : 0;
  const index = lineText.indexOf(unexpected.slice(0, 10), from);
  return index >= 0 ? { line, column: index + 1 } : { line };
}

interface N3ErrorContext {
  line?: number;
  token?: { line?: number; start?: number };
  previousToken?: { line?: number; end?: number };
}

/** Describes an input error with its location first, as in ` (data.ttl, regel 3, kolom 12): ...`. */
function describeProblem(error: unknown, words: { line: string; column: string }): string {
  if (!(error instanceof BouwblokkenError)) return `: ${describeError(error)}`;
  const { resource, line, column } = error.location ?? {};
  const place = [
    resource,
    line !== undefined ? `${words.line} ${line}` : undefined,
    column !== undefined ? `${words.column} ${column}` : undefined,
  ].filter((part) => part !== undefined);
  return place.length > 0 ? ` (${place.join(', ')}): ${error.message}` : `: ${error.message}`;
}
