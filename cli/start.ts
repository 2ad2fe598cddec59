/**
 * `bouwblokken start` (what `npm start` runs): loads the curated catalogue, harvests the enabled sources and
 * serves. The server listens first, so a port that is taken fails at once and requests are served while
 * sources are harvested. `harvestAll` reports each source that cannot be reached and goes on.
 */
import type { CommandIo } from './io';
import { openRuntime, parseCommandArgs, portOption } from './runtime';
import { startServing, waitUntilStopped } from './serve';
import { harvestAll } from '../harvesters/harvestAll';

export async function startCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, { port: { type: 'string' } });
  const port = portOption(values.port);
  const runtime = await openRuntime(values.config, 'write', { port });
  const serving = await startServing(runtime, io);

  await harvestAll([], runtime, io, { signal: serving.stopSignal });

  await waitUntilStopped(runtime, serving);
  return 0;
}
