/**
 * What the HTTP server's routes need, wired by hand in the composition root (`cli/start.ts`).
 */
import type { Config } from '../core/config';
import type { Logger } from '../core/logger';
import type { CatalogueStore } from '../store/CatalogueStore';

/** The dependencies of every route. */
export interface AppContext {
  readonly config: Config;
  readonly store: CatalogueStore;
  readonly logger: Logger;
  /** Time the server started; reported by the health endpoint. */
  readonly startedAt: Date;
}
