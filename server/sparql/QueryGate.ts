/**
 * Admission control for store queries made by HTTP requests: at most `maxRunning` at a time, at most
 * `maxWaiting` more waiting in line, and a bounded wait. A request that finds the line full, or waits too
 * long, gets a 503 at once instead of slowing down every other request.
 */
import { LimitExceededError } from '../../core/errors';

/** Limits of a gate. */
export interface QueryGateLimits {
  /** Queries that may run at the same time. */
  readonly maxRunning: number;
  /** Queries that may wait for a free slot; more are rejected. */
  readonly maxWaiting: number;
  /** Maximum time a query waits for a slot, in milliseconds. */
  readonly maxWaitMs: number;
}

interface Waiter {
  readonly admit: () => void;
  readonly timer: NodeJS.Timeout;
}

export class QueryGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limits: QueryGateLimits) {}

  /** Number of queries running now. */
  get runningCount(): number {
    return this.running;
  }

  /**
   * Runs `work` when a slot is free and releases the slot when it settles.
   * @returns what `work` returns.
   * @throws LimitExceededError (503) when the line is full or the wait exceeds `maxWaitMs`; whatever `work` throws.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.limits.maxRunning) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.limits.maxWaiting) {
      return Promise.reject(new LimitExceededError(
        `The server is busy: ${this.running} queries are running and ${this.waiting.length} are waiting; retry later`,
        { status: 503 },
      ));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(new LimitExceededError(`The query waited ${this.limits.maxWaitMs} ms for a free slot and was not run; retry later`, { status: 503 }));
        }, this.limits.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the next waiter, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next.admit();
    else this.running -= 1;
  }
}

/**
 * Creates the gate for a configuration: as many running queries as there are query workers (more would only
 * queue inside the store), eight waiting per worker, and a wait of at most one query deadline.
 */
export function createQueryGate(query: { readonly workers: number; readonly timeoutMs: number }): QueryGate {
  return new QueryGate({ maxRunning: query.workers, maxWaiting: query.workers * 8, maxWaitMs: query.timeoutMs });
}
