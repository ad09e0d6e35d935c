import assert from 'node:assert/strict';
import { deadlineOf, raceAbort, setDeadline, sleep } from '../../src/util/abort.js';

describe('util: waiting under an AbortSignal', () => {
  it('sleep resolves after the delay, and at once (without rejecting) when the signal aborts', async () => {
    const t0 = performance.now();
    await sleep(20);
    assert.ok(performance.now() - t0 >= 15);
    const ac = new AbortController();
    const slept = sleep(60_000, ac.signal);
    ac.abort();
    await slept; // a 60 s timer would time the test out
    await sleep(60_000, AbortSignal.abort()); // already aborted: returns at once
  });

  it('raceAbort passes the value or error of the promise through', async () => {
    const ac = new AbortController();
    assert.equal(await raceAbort(Promise.resolve(7), ac.signal), 7);
    await assert.rejects(raceAbort(Promise.reject(new Error('boom')), ac.signal), /boom/);
    assert.equal(await raceAbort(Promise.resolve(8), undefined), 8);
  });

  it("raceAbort rejects with the signal's reason (or the given error) as soon as it aborts", async () => {
    const never = new Promise<number>(() => {});
    const ac = new AbortController();
    const raced = raceAbort(never, ac.signal);
    ac.abort(new Error('stop'));
    await assert.rejects(raced, /stop/);
    await assert.rejects(
      raceAbort(never, AbortSignal.abort(), () => new Error('mine')),
      /mine/,
    );
  });

  it('a promise that fails after its race was lost is no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      let fail!: (e: Error) => void;
      const late = new Promise<void>((_r, rej) => (fail = rej));
      const ac = new AbortController();
      const raced = raceAbort(late, ac.signal);
      ac.abort();
      await assert.rejects(raced);
      fail(new Error('too late'));
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('deadlineOf tells the deadline recorded for a signal, none for others', () => {
    const ac = new AbortController();
    assert.equal(deadlineOf(ac.signal), undefined);
    assert.equal(deadlineOf(undefined), undefined);
    setDeadline(ac.signal, 12345);
    assert.equal(deadlineOf(ac.signal), 12345);
  });
});
