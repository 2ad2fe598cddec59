/**
 * The example queries in `queries/*.rq`. Each file starts with a header of comment lines that give its title
 * and description in Dutch and English:
 *
 *     # title@nl: Bouwblokken per domein
 *     # title@en: Building blocks per domain
 *     # description@nl: ...
 *     # description@en: ...
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BadInputError } from '../../core/errors';

/** Directory of the example queries shipped with the project. */
export const EXAMPLE_QUERY_DIRECTORY = fileURLToPath(new URL('../../queries/', import.meta.url));

/** Text in Dutch and English. */
export interface BilingualText {
  readonly nl: string;
  readonly en: string;
}

/** One example query. */
export interface ExampleQuery {
  /** File name without `.rq`, used in URLs. */
  readonly id: string;
  readonly title: BilingualText;
  readonly description: BilingualText;
  /** The whole file, header included (comments are valid SPARQL). */
  readonly query: string;
}

const HEADER_LINE = /^#\s*(title|description)@(nl|en):\s*(.+)$/;

/**
 * Reads every `.rq` file of a directory, sorted by file name.
 * @throws BadInputError naming the file and the header line that is missing.
 */
export function loadExampleQueries(directory: string = EXAMPLE_QUERY_DIRECTORY): ExampleQuery[] {
  const files = readdirSync(directory).filter((file) => file.endsWith('.rq')).sort();
  return files.map((file) => parseExampleQuery(path.basename(file, '.rq'), readFileSync(path.join(directory, file), 'utf8'), file));
}

/**
 * Reads the header of one example query.
 * @throws BadInputError naming `file` when a title or description in either language is missing.
 */
export function parseExampleQuery(id: string, text: string, file: string): ExampleQuery {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const match = HEADER_LINE.exec(line.trim());
    if (match) fields[`${match[1]}@${match[2]}`] = match[3]!.trim();
  }
  for (const key of ['title@nl', 'title@en', 'description@nl', 'description@en']) {
    if (!fields[key]) throw new BadInputError(`Example query ${file} has no "# ${key}: ..." line in its header`);
  }
  return {
    id,
    title: { nl: fields['title@nl']!, en: fields['title@en']! },
    description: { nl: fields['description@nl']!, en: fields['description@en']! },
    query: text,
  };
}
