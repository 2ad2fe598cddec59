/**
 * A validation worker thread: loads the shapes once, then validates batches of records sent as N-Triples (or
 * N-Quads) and replies with one outcome per record, in order. Started by `ValidationWorkerPool` through
 * `validationWorkerBootstrap.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import { describeError } from '../core/errors';
import { RecordValidator } from './validator';
import type { RecordOutcome, ValidationWorkerRequest, ValidationWorkerResponse, ValidationWorkerStart } from './validationWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('validationWorker.ts runs only as a worker thread started by ValidationWorkerPool');

const start = workerData as ValidationWorkerStart;

function post(message: ValidationWorkerResponse): void {
  port!.postMessage(message);
}

function validateRecord(validator: RecordValidator, text: string): RecordOutcome {
  // Blank node labels are kept as written, because a report can name a blank node by its label.
  let quads;
  try {
    quads = new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(text);
  } catch (error) {
    return { kind: 'unreadable', message: (error as Error).message };
  }
  try {
    return { kind: 'report', report: validator.validate(quads) };
  } catch (error) {
    return { kind: 'failed', message: describeError(error) };
  }
}

try {
  const validator = await RecordValidator.load({ shapesDirectory: start.shapesDirectory });
  port.on('message', (request: ValidationWorkerRequest) => {
    post({ type: 'validated', id: request.id, outcomes: request.records.map((text) => validateRecord(validator, text)) });
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'startFailed', message: describeError(error) });
}
