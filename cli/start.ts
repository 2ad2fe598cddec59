/**
 * `bouwblokken start` (what `npm start` runs): loads the curated catalogue, harvests the enabled sources and
 * serves. `harvestAll` reports each source that cannot be reached and goes on; the catalogue is served
 * regardless.
 */
import type { CommandIo } from './io';
import { openRuntime, parseCommandArgs, portOption } from './runtime';
import { serveUntilStopped } from './serve';
import { harvestAll } from '../harvesters/harvestAll';

export async function startCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, { port: { type: 'string' } });
  const runtime = await openRuntime(values.config);
  const port = portOption(values.port, runtime.config.port);

  // Harvest before serving, so the first request sees the whole catalogue.
  await harvestAll([], runtime, io);

  await serveUntilStopped(runtime, port, io);
  return 0;
}
