/** Messages between the validation worker pool (main thread) and a validation worker. */
import type { ValidationReport } from './validator';

/** Data a validation worker starts with. */
export interface ValidationWorkerStart {
  /** Folder of the shape files; the default shapes when absent. */
  readonly shapesDirectory?: string;
}

/** A batch of records, each as N-Triples or N-Quads text. */
export interface ValidationWorkerRequest {
  readonly id: number;
  readonly records: readonly string[];
}

/**
 * The outcome of one record. `report` carries its validation report. `unreadable` means that the text could
 * not be parsed back, so the caller validates the quads itself. `failed` means that the SHACL engine threw,
 * and carries the error's description.
 */
export type RecordOutcome =
  | { readonly kind: 'report'; readonly report: ValidationReport }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

/** Messages from a validation worker to the pool. */
export type ValidationWorkerResponse =
  | { readonly type: 'ready' }
  | { readonly type: 'startFailed'; readonly message: string }
  | { readonly type: 'validated'; readonly id: number; readonly outcomes: readonly RecordOutcome[] };
