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
import { CatalogueIndexes, sourceKindsOf } from '../search/CatalogueIndexes';
import { apiRouter } from './api/apiRouter';
import { catalogRouter } from './catalog/catalogRouter';
import { resourceRouter } from './resource/resourceRouter';
import { securityHeaders } from './resource/html';

/** Creates the Express application for a catalogue. */
export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('strict routing', true);
  app.use(securityHeaders());

  app.use(healthRouter(context));
  const queryGate = createQueryGate(context.config.query);
  app.use(sparqlRouter(context, queryGate));

  // The REST API and the DCAT catalogue read derived indexes that follow the store's changes.
  const indexes = new CatalogueIndexes(context.store, sourceKindsOf(context.config), context.logger).start();
  app.locals.indexes = indexes;
  app.use(apiRouter(context, indexes));
  app.use(catalogRouter(context, indexes));

  // Keep this router last: it resolves minted IRIs on any path that no other route answers.
  app.use(resourceRouter(context, queryGate));

  app.use((request, _response, next) => {
    next(new NotFoundError(`No resource at ${request.path}`));
  });
  app.use(problemHandler(context.logger));
  return app;
}
