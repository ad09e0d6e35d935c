import assert from 'node:assert/strict';
import { ClusterError, type ResolvedResource, type Table, type WatchEvent } from '@kubectl-mc/core';
import { Controller, type Backend } from '../../src/tui/data.js';
import { initialState, reducer, visibleClusters, type RowInput } from '../../src/tui/state.js';
import { createStore, type Store } from '../../src/tui/store.js';

const COLUMNS = ['Name', 'Ready', 'Status', 'Restarts', 'Age'];

/** A server-printed table of `rows` (as a cluster sends it: every column priority 0, metadata per row). */
function table(rows: RowInput[], resourceVersion?: string): Table {
  return {
    columns: COLUMNS.map((name) => ({ name, type: 'string', priority: 0 })),
    rows: rows.map((r) => ({
      cells: r.cells,
      object: { metadata: { name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) } },
    })),
    ...(resourceVersion ? { resourceVersion } : {}),
  };
}

type TableEvent = WatchEvent<Table>;

/** A queue of watch events a test pushes into. */
class EventQueue implements AsyncIterable<TableEvent> {
  private items: TableEvent[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.end());
  }
  push(e: TableEvent) {
    this.items.push(e);
    this.wake?.();
  }
  end() {
    this.ended = true;
    this.wake?.();
  }
  async *[Symbol.asyncIterator]() {
    while (true) {
      const next = this.items.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.ended || this.signal.aborted) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}

function resolved(resource: string): ResolvedResource {
  return {
    group: '',
    version: 'v1',
    resource,
    kind: resource,
    namespaced: true,
    singular: resource,
    shortNames: [],
    verbs: ['list', 'watch'],
    categories: [],
  };
}

function fakeBackend(opts: { down?: string[]; hung?: string[]; tables: Record<string, Table> }) {
  const watches: Record<string, EventQueue> = {};
  const calls: string[] = [];
  const fail = (ctx: string) => {
    if (opts.down?.includes(ctx))
      throw new ClusterError('Unreachable', ctx, 'connect ECONNREFUSED 127.0.0.1:1');
  };
  const backend: Backend = {
    async probe(ctx, signal, probeOpts) {
      calls.push(`health ${ctx}`);
      if (opts.hung?.includes(ctx)) {
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      }
      fail(ctx);
      return {
        context: ctx,
        version: 'v1.31.0',
        latencyMs: ctx.length,
        nodesReady: 3,
        nodesTotal: 3,
        ...(probeOpts?.warnings ? { warnings: 2 } : {}),
      };
    },
    async resolve(ctx, resource) {
      fail(ctx);
      if (resource === 'nope')
        throw new ClusterError('NotFound', ctx, 'the server does not have resource type "nope"');
      return resolved(resource === 'deploy' ? 'deployments' : resource);
    },
    async table(ctx, res) {
      calls.push(`list ${ctx} ${res.resource}`);
      fail(ctx);
      return opts.tables[ctx] ?? table([], '1');
    },
    watchTable(ctx, res, { signal }) {
      const q = new EventQueue(signal!);
      watches[`${ctx}/${res.resource}`] = q;
      return q;
    },
    async objectYaml(ctx, _r, name, { namespace } = {}) {
      return `metadata:\n  name: ${name}\n  namespace: ${namespace}\n  note: "\u001b[31mred\u001b[0m"\n  cluster: ${ctx}`;
    },
  };
  return { backend, watches, calls };
}

