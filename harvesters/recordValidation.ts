/**
 * The validation step of a harvest run: checks every record against the shapes. A large run is validated on
 * worker threads, one per core, and the records cross to them as N-Triples. A small run, or one with a
 * validator that is not a `RecordValidator`, is validated on the calling thread. Either way the outcomes come
 * back in record order.
 */
import { availableParallelism } from 'node:os';
import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';
import type { Logger } from '../core/logger';
import { ValidationWorkerPool, type RecordOutcome } from '../shapes/ValidationWorkerPool';
import { RecordValidator } from '../shapes/validator';
import type { HarvestedRecord } from './Harvester';
import type { RecordChecker, ValidatorResult } from './runHarvest';

/**
 * Minimum number of records for which a run starts validation workers. Starting them (tsx and the shapes in
 * each) took 0.5-1.6 s on a 2-core machine, while a record took about 1.2-1.6 ms to validate
 * (`bench/harvest.ts`), so smaller runs are faster on the calling thread.
 */
export const MIN_RECORDS_FOR_WORKERS = 2000;

/** Maximum number of validation workers a run starts, whatever the number of cores. */
const MAX_WORKERS = 4;

/** The validation of one record: the validator's outcome or the error it threw, and the record as N-Triples when written. */
export interface RecordCheck {
  readonly outcome?: { readonly conforms: boolean; readonly results: readonly ValidatorResult[] };
  readonly error?: unknown;
  readonly ntriples?: string;
}

/**
 * Validates every record, on worker threads when the run is large enough and the machine has more than one core.
 * A failure of the workers is logged as a warning, and the records are then validated on the calling thread.
 * @param options.minRecordsForWorkers fewest records for which workers are started; default `MIN_RECORDS_FOR_WORKERS`.
 * @returns one check per record, in the order of `records`.
 */
export async function validateRecords(
  records: readonly HarvestedRecord[], validator: RecordChecker, logger: Logger, options: { minRecordsForWorkers?: number } = {},
): Promise<RecordCheck[]> {
  const workers = Math.min(availableParallelism(), MAX_WORKERS);
  if (!(validator instanceof RecordValidator) || records.length < (options.minRecordsForWorkers ?? MIN_RECORDS_FOR_WORKERS) || workers < 2) {
    return validateHere(records, validator);
  }

  const texts = records.map((record) => new Writer({ format: 'N-Triples' }).quadsToString(record.quads as Quad[]));
  let outcomes: RecordOutcome[];
  let pool: ValidationWorkerPool | undefined;
  try {
    pool = await ValidationWorkerPool.start({ workers, shapesDirectory: validator.shapesDirectory });
    outcomes = await pool.validateAll(texts);
  } catch (error) {
    logger.warn({ err: error, records: records.length }, 'Validation workers failed; validating the records on the main thread');
    return validateHere(records, validator);
  } finally {
    await pool?.close();
  }

  const checks: RecordCheck[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    const ntriples = texts[index]!;
    if (outcome.kind === 'report') checks.push({ outcome: outcome.report, ntriples });
    else if (outcome.kind === 'failed') checks.push({ error: new Error(outcome.message), ntriples });
    // The worker could not read the N-Triples back (such as a blank node label that N-Triples does not allow).
    else checks.push({ ...(await validateHere([records[index]!], validator))[0]!, ntriples });
  }
  return checks;
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
