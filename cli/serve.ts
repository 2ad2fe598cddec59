/**
 * `bouwblokken serve`: serves the stored catalogue until interrupted.
 */
import type { CommandIo } from './io';
import { openRuntime, parseCommandArgs, portOption, type Runtime } from './runtime';
import { createApp } from '../server/app';
import { listen } from '../server/listen';

export async function serveCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, { port: { type: 'string' } });
  const runtime = await openRuntime(values.config);
  const port = portOption(values.port, runtime.config.port);
  await serveUntilStopped(runtime, port, io);
  return 0;
}

/** Serves the catalogue of `runtime` and resolves when SIGINT or SIGTERM stopped the server. */
export async function serveUntilStopped(runtime: Runtime, port: number, io: CommandIo): Promise<void> {
  const app = createApp({ ...runtime, startedAt: new Date() });
  const running = await listen(app, runtime.config.host, port);
  io.stdout.write(`Bouwblokken luistert op / listens on ${running.url} (health: ${running.url}health)\n`);
  runtime.logger.info({ url: running.url }, 'server started');

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  (app.locals.indexes as { close(): void } | undefined)?.close();
  runtime.logger.debug('HTTP server closed; closing the store');
  await runtime.store.close();
  runtime.logger.info('server stopped');
}
