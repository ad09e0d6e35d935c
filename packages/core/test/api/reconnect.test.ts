/**
 * The one reconnect policy of every watcher, on a fake clock: exponential backoff with jitter, reset only
 * after a stream stayed up, a relist only after 410, and a `failing` report when it keeps happening —
 * for a watch whose streams end at once (after an event), one answered 410 every time, and the fleet's
 * list-then-watch (the dashboard) over a source whose watches end or fail at once.
 */
import assert from 'node:assert/strict';
import { ClusterApi, Reconnect, type Clock, type KubeObject, type WatchEvent } from '../../src/api/index.js';
import type { Table } from '../../src/api/types.js';
import { ClusterError } from '../../src/errors.js';
import { follow, type FleetSource } from '../../src/fleet/index.js';
import { readSource } from '../../src/fleet/logs/read.js';
import type { LogEvent } from '../../src/fleet/logs/types.js';
import type { RequestOptions } from '../../src/transport/types.js';
import { FakeConnection, pods } from './fake.js';

/** Time moves only when someone sleeps (or a test moves it); every sleep is recorded. */
class FakeClock implements Clock {
  t = 0;
  readonly sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    this.sleeps.push(ms);
    this.t += ms;
    await new Promise((r) => setImmediate(r));
  }
}

const obj = (name: string, rv: string) => ({ metadata: { name, resourceVersion: rv } });

/** The exponential steps of the default policy (500 ms doubling to 30 s), as `random` = r spreads them. */
const expected = (n: number, r: number, base = 500, max = 30_000) =>
  Array.from({ length: n }, (_, i) => {
    const step = Math.min(max, base * 2 ** i);
    return Math.round(step / 2 + (r * step) / 2);
  });

