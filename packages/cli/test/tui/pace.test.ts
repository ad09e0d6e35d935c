/**
 * The paced frame (pace.ts): while loading, and for anything the user caused, every change is drawn at
 * once; once everything is shown, what the clusters send in the background (health, latency, CPU/MEM,
 * row events) waits for the next pace and is drawn with the next urgent change or tick.
 */
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import { settled, urgent } from '../../src/tui/pace.js';
import { initialState, reducer, type Action, type State } from '../../src/tui/state.js';
import { createStore } from '../../src/tui/store.js';

const COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];

function ok(cluster: string, latencyMs: number): Action {
  return { type: 'health', cluster, health: { state: 'ok', version: 'v1.31.2', latencyMs } };
}
function pods(cluster: string, names: string[]): Action {
  return {
    type: 'rowsReplaced',
    resource: 'pods',
    cluster,
    columns: COLUMNS,
    rows: names.map((name) => ({ namespace: 'shop', name, cells: [name, '1/1', 'Running', '0', '5m'] })),
  };
}
const run = (s: State, ...a: Action[]) => a.reduce(reducer, s);

function loaded(): State {
  return run(
    initialState([{ name: 'a' }, { name: 'b' }]),
    ok('a', 10),
    ok('b', 20),
    pods('a', ['web-1']),
    pods('b', []),
  );
}

async function waitFor(app: ReturnType<typeof render>, what: string, test: (f: string) => boolean) {
  for (let i = 0; i < 200; i++) {
    const f = app.lastFrame() ?? '';
    if (test(f)) return f;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`timed out waiting for ${what}: ${app.lastFrame() ?? ''}`);
}

describe('dashboard pace: what is drawn at once', () => {
  it('settled: every included cluster answered its health and the shown list', () => {
    const start = initialState([{ name: 'a' }, { name: 'b' }]);
    assert.equal(settled(start), false, 'health pending');
    const healthy = run(start, ok('a', 10), ok('b', 20));
    assert.equal(settled(healthy), false, 'the clusters view counts pods: not listed yet');
    assert.equal(settled(run(healthy, pods('a', []), pods('b', []))), true, 'health and pods');
    const listing = run(healthy, { type: 'openResource', resource: 'pods' });
    assert.equal(settled(listing), false, 'no pods yet');
    assert.equal(settled(run(listing, pods('a', ['x']))), false, 'b has not listed');
    assert.equal(settled(run(listing, pods('a', ['x']), pods('b', []))), true);
  });

  it('urgent: loading, keys, views, prompts, flashes; not health, usage, rows or the clock once shown', () => {
    const s = run(loaded(), { type: 'openResource', resource: 'pods' }, pods('b', ['api-1']));
    assert.equal(settled(s), true);
    assert.equal(urgent(s, run(s, ok('a', 99))), false, 'a latency');
    assert.equal(urgent(s, run(s, pods('a', ['web-1', 'web-2']))), false, 'a row event');
    assert.equal(urgent(s, run(s, { type: 'tick', now: 5 })), false, 'the clock');
    assert.equal(
      urgent(s, run(s, { type: 'usage', cluster: 'a', pods: { 'shop/web-1': ['1m', '2Mi', 1, 2] } })),
      false,
      'CPU/MEM',
    );
    assert.equal(urgent(s, run(s, { type: 'move', delta: 1 })), true, 'a key');
    assert.equal(urgent(s, run(s, { type: 'flash', text: 'hi' })), true, 'a status line');
    assert.equal(urgent(s, run(s, { type: 'promptOpen', kind: 'filter' })), true, 'a prompt');
    const loading = run(loaded(), { type: 'openResource', resource: 'deployments' });
    const deploy: Action = {
      type: 'rowsReplaced',
      resource: 'deployments',
      cluster: 'a',
      columns: ['NAME', 'READY'],
      rows: [{ namespace: 'shop', name: 'web', cells: ['web', '1/1'] }],
    };
    assert.equal(urgent(loading, run(loading, deploy)), true, 'rows while the shown list loads');
  });

  it('a background change waits for the pace, and shows with the next urgent one', async () => {
    const store = createStore(loaded());
    const app = render(createElement(App, { store, color: false, width: 100, height: 12, paceMs: 600_000 }));
    // The same store unpaced, beside it: once it shows a change, the paced one had the chance to as well.
    const unpaced = render(createElement(App, { store, color: false, width: 100, height: 12 }));
    try {
      await waitFor(app, 'the clusters', (f) => /slowest b 20ms/.test(f));
      store.dispatch(ok('a', 777));
      await waitFor(unpaced, 'the latency, unpaced', (f) => /slowest a 777ms/.test(f));
      assert.match(app.lastFrame() ?? '', /slowest b 20ms/, 'paced: not drawn yet');
      // The status line (urgent) brings the latency with it.
      store.dispatch({ type: 'flash', text: 'now' });
      const f = await waitFor(app, 'the flash', (t) => t.includes('now'));
      assert.match(f, /slowest a 777ms/);
    } finally {
      app.unmount();
      unpaced.unmount();
    }
  });

  it('a key is drawn at once, paced or not', async () => {
    const store = createStore(loaded());
    const app = render(createElement(App, { store, color: false, width: 100, height: 12, paceMs: 600_000 }));
    try {
      await waitFor(app, 'the clusters', (f) => /slowest b 20ms/.test(f));
      app.stdin.write('?');
      await waitFor(app, 'the help', (f) => /Help: keys/.test(f));
    } finally {
      app.unmount();
    }
  });
});
