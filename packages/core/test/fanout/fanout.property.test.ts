import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fanOutCollect } from '../../src/fanout/index.js';

type Behaviour = { kind: 'ok' | 'throw' | 'hang' | 'late'; ticks: number };

const behaviour = fc.record({
  kind: fc.constantFrom<Behaviour['kind']>('ok', 'throw', 'hang', 'late'),
  ticks: fc.integer({ min: 0, max: 5 }),
});

describe('fanOut (property)', () => {
  it('for any mix of succeeding, failing, hanging and slow tasks: one result per context, limit respected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(behaviour, { minLength: 0, maxLength: 20 }),
        fc.integer({ min: 1, max: 8 }),
        async (behaviours, concurrency) => {
          const contexts = behaviours.map((_, i) => `ctx-${i}`);
          let inFlight = 0;
          let max = 0;
          const results = await fanOutCollect(
            contexts,
            async (c, signal) => {
              const b = behaviours[Number(c.slice(4))] as Behaviour;
              inFlight++;
              max = Math.max(max, inFlight);
              // A task stops counting when it ends or is abandoned (its signal aborted at the deadline):
              // the fan-out does not wait for tasks that ignore their signal.
              let counted = true;
              const release = () => {
                if (counted) inFlight--;
                counted = false;
              };
              signal.addEventListener('abort', release, { once: true });
              try {
                for (let i = 0; i < b.ticks; i++) await new Promise((r) => setImmediate(r));
                if (b.kind === 'throw') throw new Error(`boom ${c}`);
                if (b.kind === 'hang') await new Promise(() => {});
                if (b.kind === 'late') await new Promise((r) => setTimeout(r, 250));
                return c;
              } finally {
                release();
              }
            },
            { concurrency, timeoutMs: 100 },
          );
          assert.deepEqual(
            results.map((r) => r.context),
            contexts,
          );
          assert.ok(max <= concurrency, `max in flight ${max} > ${concurrency}`);
          results.forEach((r, i) => {
            const kind = (behaviours[i] as Behaviour).kind;
            if (kind === 'ok') assert.ok(r.ok && r.value === r.context);
            else if (kind === 'throw') assert.ok(!r.ok && r.error.message === `boom ${r.context}`);
            else assert.ok(!r.ok && r.error.kind === 'Timeout', `${kind} → ${r.ok ? 'ok' : r.error.kind}`);
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});