describe('api: the reconnect policy', () => {
  it('Reconnect: doubles from base to the cap, jitter within [step/2, step], resets only after healthyMs up', () => {
    const clock = new FakeClock();
    const lo = new Reconnect({ clock, random: () => 0 });
    const hi = new Reconnect({ clock, random: () => 0.999999 });
    const los = Array.from({ length: 9 }, () => lo.down());
    const his = Array.from({ length: 9 }, () => hi.down());
    assert.deepEqual(los, [250, 500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
    assert.deepEqual(his, [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    assert.equal(lo.failing, true);
    // up for less than healthyMs: no reset
    lo.up();
    clock.t += 9_999;
    assert.equal(lo.down(), 15_000);
    // up for healthyMs: the next delay is the first step again
    lo.up();
    clock.t += 10_000;
    assert.equal(lo.down(), 250);
    assert.equal(lo.failing, false);
  });

  it('a watch whose streams end at once after an event backs off, says it keeps failing, and never relists', async () => {
    const clock = new FakeClock();
    let streams = 0;
    const conn = new FakeConnection(
      'a',
      () => assert.fail('no list: the watch resumes from its resourceVersion'),
      async function* (_p: string, o: RequestOptions | undefined) {
        streams++;
        o?.onResponse?.();
        yield { type: 'MODIFIED', object: obj('p', '21') };
      },
    );
    const ac = new AbortController();
    const seen: WatchEvent<KubeObject>[] = [];
    for await (const ev of new ClusterApi(conn).watch<KubeObject>(pods, {
      resourceVersion: '20',
      signal: ac.signal,
      reconnect: { clock, random: () => 0.5 },
    })) {
      seen.push(ev);
      if (streams >= 10) ac.abort();
    }
    assert.equal(conn.calls.length, 0, 'no relist');
    assert.deepEqual(clock.sleeps, expected(9, 0.5), 'a growing wait before every reconnect');
    const warnings = seen.filter((e) => e.type === 'RECONNECTING');
    assert.ok(warnings.length >= 7, `said it keeps failing: ${warnings.length}`);
    for (const w of warnings) {
      assert.equal(w.failing, true);
      assert.match(w.error.message, /the watch keeps ending at once \(\d+ times in a row\)/);
      assert.ok(w.attempt >= 3);
    }
    assert.equal(conn.streams.at(-1)?.options?.query?.['resourceVersion'], '21');
  });

  it('a watch answered 410 every time relists once per 410, each after a growing wait', async () => {
    const clock = new FakeClock();
    let lists = 0;
    const conn = new FakeConnection(
      'a',
      () => {
        lists++;
        return { metadata: { resourceVersion: String(100 + lists) }, items: [obj('p', '100')] };
      },
      // eslint-disable-next-line require-yield
      async function* () {
        throw new ClusterError('Expired', 'a', 'too old resource version', { status: 410 });
      },
    );
    const ac = new AbortController();
    const types: string[] = [];
    let failing = 0;
    for await (const ev of new ClusterApi(conn).watch<KubeObject>(pods, {
      resourceVersion: '20',
      signal: ac.signal,
      reconnect: { clock, random: () => 1 - Number.EPSILON },
    })) {
      types.push(ev.type);
      if (ev.type === 'RECONNECTING') {
        failing++;
        assert.equal(ev.error.kind, 'Expired');
        assert.match(ev.error.message, /keeps expiring \(410 Gone\)/);
      }
      if (lists >= 8) ac.abort();
    }
    assert.equal(conn.streams.length, lists, 'one relist per 410, no more');
    assert.deepEqual(clock.sleeps, expected(8, 1), 'every relist waits, longer each time');
    assert.equal(types.filter((t) => t === 'RELIST').length, 8);
    assert.equal(failing, 6, 'said from the third 410 in a row');
  });

  it('a stream that stayed up resets the backoff: its next reconnect waits the first step again', async () => {
    const clock = new FakeClock();
    let streams = 0;
    const conn = new FakeConnection(
      'a',
      () => ({}),
      async function* (_p: string, o: RequestOptions | undefined) {
        streams++;
        o?.onResponse?.();
        if (streams === 5) clock.t += 60_000; // this one stays up a minute
        yield { type: 'MODIFIED', object: obj('p', String(20 + streams)) };
      },
    );
    const ac = new AbortController();
    for await (const _ of new ClusterApi(conn).watch<KubeObject>(pods, {
      resourceVersion: '20',
      signal: ac.signal,
      reconnect: { clock, random: () => 0 },
    })) {
      void _;
      if (streams >= 7) ac.abort();
    }
    assert.deepEqual(clock.sleeps, [250, 500, 1000, 2000, 250, 500]);
  });

  it('logs -f: a stream that breaks right after each line still backs off (a line is not a healthy stream)', async () => {
    const clock = new FakeClock();
    let streams = 0;
    const conn = new FakeConnection(
      'a',
      () => ({}),
      async function* (_p: string, o: RequestOptions | undefined) {
        streams++;
        o?.onResponse?.();
        yield { text: `2026-01-01T00:00:${String(streams).padStart(2, '0')}.000000000Z line ${streams}` };
        throw new ClusterError('Unreachable', 'a', 'connection reset');
      },
    );
    const ac = new AbortController();
    const events: LogEvent[] = [];
    await readSource(
      conn,
      { context: 'a', namespace: 'default', pod: 'p', container: 'c' },
      { follow: true, reconnect: { clock, random: () => 0 } },
      async (ev) => {
        events.push(ev);
        if (streams >= 6) ac.abort();
      },
      ac.signal,
    );
    assert.deepEqual(clock.sleeps, [250, 500, 1000, 2000, 4000]);
    assert.equal(events.filter((e) => e.type === 'lines').length, 6, 'every line once');
  });

  it('the fleet list-then-watch (dashboard): watches that end or fail at once cost growing waits, not a loop', async () => {
    const clock = new FakeClock();
    let lists = 0;
    const tableOf = (rv: string): Table => ({
      columns: [{ name: 'Name', type: 'string', priority: 0 }],
      rows: [],
      resourceVersion: rv,
    });
    const src: FleetSource = {
      probe: () => Promise.reject(new Error('not used')),
      objectYaml: () => Promise.reject(new Error('not used')),
      resolve: () => Promise.resolve(pods),
      table: () => {
        lists++;
        return Promise.resolve(tableOf(String(lists)));
      },
      // odd rounds: the watch ends at once (cleanly); even rounds: it fails for good (403)
      // eslint-disable-next-line require-yield
      async *watchTable(): AsyncGenerator<WatchEvent<Table>> {
        if (lists % 2 === 0) throw new ClusterError('Forbidden', 'c', 'watch is forbidden', { status: 403 });
      },
    };
    const ac = new AbortController();
    const stream = follow(src, ['c'], 'pods', {
      signal: ac.signal,
      retryMs: 1000,
      reconnect: { clock, random: () => 0 },
    });
    for await (const _ of stream) {
      void _;
      if (lists >= 8) ac.abort();
    }
    // a wait before every list after the first, doubling from retryMs/2 (equal jitter at random 0)
    assert.deepEqual(clock.sleeps.slice(0, 7), [500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
  });
});
