import assert from 'node:assert/strict';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import { initialState, type Action } from '../../src/tui/state.js';
import { createStore, type Store } from '../../src/tui/store.js';

const COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];

function fleetStore(podsPerCluster = 3): Store {
  const store = createStore(
    initialState([
      { name: 'us-east-prod', region: 'us-east-1', environment: 'production' },
      { name: 'eu-west-prod', region: 'eu-west-1', environment: 'production' },
      { name: 'dev' },
    ]),
  );
  const actions: Action[] = [
    {
      type: 'health',
      cluster: 'us-east-prod',
      health: { state: 'ok', version: 'v1.31.2', latencyMs: 12, nodesReady: 3, nodesTotal: 3, warnings: 1 },
    },
    {
      type: 'health',
      cluster: 'eu-west-prod',
      health: { state: 'ok', version: 'v1.30.4', latencyMs: 95, nodesReady: 3, nodesTotal: 3, warnings: 0 },
    },
    {
      type: 'health',
      cluster: 'dev',
      health: { state: 'error', error: { kind: 'Unreachable', message: 'connect ECONNREFUSED' } },
    },
    { type: 'refreshed', at: 0 },
  ];
  for (const c of ['us-east-prod', 'eu-west-prod']) {
    const rows = [];
    for (let i = 0; i < podsPerCluster; i++) {
      const app = ['payment', 'web', 'search'][i % 3]!;
      rows.push({
        namespace: 'production',
        name: `${app}-${c}-${i}`,
        cells: [`${app}-${c}-${i}`, '1/1', i === 1 ? 'CrashLoopBackOff' : 'Running', '0', `${i + 1}m`],
      });
    }
    actions.push({ type: 'rowsReplaced', resource: 'pods', cluster: c, columns: COLUMNS, rows });
  }
  actions.push({
    type: 'resourceError',
    resource: 'pods',
    cluster: 'dev',
    error: { kind: 'Unreachable', message: 'connect ECONNREFUSED' },
  });
  store.dispatch({ type: 'batch', actions });
  return store;
}

const tick = () => new Promise((r) => setTimeout(r, 20));

async function frameAfter(app: ReturnType<typeof render>, keys: string[]): Promise<string> {
  for (const k of keys) {
    app.stdin.write(k);
    await tick();
  }
  // Settled: the same frame twice, a throttle interval apart (bounded).
  let last = app.lastFrame();
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 40));
    const now = app.lastFrame();
    if (now === last) break;
    last = now;
  }
  return last ?? '';
}

/** The frame once it matches `re` (bounded wait: Ink throttles renders). */
async function waitFor(app: ReturnType<typeof render>, re: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const f = app.lastFrame() ?? '';
    if (re.test(f)) return f;
    await tick();
  }
  return app.lastFrame() ?? '';
}

function mount(store: Store, size = { width: 100, height: 24 }) {
  let quit = 0;
  const app = render(
    createElement(App, { store, color: false, ...size, onQuit: () => quit++, formatTime: () => '12:00:00' }),
  );
  return { app, quits: () => quit };
}

