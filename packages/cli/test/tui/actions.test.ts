/**
 * The dashboard's actions (ctrl-d delete, s scale, r restart) against a simulated fleet over TLS, through
 * core (App, keys, controller, core backend, `fleetActions`), rendered with ink-testing-library; the real
 * kubectl says what the cluster then holds: `n` and Esc change nothing, `y` deletes, a protected context
 * needs its environment typed, a forbidden cluster's error is the status line, `--readonly` refuses.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { loadKubeconfig } from '@kubectl-mc/core';
import type { Protection } from '@kubectl-mc/core/fleet';
import { startFleet } from '@kubectl-mc/sim';
import { Actions } from '../../src/tui/actions.js';
import { App } from '../../src/tui/App.js';
import { coreBackend } from '../../src/tui/backend.js';
import { Controller } from '../../src/tui/data.js';
import { fleetActions } from '../../src/tui/mutations.js';
import { initialState } from '../../src/tui/state.js';
import { createStore } from '../../src/tui/store.js';

const NONE: Protection = { rules: [], environments: new Map() };
const PROD = 'us-east-prod';

describe('dashboard actions on a simulated fleet', function () {
  this.timeout(60_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let contexts: string[];
  let controller: Controller | undefined;
  let actions: Actions | undefined;
  let app: ReturnType<typeof render> | undefined;

  before(async () => {
    fleet = await startFleet({ clusters: [PROD], podsPerCluster: 12 });
    contexts = [PROD, fleet.restrictedContext];
  });

  async function unmount(): Promise<void> {
    app?.unmount();
    await actions?.stop();
    await controller?.stop();
    app = undefined;
    actions = undefined;
    controller = undefined;
  }
  afterEach(unmount);
  after(async () => {
    await fleet?.stop();
  });

  /** A dashboard of its own (its own kubeconfig, so its connections are its own: stop closes them). */
  async function mount(opts: { readonly?: boolean; protection?: Protection } = {}): Promise<void> {
    const loaded = await loadKubeconfig({ kubeconfig: fleet.kubeconfigPath });
    const store = createStore(
      initialState(
        contexts.map((name) => ({ name })),
        20,
        {
          nsByCluster: { [PROD]: 'production', [fleet.restrictedContext]: 'default' },
          contextNs: { [PROD]: 'default', [fleet.restrictedContext]: 'default' },
        },
      ),
    );
    const c = new Controller(store, contexts, coreBackend(loaded), {
      refreshMs: 30_000,
      timeoutMs: 5_000,
      flushMs: 10,
    });
    controller = c;
    actions = new Actions({
      store,
      backend: fleetActions(loaded, { timeoutMs: 5_000 }),
      protection: opts.protection ?? NONE,
      readonly: opts.readonly ?? false,
      refresh: () => c.refresh(),
    });
    c.start();
    app = render(createElement(App, { store, data: c, color: false, width: 200, height: 40, actions }));
  }

  async function waitFor(what: string, test: (frame: string) => boolean, ms = 15_000): Promise<string> {
    const deadline = Date.now() + ms;
    let frame = '';
    while (Date.now() < deadline) {
      frame = app?.lastFrame() ?? '';
      if (test(frame)) return frame;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`timed out waiting for ${what}; the frame was:\n${frame}`);
  }
  const type = (text: string) => app!.stdin.write(text);
  const CTRL_D = '\u0004';
  const ESC = '\u001b';

  /** The real kubectl against the simulated cluster. */
  function kubectl(context: string, ...args: string[]): Promise<{ code: number; out: string }> {
    return new Promise((resolve) => {
      execFile(
        'kubectl',
        ['--kubeconfig', fleet.kubeconfigPath, '--context', context, ...args],
        { timeout: 30_000 },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
      );
    });
  }

  /** Gone, or terminating (its grace period running), as kubectl sees it. */
  async function deleted(pod: string): Promise<boolean> {
    const r = await kubectl(
      PROD,
      'get',
      'pod',
      pod,
      '-n',
      'production',
      '-o',
      'jsonpath={.metadata.deletionTimestamp}',
    );
    return r.code !== 0 ? /NotFound|not found/.test(r.out) : r.out.trim() !== '';
  }

  /** A pod of `production` on the cluster that nothing else here touches. */
  function podName(i: number): string {
    const pods = fleet.cluster(PROD).store.list('pods', 'production');
    return pods[i]!.metadata!.name!;
  }

  /** `:pods`, then only `name` listed and selected. */
  async function selectPod(name: string): Promise<void> {
    type(':pods\r');
    await waitFor('the pods', (f) => /^us-east-prod +production /m.test(f));
    type(`/${name}\r`);
    await waitFor(`the pod ${name}`, (f) => /· {2}1 rows/.test(f) && f.includes(name));
  }

  it('ctrl-d asks naming the pod and its cluster; n and Esc change nothing; y deletes', async () => {
    await mount();
    const pod = podName(0);
    await selectPod(pod);
    type(CTRL_D);
    let f = await waitFor('the dialog', (f) => /\[y\/N\]/.test(f));
    assert.match(f, new RegExp(`Delete pods/${pod} -n production on cluster us-east-prod\\? \\[y/N\\]`));
    type('n');
    f = await waitFor('the refusal', (f) => f.includes('Nothing was deleted.'));
    assert.doesNotMatch(f, /\[y\/N\]/);
    assert.ok(!(await deleted(pod)), 'n kept the pod');

    type(CTRL_D);
    await waitFor('the dialog again', (f) => /\[y\/N\]/.test(f));
    type(ESC);
    await waitFor('the dialog gone', (f) => !/\[y\/N\]/.test(f) && f.includes('Nothing was deleted.'));
    assert.ok(!(await deleted(pod)), 'Esc kept the pod');
    assert.match(app!.lastFrame()!, /· {2}1 rows/, 'Esc closed the dialog, not the filter');

    type(CTRL_D);
    await waitFor('the dialog a third time', (f) => /\[y\/N\]/.test(f));
    type('y');
    f = await waitFor('the result', (f) => f.includes(`: deleted`));
    assert.match(f, new RegExp(`pods/${pod} -n production on cluster us-east-prod: deleted`));
    assert.ok(await deleted(pod), 'y deleted the pod');
  });

  it('s scales a deployment to the count typed; r restarts it (kubectl sees both)', async () => {
    await mount();
    type(':deploy\r');
    await waitFor('the deployments', (f) => /^us-east-prod +production +payment /m.test(f));
    type('/payment\r');
    await waitFor('payment alone', (f) => /· {2}1 rows/.test(f));
    type('s');
    await waitFor('the replica question', (f) => /to how many replicas\?/.test(f));
    type('x\r');
    await waitFor('the hint', (f) => /a whole number of replicas/.test(f));
    type('7\r');
    await waitFor('the confirmation', (f) =>
      /Scale deployments\/payment .* to 7 replicas\? \[y\/N\]/.test(f),
    );
    type('y');
    await waitFor('scaled', (f) => /payment -n production on cluster us-east-prod: scaled to 7/.test(f));
    const replicas = await kubectl(
      PROD,
      'get',
      'deploy',
      'payment',
      '-n',
      'production',
      '-o',
      'jsonpath={.spec.replicas}',
    );
    assert.equal(replicas.out.trim(), '7');

    type('r');
    await waitFor('the restart question', (f) => /Restart deployments\/payment .*\? \[y\/N\]/.test(f));
    type('y');
    await waitFor('restarted', (f) => /on cluster us-east-prod: restarted/.test(f));
    const at = await kubectl(
      PROD,
      'get',
      'deploy',
      'payment',
      '-n',
      'production',
      '-o',
      'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}',
    );
    assert.match(at.out.trim(), /^\d{4}-\d\d-\d\dT/);
  });

  it("a forbidden cluster's error is the status line", async () => {
    await mount();
    type(':svc\r');
    await waitFor('the restricted services', (f) =>
      /^us-east-prod-restricted +default +kubernetes /m.test(f),
    );
    type('/restricted\r');
    await waitFor('restricted rows only', (f) => !/^us-east-prod +production /m.test(f) && /rows/.test(f));
    type(CTRL_D);
    await waitFor('the dialog', (f) =>
      /Delete services\/hello -n default on cluster us-east-prod-restricted\? \[y\/N\]/.test(f),
    );
    type('y');
    const f = await waitFor('the error', (f) => /^error: context "us-east-prod-restricted": /m.test(f));
    assert.match(f, /forbidden/i);
  });

  it('a protected context needs its environment typed: y is not enough', async () => {
    await mount({ protection: { rules: [{ context: '*-prod' }], environments: new Map() } });
    const pod = podName(1);
    await selectPod(pod);
    type(CTRL_D);
    await waitFor('the protected dialog', (f) => /Protected: type production \+ Enter:/.test(f));
    type('y\r');
    await waitFor('the refusal', (f) => f.includes('Nothing was deleted: "production" was not typed.'));
    assert.ok(!(await deleted(pod)), 'y alone kept the pod');
    type(CTRL_D);
    await waitFor('the protected dialog again', (f) =>
      /type production \+ Enter: $/m.test(f.trimEnd() + ' '),
    );
    type('production\r');
    await waitFor('deleted', (f) => /on cluster us-east-prod: deleted/.test(f));
    assert.ok(await deleted(pod), 'the typed name deleted the pod');
  });

  it('--readonly refuses every action and says so', async () => {
    await mount({ readonly: true });
    const pod = podName(2);
    await selectPod(pod);
    type(CTRL_D);
    await waitFor('the refusal', (f) => f.includes('read-only (--readonly): delete is disabled'));
    assert.doesNotMatch(app!.lastFrame()!, /\[y\/N\]/);
    type('y');
    assert.ok(!(await deleted(pod)), '--readonly kept the pod');
    type(ESC);
    await waitFor('no filter', (f) => !f.includes('filter /'));
    type(':deploy\r/payment\r');
    await waitFor('payment alone', (f) => /· {2}1 rows/.test(f) && f.includes('payment'));
    type('s');
    await waitFor('scale refused', (f) => f.includes('read-only (--readonly): scale is disabled'));
    type('r');
    await waitFor('restart refused', (f) => f.includes('read-only (--readonly): restart is disabled'));
  });
});