async function until(store: Store, controller: Controller, cond: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    controller.flush();
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('dashboard data controller', () => {
  let controller: Controller | undefined;
  afterEach(async () => {
    await controller?.stop();
    controller = undefined;
  });

  function setup(down: string[] = [], hung: string[] = []) {
    const tables: Record<string, Table> = {
      a: table(
        [{ namespace: 'shop', name: 'payment-1', cells: ['payment-1', '1/1', 'Running', '0', '1m'] }],
        '10',
      ),
      b: table(
        [
          {
            namespace: 'shop',
            name: 'web\u001b]0;pwned\u0007',
            cells: ['web\u001b]0;pwned\u0007', '0/1', 'Pending', '0', '1m'],
          },
        ],
        '20',
      ),
    };
    const fake = fakeBackend({ down, hung, tables });
    const store = createStore(initialState([{ name: 'a' }, { name: 'b' }, { name: 'c' }]));
    controller = new Controller(store, ['a', 'b', 'c'], fake.backend, {
      refreshMs: 60_000,
      timeoutMs: 2000,
      flushMs: 1,
    });
    controller.start();
    return { store, controller, ...fake };
  }

  it('checks every cluster and shows the down one with its typed error', async () => {
    const { store, controller } = setup(['c']);
    await until(store, controller, () => store.getState().lastRefresh !== undefined, 'a refresh');
    const rows = visibleClusters(store.getState());
    assert.deepEqual(
      rows.map((r) => [r.name, r.cells[3], r.cells[4], r.cells[8]]),
      [
        ['a', 'ok', 'v1.31.0', '2'],
        ['b', 'ok', 'v1.31.0', '2'],
        ['c', 'unreachable', '', ''],
      ],
    );
  });

  it('lists pods on every cluster, escapes control characters, then follows the watch', async () => {
    const { store, controller, watches } = setup(['c']);
    await until(store, controller, () => !!watches['a/pods'] && !!watches['b/pods'], 'the watches');
    const pods = () => store.getState().resources['pods']!;
    assert.equal(pods().rows['a']!.length, 1);
    const name = pods().rows['b']![0]!.name;
    assert.ok(!name.includes('\u001b') && !name.includes('\u0007'), `escaped: ${JSON.stringify(name)}`);
    assert.equal(pods().errors['c']?.kind, 'Unreachable');

    watches['a/pods']!.push({
      type: 'ADDED',
      object: table([
        { namespace: 'shop', name: 'payment-2', cells: ['payment-2', '1/1', 'Running', '0', '0s'] },
      ]),
    });
    watches['a/pods']!.push({
      type: 'DELETED',
      object: table([
        { namespace: 'shop', name: 'payment-1', cells: ['payment-1', '1/1', 'Running', '0', '1m'] },
      ]),
    });
    await until(
      store,
      controller,
      () =>
        pods()
          .rows['a']!.map((r) => r.name)
          .join() === 'payment-2',
      'the watch events',
    );

    // A broken watch shows its cluster's error until events flow again.
    watches['a/pods']!.push({
      type: 'RECONNECTING',
      error: new ClusterError('Unreachable', 'a', 'socket hang up'),
      attempt: 1,
    });
    await until(store, controller, () => pods().errors['a']?.kind === 'Unreachable', 'the error');
    watches['a/pods']!.push({ type: 'BOOKMARK', object: table([], '11') });
    await until(store, controller, () => pods().errors['a'] === undefined, 'the error cleared');
  });

  it('watches what the views show and stops what they no longer show', async () => {
    const { store, controller, watches } = setup();
    store.dispatch({ type: 'openResource', resource: 'deploy' });
    controller.sync(store.getState());
    await until(store, controller, () => !!watches['a/deployments'], 'a deployments watch');
    const q = watches['a/deployments']!;
    store.dispatch({ type: 'pop' });
    controller.sync(store.getState());
    // The aborted watch ends: its queue refuses to wait any longer.
    const it = q[Symbol.asyncIterator]();
    assert.equal((await it.next()).done, true);
  });

  it('names a resource the clusters do not have, per cluster', async () => {
    const { store, controller } = setup();
    store.dispatch({ type: 'openResource', resource: 'nope' });
    controller.sync(store.getState());
    await until(
      store,
      controller,
      () => Object.keys(store.getState().resources['nope']?.errors ?? {}).length === 3,
      'errors',
    );
    assert.equal(store.getState().resources['nope']!.errors['a']!.kind, 'NotFound');
  });

  it('loads the YAML of a drilled-into row, escaped', async () => {
    const { store, controller } = setup();
    await until(store, controller, () => !!store.getState().resources['pods']?.rows['a'], 'pods');
    let s = reducer(store.getState(), { type: 'openResource', resource: 'pods' });
    s = reducer(s, { type: 'drill' });
    store.dispatch({ type: 'push', frame: s.stack[s.stack.length - 1]! });
    controller.sync(store.getState());
    await until(
      store,
      controller,
      () => {
        const f = store.getState().stack.at(-1)!;
        return f.kind === 'yaml' && f.text !== undefined;
      },
      'the YAML',
    );
    const f = store.getState().stack.at(-1)!;
    assert.ok(f.kind === 'yaml' && f.text!.includes('name: payment-1') && !f.text!.includes('\u001b'));
  });

  it('a cluster whose health check hangs delays only its own lists', async () => {
    const { store, controller } = setup([], ['c']);
    await until(
      store,
      controller,
      () =>
        !!store.getState().resources['pods']?.loaded['a'] &&
        !!store.getState().resources['pods']?.loaded['b'],
      'pods of a and b',
    );
    assert.equal(store.getState().health['c']?.state, 'pending');
    assert.equal(store.getState().resources['pods']!.loaded['c'], undefined);
  });

  it('r re-lists what is shown at once', async () => {
    const { store, controller, calls, watches } = setup();
    await until(store, controller, () => !!watches['a/pods'], 'the watch');
    const before = calls.filter((c) => c === 'list a pods').length;
    controller.refresh();
    await until(
      store,
      controller,
      () => calls.filter((c) => c === 'list a pods').length > before,
      'a re-list',
    );
  });
});
