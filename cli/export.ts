/**
 * `bouwblokken export`: prints the whole catalogue.
 */
import jsonld from 'jsonld';
import type { CommandIo } from './io';
import { openRuntime, parseCommandArgs } from './runtime';
import { BadInputError } from '../core/errors';

const FORMATS = ['nquads', 'turtle', 'jsonld'] as const;

export async function exportCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, { format: { type: 'string', default: 'nquads' } });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    throw new BadInputError(`Unknown export format "${values.format}"; use one of ${FORMATS.join(', ')}`);
  }

  const runtime = await openRuntime(values.config);
  try {
    if (format === 'nquads') io.stdout.write(await runtime.store.dump('n-quads'));
    else if (format === 'turtle') io.stdout.write(await runtime.store.dump('turtle'));
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
