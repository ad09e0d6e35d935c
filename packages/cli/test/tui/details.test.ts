/** The controller's namespaces, describe and logs with a fake backend: what it asks core, what it shows. */
import assert from 'node:assert/strict';
import { ClusterError, type ListOptions, type ResolvedResource, type Table } from '@kubectl-mc/core';
import type { LogEvent, LogOptions, LogSource, LogTarget } from '@kubectl-mc/core/fleet';
import { Controller, type Backend } from '../../src/tui/data.js';
import { initialState, top, type LogsFrame, type YamlFrame } from '../../src/tui/state.js';
import { createStore, type Store } from '../../src/tui/store.js';

const POD: ResolvedResource = {
  group: '',
  version: 'v1',
  resource: 'pods',
  kind: 'Pod',
  namespaced: true,
  singular: 'pod',
  shortNames: ['po'],
  verbs: ['list', 'watch'],
  categories: [],
};

function podTable(ns: string, names: string[]): Table {
  return {
    columns: ['Name', 'Age'].map((name) => ({ name, type: 'string', priority: 0 })),
    rows: names.map((n) => ({
      cells: [n, '5m'],
      object: { metadata: { name: n, namespace: ns, creationTimestamp: '2026-01-01T11:55:00Z' } },
    })),
  };
}

interface LogCall {
  contexts: string[];
  target: LogTarget;
  opts: LogOptions;
}

function backend() {
  const lists: string[] = [];
  const described: string[] = [];
  const logCalls: LogCall[] = [];
  const b: Backend = {
    async probe(context) {
      return { context, version: 'v1.31.0', latencyMs: 1 };
    },
    async resolve() {
      return POD;
    },
    async table(ctx, _res, opts: ListOptions) {
      const ns = opts.allNamespaces ? '*' : (opts.namespace ?? '?');
      lists.push(`${ctx} ${ns}`);
      if (ctx === 'b' && ns === '*') throw new ClusterError('Forbidden', ctx, 'pods is forbidden');
      return podTable(ns === '*' ? 'any' : ns, [`${ctx}-pod`]);
    },
    async objectYaml() {
      return 'kind: Pod';
    },
    async describe(ctx, resource, name, namespace) {
      described.push(`${ctx} ${resource} ${namespace}/${name}`);
      return `Name:         ${name}\nNote:         \u001b[31mred\nEvents:       <none>`;
    },
    logs(contexts, target, opts) {
      logCalls.push({ contexts, target, opts });
      return (async function* (): AsyncGenerator<LogEvent> {
        for (const context of contexts) {
          const sources: LogSource[] = ['app', 'sidecar'].map((container) => ({
            context,
            namespace: opts.namespace!(context),
            pod: `${context}-web-1`,
            container,
          }));
          yield { type: 'sources', context, sources };
          for (const source of sources) {
            yield { type: 'lines', source, lines: [{ text: `hello from ${source.container}\u001b[2J` }] };
          }
        }
        yield {
          type: 'cluster-error',
          context: 'c',
          error: new ClusterError('Unreachable', 'c', 'connect ECONNREFUSED'),
        };
      })();
    },
  };
  return { b, lists, described, logCalls };
}

