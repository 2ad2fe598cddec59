/**
 * The HTTP application: mounts every route and the problem+json error handler.
 */
import express, { type Express } from 'express';
import type { AppContext } from './context';
import { problemHandler } from './problem';
import { NotFoundError } from '../core/errors';
import { healthRouter } from './health';
import { sparqlRouter } from './sparql/sparqlRouter';
import { createQueryGate } from './sparql/QueryGate';

/** Creates the Express application for a catalogue. */
export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('strict routing', true);

  app.use(healthRouter(context));
  const queryGate = createQueryGate(context.config.query);
  app.use(sparqlRouter(context, queryGate));

  app.use((request, _response, next) => {
    next(new NotFoundError(`No resource at ${request.path}`));
  });
  app.use(problemHandler(context.logger));
  return app;
}
