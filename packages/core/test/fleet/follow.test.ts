/** core/fleet's list-then-watch over a scripted source: gating, retries, watch breaks, the list bound. */
import assert from 'node:assert/strict';
import type { WatchEvent } from '../../src/api/watch.js';
import type { Table } from '../../src/api/types.js';
import { ClusterError } from '../../src/errors.js';
import { follow, Limiter, type FleetSource, type FollowEvent } from '../../src/fleet/index.js';
import { pods } from '../api/fake.js';

const res = pods;

const table = (names: string[], resourceVersion?: string): Table => ({
  columns: [{ name: 'Name', type: 'string', priority: 0 }],
  rows: names.map((n) => ({ cells: [n], object: { metadata: { name: n } } })),
  ...(resourceVersion ? { resourceVersion } : {}),
});

/** Watch events a test pushes, ending when the watch's signal aborts. */
class Feed implements AsyncIterable<WatchEvent<Table>> {
  private items: WatchEvent<Table>[] = [];
  private wake: (() => void) | undefined;
  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.wake?.());
  }
  push(e: WatchEvent<Table>) {
    this.items.push(e);
    this.wake?.();
  }
  async *[Symbol.asyncIterator]() {
    for (;;) {
      const next = this.items.shift();
      if (next) yield next;
      else if (this.signal.aborted) return;
      else await new Promise<void>((r) => (this.wake = r));
    }
  }
}

function source(script: { failLists?: Record<string, number> } = {}) {
  const lists: Record<string, number> = {};
  const feeds: Record<string, Feed> = {};
  let inFlight = 0;
  let maxInFlight = 0;
  const src: FleetSource = {
    probe: () => Promise.reject(new Error('not used')),
    objectYaml: () => Promise.reject(new Error('not used')),
    async resolve() {
      return res;
    },
    async table(ctx) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((r) => setTimeout(r, 5));
        lists[ctx] = (lists[ctx] ?? 0) + 1;
        if ((script.failLists?.[ctx] ?? 0) >= lists[ctx]!)
          throw new ClusterError('ServerError', ctx, `list ${lists[ctx]} failed`, { status: 500 });
        return table([`${ctx}-pod`], '1');
      } finally {
        inFlight--;
      }
    },
    watchTable(ctx, _res, opts) {
      const feed = new Feed(opts.signal!);
      feeds[ctx] = feed;
      return feed;
    },
  };
  return { src, lists, feeds, maxInFlight: () => maxInFlight };
}

/** Read events until `test` holds for one (bounded). */
async function until(
  it: AsyncIterator<FollowEvent>,
  seen: FollowEvent[],
  what: string,
  test: (e: FollowEvent) => boolean,
): Promise<FollowEvent> {
  for (;;) {
    const next = await Promise.race([
      it.next(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what}`)), 5000)),
    ]);
    assert.ok(!next.done, `ended before ${what}`);
    seen.push(next.value);
    if (test(next.value)) return next.value;
  }
}

describe('fleet: follow', () => {
  it('a cluster whose gate is shut waits alone; the others list and watch', async () => {
    const { src, lists } = source();
    const ac = new AbortController();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const stream = follow(src, ['a', 'b'], 'po', {
      signal: ac.signal,
      ready: (ctx) => (ctx === 'b' ? gate : Promise.resolve()),
    });
    const it = stream[Symbol.asyncIterator]();
    const seen: FollowEvent[] = [];
    try {
      await until(it, seen, 'a listed', (e) => e.context === 'a' && e.type === 'LIST');
      assert.equal(lists['b'], undefined, 'b has not listed');
      open();
      const b = await until(it, seen, 'b listed', (e) => e.context === 'b' && e.type === 'LIST');
      assert.ok(b.type === 'LIST' && b.table.rows[0]?.cells[0] === 'b-pod');
      assert.deepEqual(
        seen.filter((e) => e.type === 'RESOLVED').map((e) => e.context),
        ['a', 'b'],
      );
    } finally {
      ac.abort();
    }
    assert.equal((await it.next()).done, true);
  });

  it('a failed list is that cluster’s error, then it lists again after the retry wait', async () => {
    const { src, lists } = source({ failLists: { b: 2 } });
    const ac = new AbortController();
    const it = follow(src, ['a', 'b'], 'po', { signal: ac.signal, retryMs: 10 })[Symbol.asyncIterator]();
    const seen: FollowEvent[] = [];
    try {
      const back = await until(it, seen, 'b listed', (e) => e.context === 'b' && e.type === 'LIST');
      assert.ok(back.type === 'LIST');
      const errors = seen.filter((e) => e.context === 'b' && e.type === 'ERROR');
      assert.deepEqual(
        errors.map((e) => (e.type === 'ERROR' ? `${e.error.kind}: ${e.error.message}` : '')),
        ['ServerError: list 1 failed', 'ServerError: list 2 failed'],
      );
      assert.equal(lists['b'], 3);
      assert.ok(!seen.some((e) => e.context === 'a' && e.type === 'ERROR'), 'a is not affected');
    } finally {
      ac.abort();
    }
  });

  it('a broken watch is an error until the watch is back; its rows arrive as the cluster’s events', async () => {
    const { src, feeds } = source();
    const ac = new AbortController();
    const it = follow(src, ['a'], 'po', { signal: ac.signal })[Symbol.asyncIterator]();
    const seen: FollowEvent[] = [];
    try {
      await until(it, seen, 'the list', (e) => e.type === 'LIST');
      while (!feeds['a']) await new Promise((r) => setTimeout(r, 1));
      feeds['a'].push({ type: 'ADDED', object: table(['new']) });
      const added = await until(it, seen, 'ADDED', (e) => e.type === 'ADDED');
      assert.ok(added.type === 'ADDED' && added.table.rows[0]?.cells[0] === 'new');
      feeds['a'].push({
        type: 'RECONNECTING',
        error: new ClusterError('Unreachable', 'a', 'connection reset'),
        attempt: 1,
      });
      const err = await until(it, seen, 'ERROR', (e) => e.type === 'ERROR');
      assert.ok(err.type === 'ERROR' && err.error.kind === 'Unreachable');
      feeds['a'].push({ type: 'BOOKMARK', object: table([], '9') });
      await until(it, seen, 'RECOVERED', (e) => e.type === 'RECOVERED');
      feeds['a'].push({ type: 'RELIST', items: [table(['x', 'y'], '10')] });
      const relist = await until(it, seen, 'the relist', (e) => e.type === 'LIST');
      assert.ok(relist.type === 'LIST' && relist.table.rows.length === 2);
    } finally {
      ac.abort();
    }
  });

  it('a limiter bounds the lists in flight across clusters', async () => {
    const { src, maxInFlight } = source();
    const ac = new AbortController();
    const contexts = ['a', 'b', 'c', 'd', 'e', 'f'];
    const it = follow(src, contexts, 'po', { signal: ac.signal, limiter: new Limiter(2) })[
      Symbol.asyncIterator
    ]();
    const seen: FollowEvent[] = [];
    const listed = new Set<string>();
    try {
      while (listed.size < contexts.length) {
        const e = await until(it, seen, 'every list', (e) => e.type === 'LIST');
        listed.add(e.context);
      }
      assert.equal(maxInFlight(), 2);
    } finally {
      ac.abort();
    }
  });
});