async function until(controller: Controller, cond: () => boolean, what: string) {
  for (let i = 0; i < 400; i++) {
    controller.flush();
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.fail(`timed out waiting for ${what}`);
}

function start(store: Store, contexts: string[], b: Backend) {
  const c = new Controller(store, contexts, b, { refreshMs: 60_000, flushMs: 1, now: () => 0 });
  c.start();
  store.subscribe(() => c.sync(store.getState()));
  return c;
}

describe('dashboard controller: namespaces, describe and logs', () => {
  let controller: Controller | undefined;
  afterEach(async () => controller?.stop());

  it('lists each context in its own namespace, and again in the one picked (never cluster-wide first)', async () => {
    const { b, lists } = backend();
    const store = createStore(
      initialState([{ name: 'a' }, { name: 'b' }], 10, { nsByCluster: { a: 'x', b: 'y' } }),
    );
    controller = start(store, ['a', 'b'], b);
    await until(controller, () => lists.length >= 2, 'the first lists');
    assert.deepEqual([...lists].sort(), ['a x', 'b y']);
    store.dispatch({ type: 'openResource', resource: 'pods', namespace: 'z' });
    await until(controller, () => lists.includes('a z') && lists.includes('b z'), 'lists in z');
    await until(
      controller,
      () => (store.getState().resources['pods']?.rows['a'] ?? []).some((r) => r.namespace === 'z'),
      'the rows of z',
    );
    const row = store.getState().resources['pods']!.rows['a']![0]!;
    assert.equal(row.stamps?.[1], Date.parse('2026-01-01T11:55:00Z'), 'AGE counts from creationTimestamp');
  });

  it('d asks core for the description and shows it escaped', async () => {
    const { b, described } = backend();
    const store = createStore(initialState([{ name: 'a' }], 10, { namespace: 'x' }));
    controller = start(store, ['a'], b);
    store.dispatch({ type: 'openResource', resource: 'pods' });
    await until(controller, () => (store.getState().resources['pods']?.rows['a']?.length ?? 0) > 0, 'rows');
    store.dispatch({ type: 'open', view: 'describe' });
    await until(controller, () => (top(store.getState()) as YamlFrame).text !== undefined, 'the text');
    assert.deepEqual(described, ['a pods x/a-pod']);
    const text = (top(store.getState()) as YamlFrame).text!;
    assert.match(text, /^Name: +a-pod$/m);
    assert.ok(!text.includes('\u001b'), 'escaped');
  });

  it("l on a workload reads every cluster that has it through core's fleetLogs, lines prefixed", async () => {
    const { b, logCalls } = backend();
    const store = createStore(
      initialState([{ name: 'a' }, { name: 'b' }, { name: 'c' }], 10, { namespace: 'x' }),
    );
    controller = start(store, ['a', 'b', 'c'], b);
    const deploy = (cluster: string) => ({
      type: 'rowsReplaced' as const,
      resource: 'deployments',
      cluster,
      columns: ['NAME', 'READY'],
      rows: [{ namespace: 'x', name: 'web', cells: ['web', '1/1'] }],
    });
    store.dispatch({ type: 'openResource', resource: 'deployments' });
    store.dispatch({ type: 'batch', actions: [deploy('a'), deploy('b')] });
    store.dispatch({ type: 'open', view: 'logs' });
    await until(controller, () => (top(store.getState()) as LogsFrame).lines.length === 4, 'the lines');
    assert.equal(logCalls.length, 1);
    assert.deepEqual(logCalls[0]!.contexts, ['a', 'b']);
    assert.deepEqual(logCalls[0]!.target, { kind: 'object', type: 'deploy', name: 'web' });
    assert.equal(logCalls[0]!.opts.follow, true);
    assert.equal(logCalls[0]!.opts.namespace!('a'), 'x');
    const f = top(store.getState()) as LogsFrame;
    assert.deepEqual(f.lines, [
      'a a-web-1 app     │ hello from app^[[2J',
      'a a-web-1 sidecar │ hello from sidecar^[[2J',
      'b b-web-1 app     │ hello from app^[[2J',
      'b b-web-1 sidecar │ hello from sidecar^[[2J',
    ]);
    await until(controller, () => (top(store.getState()) as LogsFrame).notes.length === 1, 'the note');
    assert.deepEqual((top(store.getState()) as LogsFrame).notes, ['c: unreachable: connect ECONNREFUSED']);
    // p: a new stream for the previous containers, not followed
    store.dispatch({ type: 'logsToggle', what: 'previous' });
    await until(controller, () => logCalls.length === 2, 'the second stream');
    assert.equal(logCalls[1]!.opts.previous, true);
    assert.equal(logCalls[1]!.opts.follow, false);
    // leaving the view stops the stream
    const signal = logCalls[1]!.opts.signal!;
    store.dispatch({ type: 'pop' });
    assert.equal(signal.aborted, true);
  });

  it("l on a pod reads its containers (core's client), and streams only the one picked", async () => {
    const { b, logCalls } = backend();
    const read: string[] = [];
    b.podContainers = async (ctx, name, namespace) => {
      read.push(`${ctx} ${namespace}/${name}`);
      return [
        { name: 'migrate', kind: 'init' },
        { name: 'app', kind: 'container' },
        { name: 'side\u001bcar', kind: 'container' },
      ];
    };
    const store = createStore(initialState([{ name: 'a' }], 10, { namespace: 'x' }));
    controller = start(store, ['a'], b);
    store.dispatch({ type: 'openResource', resource: 'pods' });
    await until(controller, () => (store.getState().resources['pods']?.rows['a']?.length ?? 0) > 0, 'rows');
    store.dispatch({ type: 'open', view: 'logs' });
    await until(
      controller,
      () => {
        const p = store.getState().picker;
        return p?.kind === 'containers' && p.containers !== undefined;
      },
      'the containers',
    );
    assert.deepEqual(read, ['a x/a-pod']);
    const p = store.getState().picker;
    assert.ok(p?.kind === 'containers');
    assert.deepEqual(
      p.containers!.map((c) => [c.label, c.kind]),
      [
        ['migrate', 'init'],
        ['app', 'container'],
        ['side^[car', 'container'],
      ],
      'labels escaped',
    );
    assert.equal(logCalls.length, 0, 'nothing streamed before the pick');
    store.dispatch({ type: 'pickerMove', delta: 3 });
    store.dispatch({ type: 'pickerChoose' });
    await until(controller, () => logCalls.length === 1, 'the stream');
    assert.equal(logCalls[0]!.opts.container, 'side\u001bcar', 'by its real name');
    assert.equal(logCalls[0]!.opts.allContainers, undefined);
    assert.deepEqual(logCalls[0]!.target, { kind: 'pod', name: 'a-pod' });
    assert.equal((top(store.getState()) as LogsFrame).containerLabel, 'side^[car');
  });

  it(":drift lists the workloads whose clusters disagree, from core's drift model, escaped", async () => {
    const { b } = backend();
    let calls = 0;
    b.drift = async () => {
      calls++;
      const item = (replicas: number, image: string) => ({
        kind: 'Deployment' as const,
        namespace: 'shop',
        name: 'web',
        replicas,
        images: [image],
      });
      return {
        answered: 2,
        failed: [new ClusterError('Unreachable', 'c', 'down')],
        workloads: [
          {
            key: 'Deployment/shop/web',
            kind: 'Deployment',
            namespace: 'shop',
            name: 'web',
            clusters: [
              { context: 'a', item: item(3, 'web:1') },
              { context: 'b', item: item(5, 'web:2\u001b[2J') },
            ],
            drift: ['image: web:1 on a; web:2\u001b[2J on b', 'replicas: 3 on a; 5 on b'],
          },
          {
            key: 'Deployment/shop/api',
            kind: 'Deployment',
            namespace: 'shop',
            name: 'api',
            clusters: [{ context: 'a', item: item(1, 'api:1') }],
            drift: [],
          },
        ],
      };
    };
    const store = createStore(initialState([{ name: 'a' }, { name: 'b' }, { name: 'c' }], 10));
    controller = start(store, ['a', 'b', 'c'], b);
    store.dispatch({ type: 'promptOpen', kind: 'command' });
    store.dispatch({ type: 'promptText', text: 'drift' });
    store.dispatch({ type: 'promptClose', submit: true });
    const text = () => (top(store.getState()) as { text?: string }).text;
    await until(controller, () => text() !== undefined, 'the drift');
    assert.equal(
      text(),
      [
        '1 of 2 workloads differ between clusters (2 answered)',
        'c: unreachable: down',
        '',
        'Deployment shop/web  on a, b',
        '  image: web:1 on a; web:2^[[2J on b',
        '  replicas: 3 on a; 5 on b',
      ].join('\n'),
    );
    store.dispatch({ type: 'driftReload' });
    await until(controller, () => calls === 2 && text() !== undefined, 'asked again');
  });
});
