/**
 * `bouwblokken harvest [SOURCE...]`: harvests the named sources (every enabled source when none are named),
 * after loading the curated catalogue, and prints one summary line per source.
 */
import type { CommandIo } from './io';
import { openRuntime, parseCommandArgs } from './runtime';
import { harvestAll } from '../harvesters/harvestAll';

/**
 * Runs the harvest command.
 * @returns 0 when every source completed, 1 otherwise.
 * @throws BadInputError for an unknown option or source name.
 */
export async function harvestCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { full: { type: 'boolean', default: false } });
  const runtime = await openRuntime(values.config);
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('the harvest was interrupted'));
  process.once('SIGINT', stop);
  try {
    const result = await harvestAll(positionals, runtime, io, { full: values.full, signal: controller.signal });
    return result.allCompleted ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', stop);
    await runtime.store.close();
  }
}
