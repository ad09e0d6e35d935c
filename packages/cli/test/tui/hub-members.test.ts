import assert from 'node:assert/strict';
import { ClusterError } from '@kubectl-mc/core/errors';
import { HubKubeconfig, nameHubClusters, parseProfile, topologyLabels } from '@kubectl-mc/core/fleet';
import { loadKubeconfigFromString } from '@kubectl-mc/core/kubeconfig';
import { clusterMetas, selectMembers } from '../../src/tui/hub-members.js';

const TOPO = `topology:
  clusters:
    - name: a
      region: us-east
      environment: production
    - name: b
      region: eu-west
      environment: production
      workloads: [db, cache]
    - name: c
      region: us-east
      environment: staging
      labels: { owner: "x\\u001b[31my" }
`;

describe('dashboard: the clusters view rows of a fleet (hub-members)', () => {
  const labels = topologyLabels([{ path: 't.yaml', text: TOPO }]);

  it('without a selector: the order given, no groups', async () => {
    const metas = await clusterMetas(['c', 'a', 'b', 'd'], undefined, { labels });
    assert.deepEqual(
      metas.map((m) => m.name),
      ['c', 'a', 'b', 'd'],
    );
    assert.equal(metas[0]!.group, undefined);
  });

  it('with a selector: grouped by the values of its keys, stable within a group, none last, escaped', async () => {
    const metas = await clusterMetas(['c', 'a', 'b', 'd'], undefined, {
      selector: 'region in (us-east,eu-west),environment',
      labels,
    });
    assert.deepEqual(
      metas.map((m) => [m.name, m.group]),
      [
        ['b', 'region=eu-west, environment=production'],
        ['a', 'region=us-east, environment=production'],
        ['c', 'region=us-east, environment=staging'],
        ['d', ''],
      ],
    );
    const byWorkload = await clusterMetas(['a', 'b'], undefined, { selector: 'workload,owner', labels });
    assert.equal(byWorkload.find((m) => m.name === 'b')?.group, 'workload=db|cache');
    const escaped = await clusterMetas(['c'], undefined, { selector: 'owner', labels });
    assert.ok(!escaped[0]!.group!.includes('\u001b'), escaped[0]!.group);
  });
});

describe('dashboard: the clusters a command line selected, in each state of the hub', () => {
  const base = loadKubeconfigFromString(
    'apiVersion: v1\nkind: Config\nclusters: [{name: h, cluster: {server: "https://h"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: hub, context: {cluster: h, user: u}}]\n',
  );
  const state = (names: string[], hubErrors: ClusterError[] = []) =>
    new HubKubeconfig(
      base,
      nameHubClusters(
        names.map((n) =>
          parseProfile({ metadata: { name: n, namespace: 'fleet' }, spec: { displayName: n } }, 'hub')!,
        ),
      ),
      hubErrors,
      { providers: [] },
    );

  it('a named cluster that left is dropped, not an error; the others stay', () => {
    const sel = { clusters: ['a', 'b', 'fleet/c'] };
    assert.deepEqual(selectMembers(state(['a', 'b', 'c', 'd']), sel), ['a', 'b', 'c']);
    assert.deepEqual(selectMembers(state(['a', 'c', 'd']), sel), ['a', 'c']);
    assert.deepEqual(selectMembers(state(['d']), sel), []);
    assert.deepEqual(selectMembers(state(['a', 'd']), { exclude: ['gone', 'd'] }), ['a']);
    assert.deepEqual(selectMembers(state(['d']), { context: 'a' }), []);
  });

  it('every profile by default; failing hubs always', () => {
    const down = new ClusterError('Unreachable', 'hub:h2', 'down');
    assert.deepEqual(selectMembers(state(['a', 'b'], [down]), {}), ['a', 'b', 'hub:h2']);
    assert.deepEqual(selectMembers(state([], [down]), { clusters: ['a'] }), ['hub:h2']);
    assert.deepEqual(selectMembers(state([]), {}), []);
  });
});
