/**
 * `bouwblokken serve`: serves the stored catalogue until interrupted.
 */
import type { CommandIo } from './io';
import { openRuntime, parseCommandArgs, portOption, type Runtime } from './runtime';
import { createApp } from '../server/app';
import { listen, type RunningServer } from '../server/listen';

export async function serveCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, { port: { type: 'string' } });
  const port = portOption(values.port);
  const runtime = await openRuntime(values.config, 'write', { port });
  const server = await startServing(runtime, io);
  await waitUntilStopped(runtime, server);
  return 0;
}

/** A server that is listening, with what `waitUntilStopped` must close. */
export interface ServingCatalogue {
  readonly running: RunningServer;
  readonly closeIndexes: () => void;
  /** Aborted when SIGINT or SIGTERM arrives, so work started meanwhile (a harvest) can stop early. */
  readonly stopSignal: AbortSignal;
}

/**
 * Starts serving the catalogue of `runtime` on its configured host and port.
 * @throws UpstreamError when the port cannot be bound; the store is closed then.
 */
export async function startServing(runtime: Runtime, io: CommandIo): Promise<ServingCatalogue> {
  const app = createApp({ ...runtime, startedAt: new Date() });
  const closeIndexes = () => (app.locals.indexes as { close(): void } | undefined)?.close();
  let running: RunningServer;
  try {
    running = await listen(app, runtime.config.host, runtime.config.port);
  } catch (error) {
    closeIndexes();
    await runtime.store.close();
    throw error;
  }
  io.stdout.write(`Bouwblokken luistert op / listens on ${running.url} (health: ${running.url}health)\n`);
  if (runtime.config.baseIriIsDefault && !running.url.startsWith(runtime.config.baseIri)) {
    io.stderr.write(`IRI's gebruiken / IRIs use ${runtime.config.baseIri}, the base IRI stored with the data directory; set baseIri to change it\n`);
  }
  runtime.logger.info({ url: running.url, baseIri: runtime.config.baseIri }, 'server started');

  // Listen for the stop signals from now on, so a signal during a harvest stops the process cleanly too.
  const stopper = new AbortController();
  const stop = () => stopper.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { running, closeIndexes, stopSignal: stopper.signal };
}

/** Resolves when SIGINT or SIGTERM arrived and the server and store are closed. */
export async function waitUntilStopped(runtime: Runtime, serving: ServingCatalogue): Promise<void> {
  if (!serving.stopSignal.aborted) {
    await new Promise<void>((resolve) => serving.stopSignal.addEventListener('abort', () => resolve(), { once: true }));
  }
  await serving.running.close();
  serving.closeIndexes();
  runtime.logger.debug('HTTP server closed; closing the store');
  await runtime.store.close();
  runtime.logger.info('server stopped');
}
