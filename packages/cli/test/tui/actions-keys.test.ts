/**
 * The actions' keys and dialog over a fake backend (what is sent, and when nothing is): which key starts
 * what on which resource, `r`/`s` left to refresh and the sort hint elsewhere, the replica count checked,
 * a protected context's word, the cluster's error as the status line.
 */
import assert from 'node:assert/strict';
import { ClusterError } from '@kubectl-mc/core';
import { Actions, actionKey } from '../../src/tui/actions.js';
import { handleKey } from '../../src/tui/keys.js';
import type { ActionBackend, ActionTarget } from '../../src/tui/mutations.js';
import type { State } from '../../src/tui/state.js';
import { createStore } from '../../src/tui/store.js';
import { fleet, run } from './state/fixtures.js';

const NONE = { rules: [], environments: new Map() };

function withDeployments(): State {
  return run(
    fleet(),
    {
      type: 'rowsReplaced',
      resource: 'deployments',
      cluster: 'us-east',
      columns: ['Name', 'Ready'],
      rows: [{ namespace: 'shop', name: 'web', cells: ['web', '2/2'] }],
    },
    { type: 'openResource', resource: 'deployments' },
  );
}

class FakeBackend implements ActionBackend {
  calls: string[] = [];
  fail?: ClusterError;
  private record(what: string): Promise<string> {
    this.calls.push(what);
    return this.fail ? Promise.reject(this.fail) : Promise.resolve(what.split(' ')[0] + 'd');
  }
  delete(t: ActionTarget) {
    return this.record(`delete ${t.cluster} ${t.resource} ${t.namespace ?? ''}/${t.name}`);
  }
  kill(t: ActionTarget) {
    this.calls.push(`kill ${t.cluster} ${t.resource} ${t.namespace ?? ''}/${t.name}`);
    return this.fail ? Promise.reject(this.fail) : Promise.resolve('force deleted');
  }
  scale(t: ActionTarget, n: number) {
    return this.record(`scale ${t.cluster} ${t.resource} ${t.namespace ?? ''}/${t.name} ${n}`);
  }
  restart(t: ActionTarget) {
    return this.record(`restart ${t.cluster} ${t.resource} ${t.namespace ?? ''}/${t.name}`);
  }
}

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(test(), 'the condition never held');
}

