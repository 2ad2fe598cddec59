/**
 * A pool of query worker threads, each holding a full replica of the catalogue, so that queries never block
 * the main thread and use every core.
 *
 * - Changes are sent to every worker (`broadcast`); a worker takes tasks only once it has applied all
 *   changes sent to it, so a query that starts after a write was acknowledged sees that write.
 * - Tasks wait in one queue. Queries count against `maxQueued` and are rejected at once when it is full;
 *   internal tasks (validation, snapshot, dump) do not count and go first.
 * - oxigraph cannot interrupt a query, so at a query's deadline its worker is terminated and a new one is
 *   restored from the journal files in the background while the other workers keep serving.
 */
import { Worker } from 'node:worker_threads';
import { LimitExceededError } from '../core/errors';
import type { ReplayFiles } from './Journal';
import type { ReplicaChange } from './OxigraphReplica';
import { deserialiseError, type WorkerRequest, type WorkerResponse, type WorkerStart, type WorkerTask } from './workerProtocol';

const WORKER_ENTRY = new URL('./queryWorkerBootstrap.mjs', import.meta.url);

/** Consecutive failed restores after which a worker slot gives up. */
const MAX_RESTORE_FAILURES = 3;

/** Settings of a `QueryWorkerPool`. */
export interface QueryWorkerPoolOptions {
  /** Number of worker threads. Each has a full replica, so memory grows with it. */
  readonly workers: number;
  /** Queries that may wait for a worker; one more is rejected with LimitExceededError (503). */
  readonly maxQueued: number;
  readonly provenanceGraph: string;
  /** Opens the journal files that a new worker restores its replica from. */
  readonly openReplayFiles: () => ReplayFiles;
  /** Receives a sentence for every recovered failure (a worker restarted, a restore retried). */
  readonly onWarning: (message: string) => void;
}

/** How to run one task. */
export interface TaskOptions {
  /** Deadline from the call, in milliseconds; at it the task is rejected and its worker replaced. */
  readonly timeoutMs?: number;
  /** Internal tasks skip the bound of the queue and run before queries. */
  readonly internal?: boolean;
}

interface PendingTask {
  readonly id: number;
  readonly task: WorkerTask;
  readonly options: TaskOptions;
  readonly deadline?: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  queueTimer?: NodeJS.Timeout;
}

interface Slot {
  readonly index: number;
  /** The current worker; a replaced worker's late events are ignored by comparing against it. */
  worker?: Worker;
  state: 'restoring' | 'ready' | 'failed';
  /** Changes sent to the current worker that it has not confirmed yet. */
  pendingApplies: number;
  running?: { readonly task: PendingTask; readonly timer?: NodeJS.Timeout };
  replay?: ReplayFiles;
  restoreFailures: number;
}

