/** Runs asynchronous jobs one at a time, in the order they were added. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after every job added before it has settled; resolves or rejects with its outcome. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every job added so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
