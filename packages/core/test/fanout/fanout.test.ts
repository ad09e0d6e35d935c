import assert from 'node:assert/strict';
import { DEFAULT_CONCURRENCY, collect, fanOut, fanOutCollect } from '../../src/fanout/index.js';
import { deadlineOf } from '../../src/util/abort.js';
import { ClusterError } from '../../src/errors.js';
import type { ClusterResult } from '../../src/fanout/index.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

/** A promise resolved from outside: lets tests order completions without timers. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('fanOut', () => {
  it('never runs more than `concurrency` tasks at once and yields one result per context', async () => {
    let inFlight = 0;
    let max = 0;
    const results = await fanOutCollect(
      names(40),
      async (c) => {
        inFlight++;
        max = Math.max(max, inFlight);
        await new Promise((r) => setImmediate(r));
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return c.toUpperCase();
      },
      { concurrency: 5 },
    );
    assert.equal(max, 5);
    assert.equal(results.length, 40);
    assert.deepEqual(
      results.map((r) => r.context),
      names(40),
    );
    assert.ok(results.every((r) => r.ok && r.value === r.context.toUpperCase()));
  });

  it('a nonsensical concurrency still runs everything (NaN → default, 0 → 1)', async () => {
    for (const concurrency of [NaN, 0, -3]) {
      const results = await fanOutCollect(names(3), async (c) => c, { concurrency });
      assert.equal(results.length, 3);
      assert.ok(results.every((r) => r.ok));
    }
  });

  it('defaults to DEFAULT_CONCURRENCY (64) at once', async () => {
    assert.equal(DEFAULT_CONCURRENCY, 64);
    let inFlight = 0;
    let max = 0;
    await fanOutCollect(names(150), async () => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
    });
    assert.equal(max, DEFAULT_CONCURRENCY);
  });

  it('streams results in completion order, and collect restores the input order', async () => {
    const gates = new Map(names(3).map((c) => [c, deferred()]));
    const it = fanOut(names(3), async (c) => {
      await gates.get(c)?.promise;
      return c;
    });
    const seen: string[] = [];
    const consumer = (async () => {
      for await (const r of it) {
        seen.push(r.context);
        // Release the next gate only after this result arrived: completion order c2, c0, c1.
        if (r.context === 'c2') gates.get('c0')?.resolve();
        if (r.context === 'c0') gates.get('c1')?.resolve();
      }
    })();
    gates.get('c2')?.resolve();
    await consumer;
    assert.deepEqual(seen, ['c2', 'c0', 'c1']);
    const all = await collect(fanOut(['b', 'a', 'c'], async (c) => c));
    assert.deepEqual(
      all.map((r) => r.context),
      ['b', 'a', 'c'],
    );
  });

  it('a task that ignores its signal still yields Timeout at the deadline, and its signal is aborted', async () => {
    let signalSeen: AbortSignal | undefined;
    const never = deferred();
    const results = await fanOutCollect(
      ['slow', 'fast'],
      async (c, signal) => {
        if (c === 'fast') return 'ok';
        signalSeen = signal;
        await never.promise; // ignores the signal entirely
        return 'late';
      },
      { timeoutMs: 50 },
    );
    const slow = results[0] as ClusterResult<string>;
    assert.equal(slow.ok, false);
    assert.ok(!slow.ok && slow.error.kind === 'Timeout');
    assert.ok(!slow.ok && slow.error.message === 'timed out after 50ms');
    assert.ok(!slow.ok && slow.error.context === 'slow');
    assert.equal(signalSeen?.aborted, true);
    assert.equal((signalSeen?.reason as Error).name, 'TimeoutError');
    assert.ok(results[1]?.ok);
    never.resolve(); // completing after the deadline changes nothing
  });

  it('overall cancellation aborts in-flight signals at once and yields Cancelled for the rest', async () => {
    const ac = new AbortController();
    const signals: AbortSignal[] = [];
    const started: string[] = [];
    const it = fanOut(
      names(6),
      async (c, signal) => {
        started.push(c);
        signals.push(signal);
        return new Promise<string>(() => {}); // never settles, ignores the signal
      },
      { concurrency: 2, signal: ac.signal, timeoutMs: 0 },
    );
    const results: ClusterResult<string>[] = [];
    const consumer = (async () => {
      for await (const r of it) results.push(r);
    })();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, ['c0', 'c1']);
    ac.abort();
    await consumer;
    assert.equal(results.length, 6);
    assert.deepEqual(results.map((r) => r.context).sort(), names(6));
    assert.ok(results.every((r) => !r.ok && r.error.kind === 'Cancelled'));
    assert.ok(signals.every((s) => s.aborted));
    assert.deepEqual(started, ['c0', 'c1']);
  });

  it('an already-aborted signal starts nothing', async () => {
    let ran = 0;
    const results = await fanOutCollect(names(3), async () => ran++, { signal: AbortSignal.abort() });
    assert.equal(ran, 0);
    assert.ok(results.every((r) => !r.ok && r.error.kind === 'Cancelled'));
  });

  it('normalises errors: ClusterError passes through, others become one-line typed errors', async () => {
    const results = await fanOutCollect(['cluster', 'refused', 'plain', 'sync', 'string'], async (c) => {
      if (c === 'cluster') throw new ClusterError('Forbidden', c, 'pods is forbidden', { status: 403 });
      if (c === 'refused')
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      if (c === 'plain') throw new Error('first line\n    at stack (file.ts:1:1)');
      if (c === 'sync') throw new SyntaxError('Unexpected token < in JSON');
      throw 'a string';
    });
    const byCtx = new Map(results.map((r) => [r.context, r]));
    const err = (c: string) => {
      const r = byCtx.get(c);
      assert.ok(r && !r.ok);
      return r.error;
    };
    assert.equal(err('cluster').kind, 'Forbidden');
    assert.equal(err('cluster').status, 403);
    assert.equal(err('refused').kind, 'Unreachable');
    assert.equal(err('plain').message, 'first line');
    assert.equal(err('sync').kind, 'InvalidResponse');
    assert.equal(err('string').message, 'a string');
    assert.ok(
      results.every((r) => !r.ok && r.error instanceof ClusterError && r.error.context === r.context),
    );
  });

  it('a task that throws synchronously is still one failed result', async () => {
    const results = await fanOutCollect(['a', 'b'], ((c: string) => {
      if (c === 'a') throw new Error('sync boom');
      return Promise.resolve(1);
    }) as (c: string) => Promise<number>);
    assert.ok(!results[0]?.ok);
    assert.ok(results[1]?.ok);
  });

  it('duplicate contexts run once; an empty list ends at once', async () => {
    let runs = 0;
    const results = await fanOutCollect(['a', 'a', 'b'], async () => runs++);
    assert.equal(runs, 2);
    assert.equal(results.length, 2);
    assert.deepEqual(await fanOutCollect([], async () => 1), []);
  });

  it("exposes each task signal's deadline (none without a timeout)", async () => {
    const t0 = Date.now();
    const [withDeadline] = await fanOutCollect(['a'], async (_c, signal) => deadlineOf(signal), {
      timeoutMs: 60_000,
    });
    assert.ok(withDeadline?.ok && typeof withDeadline.value === 'number');
    assert.ok(withDeadline.value >= t0 + 60_000 && withDeadline.value <= Date.now() + 60_000);
    const [without] = await fanOutCollect(['a'], async (_c, signal) => deadlineOf(signal), { timeoutMs: 0 });
    assert.ok(without?.ok && without.value === undefined);
  });

  it('stopping iteration early aborts the tasks still in flight', async () => {
    const signals = new Map<string, AbortSignal>();
    for await (const r of fanOut(names(3), async (c, signal) => {
      signals.set(c, signal);
      if (c === 'c0') return 'first';
      return new Promise<string>(() => {});
    })) {
      assert.equal(r.context, 'c0');
      break;
    }
    assert.equal(signals.get('c1')?.aborted, true);
    assert.equal(signals.get('c2')?.aborted, true);
  });
});