export class QueryWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: PendingTask[] = [];
  private nextTaskId = 1;
  private liveThreads = 0;
  private readonly exitWaiters: Array<() => void> = [];
  private closed = false;
  private fatal?: Error;
  private startup?: { resolve: () => void; reject: (error: Error) => void };

  private constructor(private readonly options: QueryWorkerPoolOptions) {}

  /**
   * Starts the workers and resolves when all of them have restored their replica (in parallel).
   * @throws the first restore error; all workers are stopped then.
   */
  static async start(options: QueryWorkerPoolOptions): Promise<QueryWorkerPool> {
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new RangeError(`A query worker pool needs at least 1 worker, got ${options.workers}`);
    const pool = new QueryWorkerPool(options);
    const started = new Promise<void>((resolve, reject) => {
      pool.startup = { resolve, reject };
    });
    try {
      for (let index = 0; index < options.workers; index++) {
        const slot: Slot = { index, state: 'restoring', pendingApplies: 0, restoreFailures: 0 };
        pool.slots.push(slot);
        pool.startWorker(slot);
      }
      await started;
    } catch (error) {
      await pool.close();
      throw error;
    }
    pool.startup = undefined;
    return pool;
  }

  /** Worker threads that have not exited yet, including ones being replaced. */
  get threadCount(): number {
    return this.liveThreads;
  }

  /** Workers that hold a restored replica. */
  get readyWorkers(): number {
    return this.slots.filter((slot) => slot.state === 'ready').length;
  }

  /**
   * Runs a task on the next free worker.
   * @throws LimitExceededError 503 when the queue is full or the task waited past its deadline, and 504 when
   *   it ran past its deadline. The task's own error (ParseError, BadInputError, ...). An Error when the pool
   *   is closed or failed, or when the worker died.
   */
  run<T>(task: WorkerTask, options: TaskOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The query worker pool is closed'));
    if (this.fatal) return Promise.reject(this.fatal);

    const waiting = this.queue.filter((pending) => !pending.options.internal).length;
    if (!options.internal && waiting >= this.options.maxQueued && !this.hasFreeSlot()) {
      return Promise.reject(new LimitExceededError(`Query rejected because ${waiting} queries are already waiting for a worker (the limit); retry later`, { status: 503 }));
    }

    return new Promise<T>((resolve, reject) => {
      const pending: PendingTask = {
        id: this.nextTaskId++,
        task,
        options,
        deadline: options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      if (options.timeoutMs !== undefined) {
        pending.queueTimer = setTimeout(() => this.expireQueued(pending), options.timeoutMs);
      }
      if (options.internal) this.queue.splice(this.queue.filter((other) => other.options.internal).length, 0, pending);
      else this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Sends a change to every worker, including those still restoring; it is applied after their restore. */
  broadcast(change: ReplicaChange): void {
    const request: WorkerRequest = { type: 'apply', change };
    for (const slot of this.slots) {
      if (slot.state === 'failed' || !slot.worker) continue;
      slot.worker.postMessage(request);
      slot.pendingApplies += 1;
    }
  }

  /** Rejects waiting tasks, stops every worker and resolves when all threads have exited. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) this.settle(pending, new Error('The query worker pool was closed before the task ran'));
    for (const slot of this.slots) {
      if (slot.running) {
        clearTimeout(slot.running.timer);
        this.settle(slot.running.task, new Error('The query worker pool was closed while the task ran'));
      }
      slot.running = undefined;
      slot.replay?.close();
      slot.replay = undefined;
      void slot.worker?.terminate();
    }
    if (this.liveThreads > 0) await new Promise<void>((resolve) => this.exitWaiters.push(resolve));
  }

  /** Starts a worker for the slot; it restores its replica from freshly opened journal files. */
  private startWorker(slot: Slot): void {
    const replay = this.options.openReplayFiles();
    const start: WorkerStart = {
      provenanceGraph: this.options.provenanceGraph,
      snapshotFd: replay.snapshotFd,
      logFd: replay.logFd,
      logLength: replay.logLength,
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_ENTRY, { workerData: start });
    } catch (error) {
      replay.close();
      throw error;
    }
    this.liveThreads += 1;
    Object.assign(slot, { worker, state: 'restoring', pendingApplies: 0, replay });

    worker.on('message', (message: WorkerResponse) => {
      if (slot.worker === worker) this.receive(slot, message);
    });
    worker.on('error', (error) => {
      if (slot.worker === worker && !this.closed) this.replace(slot, `Query worker ${slot.index} failed: ${error.message}`, error);
    });
    worker.on('exit', (code) => {
      this.liveThreads -= 1;
      if (this.liveThreads === 0) for (const resolve of this.exitWaiters.splice(0)) resolve();
      if (slot.worker === worker && !this.closed) this.replace(slot, `Query worker ${slot.index} exited unexpectedly with code ${code}`);
    });
  }

  private receive(slot: Slot, message: WorkerResponse): void {
    switch (message.type) {
      case 'restored':
        slot.replay?.close();
        slot.replay = undefined;
        slot.state = 'ready';
        slot.restoreFailures = 0;
        if (this.startup && this.slots.length === this.options.workers && this.slots.every((other) => other.state === 'ready')) this.startup.resolve();
        break;
      case 'restoreFailed':
        this.restoreFailed(slot, deserialiseError(message.error));
        return;
      case 'applied':
        slot.pendingApplies -= 1;
        break;
      case 'applyFailed':
        this.replace(slot, `Query worker ${slot.index} could not apply a change (${message.error.message}); restoring it from the journal`);
        return;
      case 'done':
      case 'failed': {
        const running = slot.running;
        if (!running || running.task.id !== message.id) return;
        clearTimeout(running.timer);
        slot.running = undefined;
        if (message.type === 'done') running.task.resolve(message.value);
        else running.task.reject(deserialiseError(message.error));
        if (message.type === 'failed' && message.engineFault) {
          this.replace(slot, `Query worker ${slot.index} was stopped because its query engine trapped (${message.error.message}); restoring it from the journal`);
          return;
        }
        break;
      }
    }
    this.dispatch();
  }

  private hasFreeSlot(): boolean {
    return this.slots.some((slot) => this.isFree(slot));
  }

  private isFree(slot: Slot): boolean {
    return slot.state === 'ready' && slot.pendingApplies === 0 && slot.running === undefined;
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!this.isFree(slot)) continue;
      const pending = this.queue.shift()!;
      clearTimeout(pending.queueTimer);
      const timer = pending.deadline === undefined ? undefined : setTimeout(() => this.expireRunning(slot, pending), Math.max(0, pending.deadline - Date.now()));
      slot.running = { task: pending, timer };
      slot.worker!.postMessage({ type: 'task', id: pending.id, task: pending.task } satisfies WorkerRequest);
    }
  }

  /** Rejects a task still waiting at its deadline with 503, because it never ran: the server is overloaded. */
  private expireQueued(pending: PendingTask): void {
    const position = this.queue.indexOf(pending);
    if (position < 0) return;
    this.queue.splice(position, 1);
    pending.reject(new LimitExceededError(`Query waited ${pending.options.timeoutMs} ms for a free worker, its whole deadline, and did not run; retry later`, { status: 503 }));
  }

  /** Rejects a task still running at its deadline and replaces its worker, the only way to stop an oxigraph query. */
  private expireRunning(slot: Slot, pending: PendingTask): void {
    if (slot.running?.task !== pending) return;
    slot.running = undefined;
    pending.reject(new LimitExceededError(`Query did not finish within its deadline of ${pending.options.timeoutMs} ms and was stopped; narrow the query or add a LIMIT`, { status: 504 }));
    this.replace(slot, `Query worker ${slot.index} was stopped after a query ran past its deadline of ${pending.options.timeoutMs} ms; restoring it from the journal`);
  }

  private restoreFailed(slot: Slot, error: Error): void {
    slot.replay?.close();
    slot.replay = undefined;
    if (this.startup) {
      this.startup.reject(error);
      return;
    }
    slot.restoreFailures += 1;
    if (slot.restoreFailures >= MAX_RESTORE_FAILURES) {
      slot.state = 'failed';
      const retired = slot.worker;
      slot.worker = undefined;
      void retired?.terminate();
      this.options.onWarning(`Query worker ${slot.index} failed to restore ${slot.restoreFailures} times in a row and was given up: ${error.message}`);
      if (this.slots.every((other) => other.state === 'failed')) this.fail(new Error(`Every query worker failed to restore its replica: ${error.message}`, { cause: error }));
      return;
    }
    this.replace(slot, `Query worker ${slot.index} failed to restore its replica (${error.message}); retrying`);
  }

  /** Terminates the slot's worker and starts a new one that restores from the journal files. */
  private replace(slot: Slot, reason: string, cause?: Error): void {
    if (this.closed) return;
    const retired = slot.worker;
    slot.worker = undefined;
    if (slot.running) {
      clearTimeout(slot.running.timer);
      this.settle(slot.running.task, new Error(`${reason}; the task running on it was lost`, { cause }));
      slot.running = undefined;
    }
    slot.replay?.close();
    slot.replay = undefined;
    this.options.onWarning(reason);
    void retired?.terminate();

    try {
      this.startWorker(slot);
    } catch (error) {
      slot.state = 'failed';
      this.options.onWarning(`Query worker ${slot.index} could not be restarted: ${(error as Error).message}`);
      if (this.slots.every((other) => other.state === 'failed')) this.fail(new Error(`Every query worker failed: ${(error as Error).message}`, { cause: error }));
    }
  }

  private fail(error: Error): void {
    this.fatal = error;
    for (const pending of this.queue.splice(0)) this.settle(pending, error);
  }

  private settle(pending: PendingTask, error: Error): void {
    clearTimeout(pending.queueTimer);
    pending.reject(error);
  }
}