describe('dashboard app (ink)', () => {
  let unmount: (() => void) | undefined;
  afterEach(() => unmount?.());

  it('starts on the clusters view: every cluster, the down one marked unreachable, and the fleet header', async () => {
    const { app } = mount(fleetStore());
    unmount = app.unmount;
    const frame = await frameAfter(app, []);
    assert.match(frame, /clusters 2\/3 healthy/);
    assert.match(frame, /Running 4 {2}Pending 0 {2}Failed 0 {2}CrashLoopBackOff 2/);
    assert.match(frame, /slowest eu-west-prod 95ms/);
    assert.match(frame, /us-east-prod +us-east-1 +production +ok +v1\.31\.2 +12ms +3\/3 +2\/0\/0\/1 +1/);
    assert.match(frame, /dev +unreachable/);
    const last = await frameAfter(app, ['G']);
    assert.match(
      last,
      /Clusters .*dev: connect ECONNREFUSED/,
      'the selected failing cluster shows its message',
    );
  });

  it(':pods lists pods across clusters with CLUSTER first, and / narrows the rows as you type', async () => {
    const { app } = mount(fleetStore());
    unmount = app.unmount;
    let frame = await frameAfter(app, [':', 'pods', '\r']);
    assert.match(frame, /CLUSTER +NAMESPACE +NAME +READY +STATUS/);
    assert.match(frame, /6 rows/);
    assert.match(frame, /dev unreachable: connect ECONNREFUSED/);
    frame = await frameAfter(app, ['/', 'pay']);
    assert.match(frame, /2 rows/);
    const rows = frame.split('\n').filter((l) => /^(us-east|eu-west)-prod +production/.test(l));
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.includes('payment-')));
    frame = await frameAfter(app, ['\r', '\u001b']);
    assert.match(frame, /6 rows/, 'Esc clears the filter');
  });

  it('Enter on a cluster drills into its pods, Enter on a pod shows its YAML, Esc goes back', async () => {
    const store = fleetStore();
    const { app } = mount(store);
    unmount = app.unmount;
    let frame = await frameAfter(app, ['j', '\r']);
    assert.match(frame, /pods \(cluster eu-west-prod/);
    assert.doesNotMatch(frame, /^us-east-prod/m);
    frame = await frameAfter(app, ['\r']);
    assert.match(frame, /eu-west-prod\/pods\/production\/payment-eu-west-prod-0 \(YAML/);
    assert.match(frame, /loading…/);
    store.dispatch({
      type: 'yamlLoaded',
      cluster: 'eu-west-prod',
      resource: 'pods',
      key: 'production/payment-eu-west-prod-0',
      text: 'apiVersion: v1\nkind: Pod',
    });
    frame = await waitFor(app, /kind: Pod/);
    assert.match(frame, /apiVersion: v1/);
    frame = await frameAfter(app, ['\u001b']);
    assert.match(frame, /pods \(cluster eu-west-prod/);
  });

  it('? shows every key, q quits', async () => {
    const { app, quits } = mount(fleetStore());
    unmount = app.unmount;
    // the help scrolls: its first screen, then its end
    const frame = (await frameAfter(app, ['?'])) + (await frameAfter(app, ['G']));
    for (const key of [
      ':',
      '/',
      'Enter',
      'Esc',
      'j/k',
      'g/G',
      'PgDn',
      'y',
      'd',
      'l',
      'N A R S T P',
      'n',
      'c',
      'r',
      'q, Ctrl-C',
    ]) {
      assert.ok(frame.includes(key), `help lists ${key}`);
    }
    await frameAfter(app, ['\u001b', 'q']);
    assert.equal(quits(), 1);
  });

  it('renders only the rows that fit (virtualised) and follows the selection', async () => {
    const { app } = mount(fleetStore(500), { width: 80, height: 24 });
    unmount = app.unmount;
    let frame = await frameAfter(app, [':', 'pods', '\r']);
    assert.match(frame, /1000 rows/);
    const lines = frame.split('\n');
    assert.ok(lines.length <= 24, `at most 24 lines, got ${lines.length}`);
    assert.ok(
      lines.every((l) => l.length <= 80),
      'no line wider than the terminal',
    );
    frame = await frameAfter(app, ['G']);
    assert.match(frame, /web-eu-west-prod-499/);
    assert.doesNotMatch(frame, /payment-us-east-prod-0 /);
  });

  it('N sorts by NAME, N again reverses; s is harmless; c excludes a cluster from the views and the header', async () => {
    const { app } = mount(fleetStore());
    unmount = app.unmount;
    const names = (f: string) =>
      f
        .split('\n')
        .filter((l) => /-prod +production/.test(l))
        .map((l) => l.split(/ +/)[2]!);
    let frame = await frameAfter(app, [':', 'pods', '\r', 'N']);
    assert.match(frame, /sort NAME↑/);
    assert.deepEqual(names(frame), [...names(frame)].sort());
    frame = await frameAfter(app, ['N']);
    assert.match(frame, /sort NAME↓/);
    assert.deepEqual(names(frame), [...names(frame)].sort().reverse());
    frame = await frameAfter(app, ['s']);
    assert.match(frame, /s: no shell here/);
    assert.match(frame, /sort NAME↓/, 's changed nothing');
    frame = await frameAfter(app, ['c', ' ', '\u001b']);
    assert.match(frame, /clusters 1\/2 healthy/);
    assert.match(frame, /3 rows/);
  });

  it('ages tick on a fake clock: a row ages with no event from the cluster', async () => {
    const store = fleetStore();
    let clock = Date.UTC(2026, 0, 1, 12, 0, 0);
    store.dispatch({
      type: 'rowUpsert',
      resource: 'pods',
      cluster: 'us-east-prod',
      row: {
        namespace: 'production',
        name: 'fresh-pod',
        cells: ['fresh-pod', '1/1', 'Running', '1 (30s ago)', '0s'],
        stamps: [undefined, undefined, undefined, clock - 30_000, clock],
      },
    });
    const app = render(
      createElement(App, {
        store,
        color: false,
        width: 100,
        height: 24,
        formatTime: () => '12:00:00',
        now: () => clock,
        tickMs: 20,
      }),
    );
    unmount = app.unmount;
    let frame = await frameAfter(app, [':', 'pods', '\r', '/', 'fresh', '\r']);
    assert.match(frame, /fresh-pod +1\/1 +Running +1 \(30s ago\) +0s/);
    clock += 142_000;
    frame = await waitFor(app, /fresh-pod .*2m22s/);
    assert.match(frame, /fresh-pod +1\/1 +Running +1 \(2m52s ago\) +2m22s/);
  });
});
