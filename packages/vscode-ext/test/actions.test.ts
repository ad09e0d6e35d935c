/** What the editor's actions act on and say, without VS Code (`actions/targets.ts`). */
import assert from 'node:assert/strict';
import type { MergedWorkload } from '@kubectl-mc/core/fleet';
import { manifestStarts } from '../src/actions/lens-text.js';
import { applySummary, clusterChoices, hasLogs, targetOf, targetTitle } from '../src/actions/targets.js';

const workload: MergedWorkload = {
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

describe('actions/targets', () => {
  it('a tree object is that object on its cluster', () => {
    assert.deepEqual(
      targetOf({ type: 'object', context: 'a', resource: 'pods', namespace: 'ns', name: 'p' }),
      { contexts: ['a'], resource: 'pods', namespace: 'ns', name: 'p' },
    );
    assert.deepEqual(targetOf({ type: 'object', context: 'a', resource: 'nodes', name: 'n1' }), {
      contexts: ['a'],
      resource: 'nodes',
      name: 'n1',
    });
    assert.equal(targetOf({ type: 'cluster', context: 'a' }), undefined);
    assert.equal(targetOf(undefined), undefined);
  });

  it('a Workloads row is the workload on every cluster that has it; a cluster row on that cluster', () => {
    assert.deepEqual(targetOf({ type: 'workload', workload }), {
      contexts: ['a', 'b'],
      resource: 'deployments.apps',
      namespace: 'production',
      name: 'web',
    });
    assert.deepEqual(targetOf({ type: 'instance', context: 'b', workload })?.contexts, ['b']);
    assert.equal(targetOf({ type: 'drift', text: 'x' }), undefined);
  });

  it('only pods and workloads have logs', () => {
    assert.ok(hasLogs('pods') && hasLogs('deployments.apps') && hasLogs('daemonsets.apps'));
    assert.ok(!hasLogs('configmaps') && !hasLogs('nodes'));
  });

  it('titles escape what a cluster named', () => {
    assert.equal(
      targetTitle({ contexts: ['a\x1b]0;x\x07'], resource: 'pods', namespace: 'ns', name: 'evil\x1b[2J' }),
      'pods/evil^[[2J -n ns on a^[]0;x^G',
    );
    assert.equal(targetTitle({ contexts: ['a', 'b'], resource: 'pods', name: 'p' }), 'pods/p on 2 clusters');
  });

  it('the cluster pick shows each cluster with its health, the healthy ones picked', () => {
    const rows = clusterChoices([
      { context: 'a', health: { state: 'ok', version: 'v1.32.4', latencyMs: 3 } as never },
      {
        context: 'b',
        health: { state: 'error', error: { kind: 'Unreachable', message: 'connect ECONNREFUSED' } },
      },
      { context: 'c', health: { state: 'pending' } },
    ]);
    assert.deepEqual(
      rows.map((r) => [r.context, r.description, r.picked]),
      [
        ['a', 'ok · v1.32.4', true],
        ['b', 'Unreachable: connect ECONNREFUSED', false],
        ['c', 'checking…', false],
      ],
    );
  });

  it('the summary after an apply names where it worked and where it failed', () => {
    assert.deepEqual(
      applySummary([
        { context: 'a', ok: true },
        { context: 'b', ok: false },
      ]),
      { text: 'Applied on a. Failed on b (see the result).', failed: true },
    );
    assert.deepEqual(applySummary([{ context: 'a', ok: true }]), { text: 'Applied on a.', failed: false });
  });
});

describe('actions/lens', () => {
  it('finds the first line of each document that is a Kubernetes object', () => {
    const text = [
      '# a comment',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: a}',
      '---',
      'topology:',
      '  clusters: []',
      '--- # next',
      'kind: Service',
      'apiVersion: v1',
      '  kind: nested',
    ].join('\n');
    assert.deepEqual(manifestStarts(text), [0, 8]);
    assert.deepEqual(manifestStarts('topology: {}\n'), []);
    assert.deepEqual(manifestStarts('metadata:\n  apiVersion: v1\n  kind: X\n'), []);
  });
});
