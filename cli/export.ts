/**
 * `bouwblokken export`: prints the whole catalogue.
 */
import jsonld from 'jsonld';
import type { CommandIo } from './io';
import { openRuntime, parseCommandArgs } from './runtime';
import { Parser, Writer } from 'n3';
import { BadInputError } from '../core/errors';
import { PREFIXES } from '../vocab/namespaces';

const FORMATS = ['nquads', 'turtle', 'jsonld'] as const;

export async function exportCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, { format: { type: 'string', default: 'nquads' } });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    throw new BadInputError(`Unknown export format "${values.format}"; use one of ${FORMATS.join(', ')}`);
  }

  const runtime = await openRuntime(values.config, 'read');
  try {
    if (format === 'nquads') io.stdout.write(await runtime.store.dump('n-quads'));
    else if (format === 'turtle') io.stdout.write(await writeTurtle(await runtime.store.dump('n-triples')));
    else {
      const nquads = await runtime.store.dump('n-quads');
      const document = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
      io.stdout.write(JSON.stringify(document, null, 2) + '\n');
    }
  } finally {
    await runtime.store.close();
  }
  return 0;
}

/** Rewrites N-Triples as Turtle with the project's prefixes, grouped by subject, for people to read. */
function writeTurtle(ntriples: string): Promise<string> {
  const writer = new Writer({ prefixes: PREFIXES });
  const sortKey = (quad: { subject: { termType: string; value: string } }) => `${quad.subject.termType === 'BlankNode' ? 1 : 0}${quad.subject.value}`;
  const quads = new Parser({ format: 'N-Triples' }).parse(ntriples).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}
