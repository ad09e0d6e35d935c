/**
 * The k9s features against a simulated fleet over TLS, through core (components, keys, controller, core
 * backend), rendered with ink-testing-library: a restricted context in its namespace, logs (current and
 * previous) of a crashlooping pod, describe with events, and a pod whose name needed escaping.
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

const EVIL = 'evil\u001b]0;pwned\u0007pod';

describe('dashboard k9s features on a simulated fleet', function () {
  this.timeout(30_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let controller: Controller;
  let app: ReturnType<typeof render>;
  let crashing = '';

  before(async () => {
    fleet = await startFleet({ clusters: ['us-east-prod'], podsPerCluster: 40 });
    const c = fleet.cluster('us-east-prod');
    const crash = c.store
      .list('pods', 'production')
      .find((p) => JSON.stringify(p).includes('"reason":"CrashLoopBackOff"'));
    assert.ok(crash, 'the simulated fleet has a crashlooping pod in production');
    crashing = crash.metadata!.name!;
    // A pod whose name a hostile server made unprintable.
    const running = c.store.list('pods', 'production').find((p) => JSON.stringify(p).includes('"running"'))!;
    c.store.add('pods', {
      ...running,
      metadata: { ...running.metadata, name: EVIL, uid: 'evil-uid', resourceVersion: undefined },
    });
    const loaded = await loadKubeconfig({ kubeconfig: fleet.kubeconfigPath });
    const contexts = ['us-east-prod', fleet.restrictedContext];
    // Each context in its own namespace: the restricted user may list only `default`.
    const store = createStore(
      initialState(
        contexts.map((name) => ({ name })),
        20,
        {
          nsByCluster: { 'us-east-prod': 'production', [fleet.restrictedContext]: 'default' },
          contextNs: { 'us-east-prod': 'default', [fleet.restrictedContext]: 'default' },
        },
      ),
    );
    controller = new Controller(store, contexts, coreBackend(loaded), {
      refreshMs: 30_000,
      timeoutMs: 5_000,
      flushMs: 10,
    });
    controller.start();
    app = render(createElement(App, { store, data: controller, color: false, width: 160, height: 60 }));
  });

  after(async () => {
    app?.unmount();
    await controller?.stop();
    await fleet?.stop();
  });

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
  const type = (text: string) => app.stdin.write(text);

  it("lists each context's namespace: the restricted user sees default's pods, no forbidden line", async () => {
    type(':pods\r');
    const f = await waitFor(
      'pods of both contexts',
      (f) => /^us-east-prod +production /m.test(f) && /^us-east-prod-restricted +default /m.test(f),
    );
    assert.match(f, /each context's namespace/);
    assert.doesNotMatch(f, /forbidden/i);
    assert.doesNotMatch(f, /^us-east-prod +(?!production)\S+ /m, 'only production on us-east-prod');
  });

  it('l on the crashlooping pod streams its log; p shows the previous container, which failed', async () => {
    type(`/${crashing}\r`);
    await waitFor('the crashing pod', (f) => /· {2}1 rows/.test(f) && f.includes(crashing));
    type('l');
    let f = await waitFor('its log lines', (f) => /\(logs, following, lines \d+-\d+ of \d+/.test(f));
    assert.match(f, new RegExp(`us-east-prod/pods/production/${crashing} \\(logs`));
    assert.match(f, /^\d{4}-\d\d-\d\dT\S+ (INFO|WARN|ERROR) /m);
    type('p');
    f = await waitFor('the previous log', (f) => /\(logs, previous, lines/.test(f) && /fatal/.test(f));
    assert.match(f, /ERROR \S+ fatal: .*\(exit code \d+\)/);
    type('\u001b');
    await waitFor('the pods view', (f) => f.includes(`filter /${crashing}`));
  });

  it('d describes it as kubectl does, with its events', async () => {
    type('d');
    const f = await waitFor('the description', (f) => /\(describe, lines/.test(f) && /^Name: +/m.test(f));
    assert.match(f, new RegExp(`^Name: +${crashing}$`, 'm'));
    assert.match(f, /^Namespace: +production$/m);
    // the pod's events are at its end
    type('G');
    await waitFor('its events', (f) => /^Events:/m.test(f) || /Back-off restarting failed container/.test(f));
    type('\u001b');
    await waitFor('the pods view', (f) => f.includes(`filter /${crashing}`));
  });

  it('a pod whose name needed escaping opens (YAML by its real name), shown escaped', async () => {
    type('\u001b');
    await waitFor('no filter', (f) => !f.includes('filter /'));
    type('/evil\r');
    await waitFor('the escaped pod', (f) => /· {2}1 rows/.test(f) && /evil\^\[\]0;pwned\^Gpod/.test(f));
    type('y');
    const f = await waitFor('its YAML', (f) => /^kind: Pod$/m.test(f) || /error:/.test(f));
    assert.doesNotMatch(f, /error:/);
    assert.match(f, /^ {2}name: "evil\\e\]0;pwned\\apod"$/m);
    assert.ok(!f.includes('\u001b]0;'), 'nothing reached the terminal unescaped');
    type('\u001b');
    await waitFor('the pods view', (f) => f.includes('filter /evil'));
    type('\u001b');
    await waitFor('no filter', (f) => !f.includes('filter /'));
  });

  it(':pods kube-system switches both contexts; the restricted one is refused there and says so', async () => {
    type(':pods kube-system\r');
    const f = await waitFor(
      'kube-system pods and the refusal',
      (f) => /^us-east-prod +kube-system /m.test(f) && /^us-east-prod-restricted forbidden/m.test(f),
    );
    assert.match(f, /pods \(all clusters, kube-system\)/);
  });

  it('all namespaces: the restricted context falls back to its own namespace and says so', async () => {
    type('n');
    await waitFor('the namespace picker', (f) => /Namespace \(Enter picks/.test(f));
    type('g');
    type('\r');
    const f = await waitFor(
      'every namespace, and the fallback',
      (f) =>
        /pods \(all clusters, all namespaces\)/.test(f) &&
        /^us-east-prod-restricted may not list across namespaces: showing default/m.test(f) &&
        /^us-east-prod-restricted +default +/m.test(f) &&
        !/^us-east-prod-restricted forbidden/m.test(f),
    );
    assert.doesNotMatch(f, /^us-east-prod-restricted +(?!default )\S+ +\S+ +\d+\/\d+ /m);
  });

  it(':pods app=api lists only what the clusters select', async () => {
    type(':pods app=api\r');
    const f = await waitFor(
      'the selected pods',
      (f) => /pods -l app=api \(all clusters/.test(f) && /^us-east-prod +\S+ +api-/m.test(f),
    );
    const names = f
      .split('\n')
      .filter((l) => /^us-east-prod(-restricted)? +\S+ +\S+ +\d+\/\d+ /.test(l))
      .map((l) => l.split(/ +/)[2]!);
    // (the escaped pod is a copy of an api pod, labels included)
    assert.ok(names.length > 0 && names.every((n) => /^(api-|evil)/.test(n)), names.join(' '));
  });

  it('Ctrl-W shows every column the server prints (IP, NODE), and again the default ones', async () => {
    type('\u0017');
    let f = await waitFor(
      'the wide columns',
      // The columns come with the first cluster to answer: wait for us-east-prod's rows too.
      (f) =>
        /\(wide\)/.test(f) &&
        /CLUSTER +NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE +IP +NODE/.test(f) &&
        /^us-east-prod +\S+ +api-/m.test(f),
    );
    assert.match(f, /^us-east-prod +\S+ +api-\S+ .* 10\.\d+\.\d+\.\d+ +\S+/m);
    type('\u0017');
    f = await waitFor(
      'the default columns',
      (f) => !/\(wide\)/.test(f) && /^us-east-prod +\S+ +api-/m.test(f),
    );
    assert.doesNotMatch(f, / IP +NODE/);
  });

  it('pods show CPU and MEM from the metrics API; shift-C sorts by CPU, highest first', async () => {
    type(':pods\r');
    await waitFor(
      'the usage columns',
      (f) => /RESTARTS +AGE +CPU +MEM/.test(f) && /^us-east-prod .* \d+m +\d+Mi *$/m.test(f),
    );
    type('C');
    const f = await waitFor('the sort', (f) => /sort CPU↓/.test(f));
    const cpu = f
      .split('\n')
      .filter((l) => /^us-east-prod(-restricted)? /.test(l))
      .map((l) => / (\d+)m +\d+Mi *$/.exec(l)?.[1])
      .filter((x): x is string => x !== undefined)
      .map(Number);
    assert.ok(cpu.length > 3, f);
    assert.deepEqual(
      cpu,
      [...cpu].sort((a, b) => b - a),
    );
  });

  it(':drift shows what the clusters disagree on, and the cluster that could not answer', async () => {
    type(':drift\r');
    const f = await waitFor('the drift', (f) => /workloads differ between clusters \(1 answered\)/.test(f));
    assert.match(f, /^drift: workloads whose clusters disagree/m);
    assert.match(f, /^us-east-prod-restricted: forbidden: /m);
    type('\u001b');
  });
});
