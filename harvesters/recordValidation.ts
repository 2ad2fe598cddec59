/**
 * The validation step of a harvest run: checks every record against the shapes. In a large run the calling
 * thread and validation workers (one per further core) share the records: the calling thread validates batch
 * after batch, and between batches hands the next ones to idle workers as N-Triples. The calling thread starts
 * at once, so starting the workers costs no waiting. A small run, or one with a validator that is not a
 * `RecordValidator`, is validated on the calling thread alone. Either way the outcomes come back in record
 * order.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';
import type { Logger } from '../core/logger';
import { ValidationWorkerPool, type RecordOutcome } from '../shapes/ValidationWorkerPool';
import { RecordValidator } from '../shapes/validator';
import type { HarvestedRecord } from './Harvester';
import type { RecordChecker, ValidatorResult } from './runHarvest';

/**
 * Minimum number of records for which a run starts validation workers. Starting one (tsx and the shapes)
 * took 0.5-1.6 s of a core on a 2-core machine. In `bench/harvest.ts` a run of 1,000 records was no faster
 * with a worker, because it competed with the main thread for the cores while it started.
 */
export const MIN_RECORDS_FOR_WORKERS = 2000;

/** Maximum number of validation workers a run starts, whatever the number of cores. */
const MAX_WORKERS = 3;

/** Records the calling thread validates before it hands out batches again (about 50-100 ms of work). */
const LOCAL_BATCH_RECORDS = 50;

/** Records in one batch for a worker. */
const WORKER_BATCH_RECORDS = 100;

/** Batches handed to each worker ahead, so that a worker has the next batch when it finishes one. */
const BATCHES_AHEAD_PER_WORKER = 2;

/** The validation of one record: the validator's outcome or the error it threw, and the record as N-Triples when written. */
export interface RecordCheck {
  readonly outcome?: { readonly conforms: boolean; readonly results: readonly ValidatorResult[] };
  readonly error?: unknown;
  readonly ntriples?: string;
}

/**
 * Validates every record, with validation workers when the run is large enough and the machine has more than
 * one core. A failure of the workers is logged as a warning, and their records are then validated on the
 * calling thread.
 * @param options.minRecordsForWorkers fewest records for which workers are started; default `MIN_RECORDS_FOR_WORKERS`.
 * @returns one check per record, in the order of `records`.
 */
export async function validateRecords(
  records: readonly HarvestedRecord[], validator: RecordChecker, logger: Logger, options: { minRecordsForWorkers?: number } = {},
): Promise<RecordCheck[]> {
  const workers = Math.min(availableParallelism() - 1, MAX_WORKERS);
  if (!(validator instanceof RecordValidator) || records.length < (options.minRecordsForWorkers ?? MIN_RECORDS_FOR_WORKERS) || workers < 1) {
    return validateHere(records, validator);
  }
  return new SharedValidation(records, validator, logger, workers).run();
}

/** One validation of a run's records by the calling thread and a pool of workers together. */
class SharedValidation {
  private readonly checks: Array<RecordCheck | undefined>;
  /** Index of the first record that neither the calling thread nor a worker has taken yet. */
  private next = 0;
  private pool?: ValidationWorkerPool;
  private poolFailed = false;
  private readonly handedOut: Array<Promise<void>> = [];
  /** Ranges of records that a failed worker batch left unvalidated. */
  private readonly returned: Array<{ start: number; end: number }> = [];

  constructor(
    private readonly records: readonly HarvestedRecord[],
    private readonly validator: RecordValidator,
    private readonly logger: Logger,
    private readonly workers: number,
  ) {
    this.checks = new Array<RecordCheck | undefined>(records.length);
  }

  async run(): Promise<RecordCheck[]> {
    // Start the workers in the background; until they are ready the calling thread validates alone.
    const starting = ValidationWorkerPool.start({ workers: this.workers, shapesDirectory: this.validator.shapesDirectory }).then(
      (pool) => {
        this.pool = pool;
      },
      (error: unknown) => this.workersFailed(error),
    );

    // Validate batch after batch here, handing batches to idle workers in between. Batches are handed out only
    // while records remain, so once the loop has taken the last record, `handedOut` holds every batch.
    try {
      while (this.next < this.records.length) {
        this.handOut();
        const start = this.next;
        const end = Math.min(start + LOCAL_BATCH_RECORDS, this.records.length);
        this.next = end;
        if (start < end) this.validateRange(start, end);
        await nextTurn();
      }
      await Promise.all(this.handedOut);
    } finally {
      await starting;
      await this.pool?.close();
    }

    // Validate what failed workers returned.
    for (const { start, end } of this.returned) this.validateRange(start, end);
    return this.checks.map((check) => check!);
  }

  /** Gives idle workers the next batches, as N-Triples. */
  private handOut(): void {
    const pool = this.pool;
    if (!pool || this.poolFailed) return;
    while (pool.pendingBatches < pool.workers * BATCHES_AHEAD_PER_WORKER && this.next < this.records.length) {
      const start = this.next;
      const end = Math.min(start + WORKER_BATCH_RECORDS, this.records.length);
      this.next = end;
      const texts = this.records.slice(start, end).map((record) => new Writer({ format: 'N-Triples' }).quadsToString(record.quads as Quad[]));
      this.handedOut.push(pool.validateBatch(texts).then(
        (outcomes) => this.receive(start, texts, outcomes),
        (error: unknown) => {
          this.workersFailed(error);
          this.returned.push({ start, end });
        },
      ));
    }
  }

  private receive(start: number, texts: readonly string[], outcomes: readonly RecordOutcome[]): void {
    for (const [offset, outcome] of outcomes.entries()) {
      const index = start + offset;
      const ntriples = texts[offset]!;
      if (outcome.kind === 'report') this.checks[index] = { outcome: outcome.report, ntriples };
      else if (outcome.kind === 'failed') this.checks[index] = { error: new Error(outcome.message), ntriples };
      // The worker could not read the N-Triples back (such as a blank node label that N-Triples does not allow).
      else this.checks[index] = { ...validateOne(this.validator, this.records[index]!), ntriples };
    }
    this.handOut();
  }

  private validateRange(start: number, end: number): void {
    for (let index = start; index < end; index++) this.checks[index] = validateOne(this.validator, this.records[index]!);
  }

  private workersFailed(error: unknown): void {
    if (this.poolFailed) return;
    this.poolFailed = true;
    this.logger.warn({ err: error, records: this.records.length }, 'Validation workers failed; validating their records on the main thread');
  }
}

function validateOne(validator: RecordValidator, record: HarvestedRecord): RecordCheck {
  try {
    return { outcome: validator.validate(record.quads) };
  } catch (error) {
    return { error };
  }
}

/** Validates the records one by one on the calling thread. */
async function validateHere(records: readonly HarvestedRecord[], validator: RecordChecker): Promise<RecordCheck[]> {
  const checks: RecordCheck[] = [];
  for (const record of records) {
    try {
      checks.push({ outcome: await validator.validate(record.quads) });
    } catch (error) {
      checks.push({ error });
    }
  }
  return checks;
}
