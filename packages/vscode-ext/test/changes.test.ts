/** What the changes from the trees act on and say, without VS Code: selections, menus, texts, settings. */
import assert from 'node:assert/strict';
import type { MergedWorkload } from '@kubectl-mc/core/fleet';
import { pipelineStarts } from '../src/actions/lens-text.js';
import {
  changeSummary,
  objectContextValue,
  replicasError,
  targetsOf,
  targetsTitle,
} from '../src/actions/targets.js';
import { readonlyFrom } from '../src/fleet/settings.js';
import type { Node } from '../src/tree/provider.js';

const web: MergedWorkload = {
  key: 'Deployment/production/web',
  kind: 'Deployment',
  namespace: 'production',
  name: 'web',
  clusters: [
    { context: 'a', item: { kind: 'Deployment', namespace: 'production', name: 'web', images: [] } },
    { context: 'b', item: { kind: 'Deployment', namespace: 'production', name: 'web', images: [] } },
  ],
  drift: [],
};
const obj = (context: string, name: string, namespace = 'production'): Node => ({
  type: 'object',
  context,
  resource: 'deployments.apps',
  namespace,
  name,
});

describe('changes from the trees', () => {
  it('acts on the node clicked, or on every node selected with it', () => {
    assert.deepEqual(targetsOf(obj('a', 'web')), [
      { contexts: ['a'], resource: 'deployments.apps', namespace: 'production', name: 'web' },
    ]);
    // VS Code passes the clicked node and the selection (which holds it)
    const sel = [
      obj('a', 'web'),
      obj('b', 'web'),
      obj('a', 'api'),
      { type: 'cluster', context: 'a' } as Node,
    ];
    assert.deepEqual(targetsOf(sel[0], sel), [
      { contexts: ['a', 'b'], resource: 'deployments.apps', namespace: 'production', name: 'web' },
      { contexts: ['a'], resource: 'deployments.apps', namespace: 'production', name: 'api' },
    ]);
    // the same name in another namespace is another object
    assert.equal(targetsOf(undefined, [obj('a', 'web'), obj('a', 'web', 'staging')]).length, 2);
    // a Workloads row is the workload on every cluster that has it; a non-array second argument is ignored
    assert.deepEqual(targetsOf({ type: 'workload', workload: web }, 'x')[0]!.contexts, ['a', 'b']);
    assert.deepEqual(targetsOf({ type: 'cluster', context: 'a' }), []);
    assert.equal(targetsTitle(targetsOf(sel[0], sel)), '2 objects on 2 clusters');
    assert.equal(
      targetsTitle(targetsOf(obj('a\x1b[2J', 'web'))),
      'deployments.apps/web -n production on a^[[2J',
    );
  });

  it('offers restart and status on workloads, undo on Deployments, logs on pods and workloads', () => {
    assert.equal(objectContextValue('deployments.apps'), 'resource-logs-deployment');
    assert.equal(objectContextValue('statefulsets.apps'), 'resource-logs-statefulset');
    assert.equal(objectContextValue('daemonsets.apps'), 'resource-logs-daemonset');
    assert.equal(objectContextValue('pods'), 'resource-logs');
    assert.equal(objectContextValue('configmaps'), 'resource');
  });

  it('says where a change was done and where it failed, names escaped', () => {
    assert.deepEqual(changeSummary('restarted', [{ context: 'a', ok: true }]), {
      text: 'Restarted on a.',
      failed: false,
    });
    assert.deepEqual(
      changeSummary('deleted', [
        { context: 'a', ok: true },
        { context: 'b\x07', ok: false },
      ]),
      { text: 'Deleted on a. Failed on b^G (see the result).', failed: true },
    );
    assert.deepEqual(changeSummary('scaled', []), { text: 'Nothing was scaled.', failed: false });
  });

  it('takes a whole number of replicas only', () => {
    for (const ok of ['0', '3', ' 12 ', '1000000']) assert.equal(replicasError(ok), undefined, ok);
    for (const bad of ['', '-1', '1.5', 'three', '1000001', '1e3'])
      assert.equal(replicasError(bad), 'a whole number of replicas, 0 or more', bad);
  });

  it('is read-only when any settings level says so; a workspace cannot undo the user', () => {
    assert.equal(readonlyFrom(undefined), false);
    assert.equal(readonlyFrom({ defaultValue: false }), false);
    assert.equal(readonlyFrom({ globalValue: true, workspaceValue: false }), true);
    assert.equal(readonlyFrom({ workspaceFolderValue: true }), true);
    assert.equal(readonlyFrom({ globalValue: 'true' }), false);
  });

  it('puts Plan rollout over each pipeline document, not over other documents', () => {
    const text =
      'topology:\n  clusters: []\n---\n# the pipeline\npipeline:\n  stages: []\n---\nkind: x\n  pipeline: no\n';
    assert.deepEqual(pipelineStarts(text), [3]);
    assert.deepEqual(pipelineStarts('pipeline:\n  stages: []\n'), [0]);
    assert.deepEqual(pipelineStarts('apiVersion: v1\nkind: ConfigMap\n'), []);
  });
});
