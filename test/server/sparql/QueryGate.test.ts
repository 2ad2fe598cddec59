import { expect } from 'chai';
import { LimitExceededError } from '../../../core/errors';
import { QueryGate } from '../../../server/sparql/QueryGate';

/** A piece of work that finishes when the test calls `finish`. */
function controlled<T>(value: T) {
  let finish!: () => void;
  const started = { value: false };
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const work = async () => {
    started.value = true;
    await done;
    return value;
  };
  return { work, finish, started };
}

describe('QueryGate', () => {
  it('runs at most maxRunning queries at a time', async () => {
    const gate = new QueryGate({ maxRunning: 1, maxWaiting: 1, maxWaitMs: 1_000 });
    const first = controlled('first');
    const second = controlled('second');
    const firstResult = gate.run(first.work);
    const secondResult = gate.run(second.work);
    await Promise.resolve();

    expect(first.started.value).to.equal(true);
    expect(second.started.value).to.equal(false);
    first.finish();
    expect(await firstResult).to.equal('first');
    await new Promise((resolve) => setImmediate(resolve));
    expect(second.started.value).to.equal(true);
    second.finish();
    expect(await secondResult).to.equal('second');
    expect(gate.runningCount).to.equal(0);
  });

  it('rejects a query when the line is full', async () => {
    const gate = new QueryGate({ maxRunning: 1, maxWaiting: 1, maxWaitMs: 1_000 });
    const running = controlled(1);
    const waiting = controlled(2);
    const results = [gate.run(running.work), gate.run(waiting.work)];
    try {
      await gate.run(async () => 3);
      expect.fail('the third query should have been rejected');
    } catch (error) {
      expect(error).to.be.instanceOf(LimitExceededError);
      expect((error as LimitExceededError).status).to.equal(503);
      expect((error as Error).message).to.equal('The server is busy: 1 queries are running and 1 are waiting; retry later');
    }
    running.finish();
    waiting.finish();
    expect(await Promise.all(results)).to.deep.equal([1, 2]);
  });

  it('rejects a query that waits longer than maxWaitMs', async () => {
    const gate = new QueryGate({ maxRunning: 1, maxWaiting: 1, maxWaitMs: 20 });
    const running = controlled(1);
    const result = gate.run(running.work);
    try {
      await gate.run(async () => 2);
      expect.fail('the waiting query should have timed out');
    } catch (error) {
      expect((error as Error).message).to.equal('The query waited 20 ms for a free slot and was not run; retry later');
    }
    running.finish();
    await result;
    expect(await gate.run(async () => 'free again')).to.equal('free again');
  });

  it('releases the slot when a query fails', async () => {
    const gate = new QueryGate({ maxRunning: 1, maxWaiting: 0, maxWaitMs: 1_000 });
    try {
      await gate.run(async () => {
        throw new Error('query failed');
      });
    } catch (error) {
      expect((error as Error).message).to.equal('query failed');
    }
    expect(gate.runningCount).to.equal(0);
    expect(await gate.run(async () => 'ok')).to.equal('ok');
  });
});
