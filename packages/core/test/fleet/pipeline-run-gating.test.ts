import assert from 'node:assert/strict';
import type { GateReading, GateTarget } from '../../src/fleet/index.js';
import { runGates, type GateEvent } from '../../src/fleet/pipeline/run/gating.js';

const target = (context: string) =>
  ({ context, namespace: 'shop', deployment: 'web-canary', podTemplateHash: 'h' }) as GateTarget;
const gates = [{ kind: 'pods-ready' as const }, { kind: 'latency-p99' as const, maxMs: 500, text: '500ms' }];

function checker(latency: (n: number) => GateReading['state']) {
  let n = 0;
  return {
    check: (t: GateTarget) => {
      n++;
      const state = latency(n);
      return Promise.resolve<GateReading[]>([
        { gate: 'pods-ready', context: t.context, state: 'ok', text: 'pods-ready 1/1, 0 restarts' },
        {
          gate: 'latency-p99',
          context: t.context,
          state,
          text: state === 'no-data' ? 'latency-p99 no data' : 'latency-p99 120ms ≤ 500ms',
        },
      ]);
    },
  };
}

describe('pipeline run: the gate window', () => {
  it('reads every interval until the window ends, remaining time going down', async () => {
    const events: GateEvent[] = [];
    const out = await runGates({
      checker: checker(() => 'ok'),
      targets: [target('a'), target('b')],
      gates,
      windowMs: 500,
      intervalMs: 10,
      signal: new AbortController().signal,
      emit: (e) => events.push(e),
    });
    assert.deepEqual(out, { ok: true });
    const remaining = events
      .filter((e) => e.type === 'gates' && e.context === 'a')
      .map((e) => (e.type === 'gates' ? e.remainingMs : -1));
    assert.ok(remaining.length >= 2, 'at least a first and a last read (200 ms floor)');
    assert.equal(remaining.at(-1), 0);
    for (let i = 1; i < remaining.length; i++) assert.ok(remaining[i]! <= remaining[i - 1]!);
  });

  it('a gate with no data on every read fails at the end; data once is enough', async () => {
    const noData = await runGates({
      checker: checker(() => 'no-data'),
      targets: [target('a')],
      gates,
      windowMs: 300,
      intervalMs: 200,
      signal: new AbortController().signal,
      emit: () => undefined,
    });
    assert.equal(noData.ok, false);
    assert.equal(noData.message, 'a: no data for latency-p99 during the whole window');
    const once = await runGates({
      checker: checker((n) => (n === 1 ? 'ok' : 'no-data')),
      targets: [target('a')],
      gates,
      windowMs: 300,
      intervalMs: 200,
      signal: new AbortController().signal,
      emit: () => undefined,
    });
    assert.equal(once.ok, true);
  });

  it('a window of 0 reads once; an abort rejects at once', async () => {
    let reads = 0;
    const c = checker(() => 'ok');
    await runGates({
      checker: { check: (t) => (reads++, c.check(t)) },
      targets: [target('a')],
      gates,
      windowMs: 0,
      intervalMs: 200,
      signal: new AbortController().signal,
      emit: () => undefined,
    });
    assert.equal(reads, 1);
    const ac = new AbortController();
    const p = runGates({
      checker: c,
      targets: [target('a')],
      gates,
      windowMs: 60_000,
      intervalMs: 200,
      signal: ac.signal,
      emit: () => ac.abort(new Error('stop')),
    });
    await assert.rejects(p, /stop/);
  });
});
