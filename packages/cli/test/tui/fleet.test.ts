/**
 * The whole dashboard (components, keys, controller, core backend) against a simulated fleet over TLS,
 * rendered with ink-testing-library.
 */
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { loadKubeconfig } from '@kubectl-mc/core';
import { startFleet } from '@kubectl-mc/sim';
import { App } from '../../src/tui/App.js';
import { coreBackend } from '../../src/tui/backend.js';
import { Controller } from '../../src/tui/data.js';
import { initialState } from '../../src/tui/state.js';
import { createStore } from '../../src/tui/store.js';

const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'dev'];

describe('dashboard app on a simulated fleet', function () {
  this.timeout(30_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let controller: Controller;
  let app: ReturnType<typeof render>;
  let quits = 0;

  before(async () => {
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 12, faults: { dev: 'down' } });
    const loaded = await loadKubeconfig({ kubeconfig: fleet.kubeconfigPath });
    const store = createStore(initialState(CLUSTERS.map((name) => ({ name }))));
    controller = new Controller(store, CLUSTERS, coreBackend(loaded), {
      refreshMs: 30_000,
      timeoutMs: 5_000,
      flushMs: 10,
    });
    controller.start();
    app = render(
      createElement(App, {
        store,
        data: controller,
        color: false,
        width: 120,
        height: 30,
        onQuit: () => quits++,
      }),
    );
  });

  after(async () => {
    app?.unmount();
    await controller?.stop();
    await fleet?.stop();
  });

  /** The frame once `test` passes: a bounded wait. */
  async function waitFor(what: string, test: (frame: string) => boolean, ms = 10_000): Promise<string> {
    const deadline = Date.now() + ms;
    let frame = '';
    while (Date.now() < deadline) {
      frame = app.lastFrame() ?? '';
      if (test(frame)) return frame;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`timed out waiting for ${what}; the frame was:\n${frame}`);
  }
  const rowsCount = (f: string) => Number(/ (\d+) rows/.exec(f)?.[1] ?? -1);

  it('lists every cluster, the down one unreachable, with versions and pod counts', async () => {
    const f = await waitFor(
      'the health round and pod counts',
      (f) =>
        /^eu-west-prod .* ok .*\d+\/\d+\/\d+\/\d+/m.test(f) &&
        /^us-east-prod .* ok .*\d+\/\d+\/\d+\/\d+/m.test(f),
    );
    assert.match(f, /clusters 2\/3 healthy/);
    assert.match(f, /^dev +unreachable/m);
    assert.match(f, /^us-east-prod +ok +v\d+\.\d+/m);
  });

  let all = 0;
  it(':pods lists pods from the healthy clusters with CLUSTER first', async () => {
    app.stdin.write(':pods\r');
    const f = await waitFor(
      'pod rows',
      (f) => /CLUSTER +NAMESPACE +NAME +READY +STATUS/.test(f) && rowsCount(f) > 0,
    );
    all = rowsCount(f);
    assert.match(f, /^dev unreachable/m);
    assert.match(f, /^(us-east-prod|eu-west-prod) +\S+ +\S+ +\d+\/\d+/m);
  });

  it('/payment narrows the rows as you type', async () => {
    app.stdin.write('/');
    app.stdin.write('payment');
    const f = await waitFor('the filter', (f) => /filter \/payment/.test(f));
    const n = rowsCount(f);
    assert.ok(n > 0 && n < all, `${n} of ${all}`);
    const rows = f.split('\n').filter((l) => /^(us-east|eu-west)-prod /.test(l));
    assert.ok(rows.every((l) => l.includes('payment')));
  });

  it('Enter on a pod shows its YAML from the cluster; Esc goes back', async () => {
    app.stdin.write('\r'); // keep the filter
    app.stdin.write('\r'); // open the selected pod
    const f = await waitFor('the YAML', (f) => /^kind: Pod$/m.test(f));
    assert.match(f, /\(YAML, lines/);
    assert.match(f, /^ {2}name: payment-/m);
    app.stdin.write('\u001b');
    await waitFor('the pods view', (f) => /filter \/payment/.test(f));
  });

  it('? shows the help, q quits', async () => {
    app.stdin.write('?');
    await waitFor('the help', (f) => /Help: keys/.test(f));
    app.stdin.write('q');
    await waitFor('quit', () => quits === 1, 2000);
  });
});
