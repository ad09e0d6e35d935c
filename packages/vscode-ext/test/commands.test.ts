import assert from 'node:assert/strict';
import { compareTargets, nameToCopy, terminalCommand, terminalEnv } from '../src/commands/targets.js';
import type { ClusterEntry } from '../src/fleet/health.js';

describe('Clusters view item commands', () => {
  it('Copy Name copies an object name, a cluster context or a namespace, and nothing else', () => {
    assert.equal(nameToCopy({ type: 'object', context: 'a', resource: 'pods', name: 'web-1' }), 'web-1');
    assert.equal(nameToCopy({ type: 'cluster', context: 'prod-eu' }), 'prod-eu');
    assert.equal(nameToCopy({ type: 'namespace', context: 'a', namespace: 'shop' }), 'shop');
    assert.equal(nameToCopy({ type: 'folder', context: 'a', folder: 'nodes' }), undefined);
    assert.equal(nameToCopy(undefined), undefined);
  });

  it('Compare offers the other clusters whose last health check answered', () => {
    const entries: ClusterEntry[] = [
      { context: 'a', health: { state: 'ok', version: 'v1.31.0', latencyMs: 5 } },
      { context: 'b', health: { state: 'ok', version: 'v1.31.0', latencyMs: 5 } },
      { context: 'c', health: { state: 'pending' } },
      { context: 'd', health: { state: 'ok', version: 'v1.30.0', latencyMs: 9 } },
    ];
    assert.deepEqual(compareTargets(entries, 'a'), ['b', 'd']);
    assert.deepEqual(compareTargets(entries.slice(0, 1), 'a'), []);
  });

  it("a cluster's terminal uses the view's kubeconfig files, joined as the platform does", () => {
    assert.deepEqual(terminalEnv(['/k/a', '/k/b'], 'linux'), { KUBECONFIG: '/k/a:/k/b' });
    assert.deepEqual(terminalEnv(['C:\\k\\a', 'C:\\k\\b'], 'win32'), { KUBECONFIG: 'C:\\k\\a;C:\\k\\b' });
    assert.equal(terminalEnv([], 'linux'), undefined);
    assert.equal(terminalCommand('prod-eu'), 'kubectl --context prod-eu get namespaces');
    assert.equal(terminalCommand("it's"), `kubectl --context 'it'\\''s' get namespaces`);
  });
});
