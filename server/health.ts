/**
 * `GET /health`: whether the catalogue is up, with the size of the store per source.
 */
import { Router } from 'express';
import type { AppContext } from './context';

export function healthRouter(context: AppContext): Router {
  const router = Router();
  router.get('/health', async (_request, response, next) => {
    try {
      const statistics = await context.store.statistics();
      response.json({
        status: 'ok',
        startedAt: context.startedAt.toISOString(),
        quads: statistics.quadCount,
        records: statistics.recordGraphCount,
        sources: statistics.sources,
      });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