describe('dashboard actions: keys and dialog', () => {
  it('ctrl-d on any row; s and r only on the workloads they fit (elsewhere: the old keys)', () => {
    const pods = run(fleet(), { type: 'openResource', resource: 'pods' });
    assert.equal(actionKey(pods, 'd', { ctrl: true }), 'delete');
    assert.equal(actionKey(pods, 'd', {}), undefined, 'd is describe');
    assert.equal(actionKey(pods, 's', {}), undefined);
    assert.equal(actionKey(pods, 'r', {}), undefined);
    assert.equal(handleKey(pods, 'r', {}).refresh, true, 'r still refreshes pods');
    const deploy = withDeployments();
    assert.equal(actionKey(deploy, 's', {}), 'scale');
    assert.equal(actionKey(deploy, 'r', {}), 'restart');
    assert.equal(actionKey(fleet(), 'd', { ctrl: true }), undefined, 'not on the clusters view');
    const prompting = run(deploy, { type: 'promptOpen', kind: 'filter' });
    assert.equal(actionKey(prompting, 's', {}), undefined, 'typing a filter');
    assert.equal(actionKey(pods, 'k', { ctrl: true }), 'kill', 'ctrl-k kills a pod');
    assert.equal(actionKey(pods, 'k', {}), undefined, 'k moves up');
    assert.equal(actionKey(deploy, 'k', { ctrl: true }), undefined, 'k9s kills pods only');
  });

  it('ctrl-k asks (grace period 0) and kills only on y; a protected context needs its word', async () => {
    const store = createStore(run(fleet(), { type: 'openResource', resource: 'pods' }));
    const backend = new FakeBackend();
    const a = new Actions({ store, backend, protection: NONE });
    const pod = store.getState().resources['pods']!.rows['us-east']![0]!;
    a.handleKey(store.getState(), 'k', { ctrl: true });
    await until(() => a.getDialog() !== undefined);
    const question = `Kill pods/${pod.name} -n ${pod.namespace} on cluster us-east now (grace period 0)? [y/N]`;
    assert.equal(Actions.question(a.getDialog()!), question);
    a.handleKey(store.getState(), 'n', {});
    assert.equal(store.getState().flash, 'Nothing was killed.');
    assert.deepEqual(backend.calls, []);
    a.handleKey(store.getState(), 'k', { ctrl: true });
    await until(() => a.getDialog() !== undefined);
    a.handleKey(store.getState(), 'y', {});
    assert.deepEqual(backend.calls, [`kill us-east pods ${pod.namespace}/${pod.name}`]);
    await until(() => store.getState().flash?.endsWith('force deleted') === true);
    assert.equal(
      store.getState().flash,
      `pods/${pod.name} -n ${pod.namespace} on cluster us-east: force deleted`,
    );

    const guarded = new Actions({
      store,
      backend,
      protection: { rules: [{ context: 'us-*', environment: 'prod-us' }], environments: new Map() },
    });
    guarded.handleKey(store.getState(), 'k', { ctrl: true });
    await until(() => guarded.getDialog() !== undefined);
    assert.match(
      Actions.question(guarded.getDialog()!),
      /grace period 0\)\? Protected: type prod-us \+ Enter: $/,
    );
    guarded.handleKey(store.getState(), 'y', {});
    guarded.handleKey(store.getState(), '', { return: true });
    assert.equal(store.getState().flash, 'Nothing was killed: "prod-us" was not typed.');
    assert.equal(backend.calls.length, 1, 'y is not the word');
  });

  it('--readonly refuses ctrl-k too', () => {
    const store = createStore(run(fleet(), { type: 'openResource', resource: 'pods' }));
    const backend = new FakeBackend();
    const a = new Actions({ store, backend, protection: NONE, readonly: true });
    assert.equal(a.handleKey(store.getState(), 'k', { ctrl: true }), true);
    assert.equal(store.getState().flash, 'read-only (--readonly): kill is disabled');
    assert.equal(a.getDialog(), undefined);
  });

  it('scale asks the count (a number), then y sends it; the result is the status line', async () => {
    const store = createStore(withDeployments());
    const backend = new FakeBackend();
    let refreshed = 0;
    const a = new Actions({ store, backend, protection: NONE, refresh: () => refreshed++ });
    assert.equal(a.handleKey(store.getState(), 's', {}), true);
    await until(() => a.getDialog()?.stage === 'replicas');
    for (const k of '-1') a.handleKey(store.getState(), k, {});
    a.handleKey(store.getState(), '', { return: true });
    assert.match(Actions.question(a.getDialog()!), /a whole number of replicas/);
    a.handleKey(store.getState(), '3', {});
    a.handleKey(store.getState(), '', { return: true });
    assert.equal(
      Actions.question(a.getDialog()!),
      'Scale deployments/web -n shop on cluster us-east to 3 replicas? [y/N]',
    );
    assert.deepEqual(backend.calls, [], 'nothing sent before y');
    a.handleKey(store.getState(), 'y', {});
    assert.equal(a.getDialog(), undefined);
    assert.deepEqual(backend.calls, ['scale us-east deployments shop/web 3']);
    await until(() => refreshed === 1);
    assert.equal(store.getState().flash, 'deployments/web -n shop on cluster us-east: scaled to 3');
  });

  it('a protected context: y is text, only the environment typed goes ahead', async () => {
    const store = createStore(withDeployments());
    const backend = new FakeBackend();
    const protection = { rules: [{ context: 'us-*', environment: 'prod-eu' }], environments: new Map() };
    const a = new Actions({ store, backend, protection });
    a.handleKey(store.getState(), 'r', {});
    await until(() => a.getDialog() !== undefined);
    assert.match(Actions.question(a.getDialog()!), /Protected: type prod-eu \+ Enter: $/);
    a.handleKey(store.getState(), 'y', {});
    a.handleKey(store.getState(), '', { return: true });
    assert.equal(a.getDialog(), undefined);
    assert.equal(store.getState().flash, 'Nothing was restarted: "prod-eu" was not typed.');
    a.handleKey(store.getState(), 'r', {});
    await until(() => a.getDialog() !== undefined);
    for (const k of 'prod-eu') a.handleKey(store.getState(), k, {});
    a.handleKey(store.getState(), '', { return: true });
    assert.deepEqual(backend.calls, ['restart us-east deployments shop/web']);
  });

  it("the cluster's error is the status line, escaped", async () => {
    const store = createStore(withDeployments());
    const backend = new FakeBackend();
    backend.fail = new ClusterError('Forbidden', 'us-east', 'cannot delete \u001b[31mthis');
    const a = new Actions({ store, backend, protection: NONE });
    a.handleKey(store.getState(), 'd', { ctrl: true });
    await until(() => a.getDialog() !== undefined);
    a.handleKey(store.getState(), 'y', {});
    await until(() => store.getState().flash?.startsWith('error:') === true);
    assert.equal(store.getState().flash, 'error: context "us-east": Forbidden: cannot delete ^[[31mthis');
  });

  it('a protection file that cannot be read refuses the action with its message', async () => {
    const store = createStore(withDeployments());
    const backend = new FakeBackend();
    const a = new Actions({ store, backend, protection: Promise.reject(new Error('bad .kubectl-mc.yaml')) });
    a.handleKey(store.getState(), 'd', { ctrl: true });
    await until(() => store.getState().flash !== undefined);
    assert.equal(store.getState().flash, 'delete refused: bad .kubectl-mc.yaml');
    assert.equal(a.getDialog(), undefined);
    assert.deepEqual(backend.calls, []);
  });
});
