/**
 * Messages between the query worker pool (main thread) and a query worker. Errors cross the thread boundary
 * as plain objects and are rebuilt into the error classes of `core/errors.ts`.
 */
import {
  BadInputError, ConflictError, ForbiddenError, LimitExceededError, NotFoundError, ParseError, UpstreamError, type ErrorLocation,
} from '../core/errors';
import type { GraphFormat } from './CatalogueStore';
import type { ReplicaChange, ReplicaQueryOptions } from './OxigraphReplica';

/** Data a worker starts with: where to restore its replica from. */
export interface WorkerStart {
  readonly provenanceGraph: string;
  readonly snapshotFd?: number;
  readonly logFd: number;
  readonly logLength: number;
}

/** Work for one worker. The worker replies with one `done` or `failed` message. */
export type WorkerTask =
  | { readonly kind: 'query'; readonly query: string; readonly options: ReplicaQueryOptions }
  | { readonly kind: 'validate'; readonly nquads: string }
  | { readonly kind: 'dump'; readonly format: GraphFormat }
  | { readonly kind: 'writeSnapshot'; readonly path: string }
  | { readonly kind: 'size' }
  | { readonly kind: 'recordGraphs' };

/** Messages from the pool to a worker. */
export type WorkerRequest =
  | { readonly type: 'apply'; readonly change: ReplicaChange }
  | { readonly type: 'task'; readonly id: number; readonly task: WorkerTask };

/** Messages from a worker to the pool. */
export type WorkerResponse =
  | { readonly type: 'restored'; readonly quads: number; readonly changes: number; readonly milliseconds: number }
  | { readonly type: 'restoreFailed'; readonly error: SerialisedError }
  | { readonly type: 'applied' }
  | { readonly type: 'applyFailed'; readonly error: SerialisedError }
  | { readonly type: 'done'; readonly id: number; readonly value: unknown }
  | {
    readonly type: 'failed'; readonly id: number; readonly error: SerialisedError;
    /** Set when the WebAssembly engine trapped: its memory may be corrupt, so the worker must be replaced. */
    readonly engineFault?: boolean;
  };

/** An error as plain data. */
export interface SerialisedError {
  readonly name: string;
  readonly message: string;
  readonly status?: number;
  readonly location?: ErrorLocation;
}

/** Turns any thrown value into plain data that survives `postMessage`. */
export function serialiseError(error: unknown): SerialisedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { status, location } = error as { status?: unknown; location?: ErrorLocation };
  return { name: error.name, message: error.message, status: typeof status === 'number' ? status : undefined, location };
}

/** Rebuilds an error of the project's error family from plain data; unknown names become a plain Error. */
export function deserialiseError(data: SerialisedError): Error {
  const options = { location: data.location };
  switch (data.name) {
    case 'BadInputError': return new BadInputError(data.message, options);
    case 'ParseError': return new ParseError(data.message, options);
    case 'NotFoundError': return new NotFoundError(data.message, options);
    case 'ConflictError': return new ConflictError(data.message, options);
    case 'ForbiddenError': return new ForbiddenError(data.message, options);
    case 'LimitExceededError': return new LimitExceededError(data.message, { ...options, status: data.status });
    case 'UpstreamError': return new UpstreamError(data.message, options);
    default: {
      const error = new Error(data.message);
      error.name = data.name;
      return error;
    }
  }
}
