import assert from 'node:assert/strict';
import { ContextSelectionError } from '../../src/errors.js';
import {
  hubSelectable,
  HubKubeconfig,
  matchesSelector,
  nameHubClusters,
  parseClusterSelector,
  parseProfile,
  selectContextsByLabels,
  selectHubContexts,
  topologyLabels,
} from '../../src/fleet/index.js';
import { loadKubeconfigFromString } from '../../src/kubeconfig/load.js';

const TOPO = `topology:
  clusters:
    - name: a
      context: ctx-a
      region: eu-west
      environment: production
      workloads: [db, cache]
      node_type: high-mem
    - name: b
      region: us-east
      purpose: staging
      labels: { tier: gold, region: us-east-2 }
    - name: c
`;

describe('cluster labels from the topology', () => {
  const topo = topologyLabels([{ path: 't.yaml', text: TOPO }]);

  it('region, environment (else purpose), node-type, workloads as a set, labels: winning', () => {
    assert.deepEqual(topo.byName.get('ctx-a'), {
      labels: { region: 'eu-west', environment: 'production', 'node-type': 'high-mem' },
      sets: { workload: ['db', 'cache'] },
    });
    assert.equal(topo.byName.get('a'), topo.byName.get('ctx-a'));
    assert.deepEqual(topo.byName.get('b')?.labels, {
      region: 'us-east-2',
      environment: 'staging',
      purpose: 'staging',
      tier: 'gold',
    });
  });

  it('selects contexts with set-based requirements; a context the topology does not name has no labels', () => {
    const all = ['ctx-a', 'b', 'c', 'other'];
    const sel = (s: string) => selectContextsByLabels(all, topo, s);
    assert.deepEqual(sel('environment=production'), ['ctx-a']);
    assert.deepEqual(sel('workload in (cache,x)'), ['ctx-a']);
    assert.deepEqual(sel('workload notin (db)'), ['b', 'c', 'other']);
    assert.deepEqual(sel('!region'), ['c', 'other']);
    assert.deepEqual(sel('region,environment!=production'), ['b']);
    assert.throws(() => sel('region=mars'), ContextSelectionError);
  });

  it('a hub cluster takes the labels of the topology cluster named as it, its profile or its cluster ID', () => {
    const p = (name: string, extra: Record<string, unknown> = {}) =>
      parseProfile({ metadata: { name, namespace: 'fleet', labels: { tier: 'silver' } }, ...extra }, 'hub')!;
    const byName = hubSelectable(p('b'), topo);
    assert.equal(byName.labels['tier'], 'silver', "the profile's own labels win");
    assert.equal(byName.labels['environment'], 'staging');
    const byId = hubSelectable(
      p('x', { status: { properties: [{ name: 'cluster.clusterset.k8s.io', value: 'ctx-a' }] } }),
      topo,
    );
    assert.ok(matchesSelector(byId, parseClusterSelector('workload=db,property:cluster.clusterset.k8s.io')));
    assert.deepEqual(hubSelectable(p('zzz'), topo).labels, { tier: 'silver' });
  });
});

describe('hub cluster names in --clusters / --exclude / --context', () => {
  const base = loadKubeconfigFromString(
    'apiVersion: v1\nkind: Config\nclusters: [{name: h, cluster: {server: "https://h"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: hub, context: {cluster: h, user: u}}]\n',
  );
  const p = (name: string, displayName?: string) =>
    parseProfile(
      { metadata: { name, namespace: 'fleet' }, spec: displayName ? { displayName } : {} },
      'hub',
    )!;
  const k = new HubKubeconfig(base, nameHubClusters([p('c1', 'one'), p('c2', 'two'), p('c3')]), [], {
    providers: [],
  });

  it('takes display names and <namespace>/<name>, literal or glob', () => {
    assert.deepEqual(selectHubContexts(k, {}), ['one', 'two', 'fleet/c3']);
    assert.deepEqual(selectHubContexts(k, { clusters: ['fleet/c1'] }), ['one']);
    assert.deepEqual(selectHubContexts(k, { clusters: ['fleet/*'] }), ['one', 'two', 'fleet/c3']);
    assert.deepEqual(selectHubContexts(k, { clusters: ['t*', 'fleet/c3'] }), ['two', 'fleet/c3']);
    assert.deepEqual(selectHubContexts(k, { exclude: ['fleet/c2'] }), ['one', 'fleet/c3']);
    assert.deepEqual(selectHubContexts(k, { context: 'fleet/c2' }), ['two']);
    assert.throws(() => selectHubContexts(k, { clusters: ['fleet/nope'] }), ContextSelectionError);
  });

  it('keeps <namespace>/<name> where the display name is a reserved name', () => {
    const named = nameHubClusters([p('c1', 'one'), p('c2', 'two')], new Set(['two']));
    assert.deepEqual(
      named.map((c) => c.id),
      ['one', 'fleet/c2'],
    );
  });
});
