/**
 * Validation worker threads, so that a harvest run validates its records on every core. Each worker loads
 * the shapes once and validates batches of records, which cross the thread boundary as N-Triples text.
 * Outcomes come back in record order.
 */
import { Worker } from 'node:worker_threads';
import type { RecordOutcome, ValidationWorkerRequest, ValidationWorkerResponse, ValidationWorkerStart } from './validationWorkerProtocol';

export type { RecordOutcome } from './validationWorkerProtocol';

const WORKER_ENTRY = new URL('./validationWorkerBootstrap.mjs', import.meta.url);

/** Maximum number of records in one batch; smaller batches spread the last records over the workers. */
const MAX_BATCH_RECORDS = 200;

/** Minimum number of batches per worker that a call is split into, so that no worker idles while another finishes. */
const BATCHES_PER_WORKER = 8;

/** Settings of a `ValidationWorkerPool`. */
export interface ValidationWorkerPoolOptions {
  /** Number of worker threads; each loads the shapes. */
  readonly workers: number;
  /** Folder of the `*.ttl` shape files; the default shapes when absent. */
  readonly shapesDirectory?: string;
}

interface Batch {
  readonly id: number;
  readonly records: readonly string[];
  readonly resolve: (outcomes: readonly RecordOutcome[]) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  running?: Batch;
}

export class ValidationWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Batch[] = [];
  private nextBatchId = 1;
  private closed = false;
  private failure?: Error;

  private constructor() {}

  /**
   * Starts the workers and resolves when every one has loaded the shapes.
   * @throws RangeError for fewer than 1 worker. An Error when a worker fails to start or to load the shapes,
   *   after the other workers are stopped.
   */
  static async start(options: ValidationWorkerPoolOptions): Promise<ValidationWorkerPool> {
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new RangeError(`A validation worker pool needs at least 1 worker, got ${options.workers}`);
    const pool = new ValidationWorkerPool();
    const start: ValidationWorkerStart = options.shapesDirectory === undefined ? {} : { shapesDirectory: options.shapesDirectory };
    const ready = Array.from({ length: options.workers }, () => pool.startWorker(start));
    try {
      await Promise.all(ready);
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /**
   * Validates records given as N-Triples or N-Quads text (the graph is ignored, as `RecordValidator` does).
   * @returns one outcome per record, in the order of `records`.
   * @throws an Error when a worker dies or the pool is closed meanwhile. The outcomes of the other batches are
   *   lost then.
   */
  async validateAll(records: readonly string[]): Promise<RecordOutcome[]> {
    const batchSize = Math.max(1, Math.min(MAX_BATCH_RECORDS, Math.ceil(records.length / (this.slots.length * BATCHES_PER_WORKER))));
    const batches: Array<Promise<readonly RecordOutcome[]>> = [];
    for (let offset = 0; offset < records.length; offset += batchSize) batches.push(this.run(records.slice(offset, offset + batchSize)));
    return (await Promise.all(batches)).flat();
  }

  /**
   * Validates records as one batch on the next free worker, for callers that schedule the batches themselves.
   * @returns one outcome per record, in the order of `records`.
   * @throws an Error when a worker dies or the pool is closed before the batch is done.
   */
  validateBatch(records: readonly string[]): Promise<readonly RecordOutcome[]> {
    return this.run(records);
  }

  /** Number of worker threads. */
  get workers(): number {
    return this.slots.length;
  }

  /** Batches waiting for a worker or running on one. */
  get pendingBatches(): number {
    return this.queue.length + this.slots.filter((slot) => slot.running).length;
  }

  /** Stops every worker; batches still waiting or running are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fail(new Error('The validation worker pool was closed before the records were validated'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private run(records: readonly string[]): Promise<readonly RecordOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextBatchId++, records, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts one worker; resolves when it has loaded the shapes. */
  private startWorker(start: ValidationWorkerStart): Promise<void> {
    const worker = new Worker(WORKER_ENTRY, { workerData: start });
    const slot: Slot = { worker };
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: ValidationWorkerResponse) => {
        switch (message.type) {
          case 'ready':
            resolve();
            this.dispatch();
            break;
          case 'startFailed':
            reject(new Error(`A validation worker could not load the shapes: ${message.message}`));
            break;
          case 'validated':
            this.finish(slot, message.id, message.outcomes);
            break;
        }
      });
      worker.on('error', (error) => {
        const failure = new Error(`A validation worker failed: ${error.message}`, { cause: error });
        reject(failure);
        this.fail(failure);
      });
      worker.on('exit', (code) => {
        if (this.closed) return;
        const failure = new Error(`A validation worker exited unexpectedly with code ${code}`);
        reject(failure);
        this.fail(failure);
      });
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.running) continue;
      const batch = this.queue.shift()!;
      slot.running = batch;
      slot.worker.postMessage({ id: batch.id, records: batch.records } satisfies ValidationWorkerRequest);
    }
  }

  private finish(slot: Slot, id: number, outcomes: readonly RecordOutcome[]): void {
    const batch = slot.running;
    if (!batch || batch.id !== id) return;
    slot.running = undefined;
    batch.resolve(outcomes);
    this.dispatch();
  }

  /** Rejects every waiting and running batch; the pool takes no more work afterwards. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const batch of this.queue.splice(0)) batch.reject(error);
    for (const slot of this.slots) {
      slot.running?.reject(error);
      slot.running = undefined;
    }
  }
}
