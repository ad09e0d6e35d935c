import assert from 'node:assert/strict';
import { startFleet, type Fleet } from '../src/index.js';
import { get } from './helpers.js';

const AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface PodMetrics {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  containers: { name: string; usage: { cpu: string; memory: string } }[];
}

describe('metrics.k8s.io (metrics-server)', function () {
  this.timeout(20_000);
  let fleet: Fleet;

  before(async () => {
    fleet = await startFleet({ clusters: ['east', 'west'], podsPerCluster: 30, noMetrics: ['west'] });
  });
  after(() => fleet?.stop());

  it('is in legacy and aggregated discovery only where it is served', async () => {
    const east = fleet.cluster('east');
    const west = fleet.cluster('west');
    assert.equal(east.metrics, true);
    assert.equal(west.metrics, false);
    const names = (b: { groups: { name: string }[] }) => b.groups.map((g) => g.name);
    const aggNames = (b: { items: { metadata: { name?: string } }[] }) => b.items.map((g) => g.metadata.name);
    assert.ok(names((await get(fleet, east, '/apis')).json()).includes('metrics.k8s.io'));
    assert.ok(!names((await get(fleet, west, '/apis')).json()).includes('metrics.k8s.io'));
    assert.ok(
      aggNames((await get(fleet, east, '/apis', { accept: AGGREGATED })).json()).includes('metrics.k8s.io'),
    );
    assert.ok(
      !aggNames((await get(fleet, west, '/apis', { accept: AGGREGATED })).json()).includes('metrics.k8s.io'),
    );
    const list = (await get(fleet, east, '/apis/metrics.k8s.io/v1beta1')).json();
    assert.deepEqual(
      list.resources.map((r: { name: string; kind: string }) => `${r.name}:${r.kind}`),
      ['nodes:NodeMetrics', 'pods:PodMetrics'],
    );
    assert.equal((await get(fleet, west, '/apis/metrics.k8s.io/v1beta1/pods')).status, 404);
  });

  it('lists PodMetrics of running pods, deterministic, with selectors and namespaces', async () => {
    const east = fleet.cluster('east');
    const a = (await get(fleet, east, '/apis/metrics.k8s.io/v1beta1/pods')).json();
    const b = (await get(fleet, east, '/apis/metrics.k8s.io/v1beta1/pods')).json();
    assert.equal(a.kind, 'PodMetricsList');
    const items = a.items as PodMetrics[];
    const running = east.store
      .list('pods')
      .filter((p) => (p as { status?: { phase?: string } }).status?.phase === 'Running');
    assert.equal(items.length, running.length);
    assert.deepEqual(
      items.map((i) => i.containers),
      (b.items as PodMetrics[]).map((i) => i.containers),
    );
    for (const i of items) {
      for (const c of i.containers) {
        assert.match(c.usage.cpu, /^\d+n$/);
        assert.match(c.usage.memory, /^\d+Ki$/);
      }
    }
    const ns = (await get(fleet, east, '/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods')).json();
    assert.ok(ns.items.length > 0);
    assert.ok((ns.items as PodMetrics[]).every((i) => i.metadata.namespace === 'kube-system'));
    const labelled = items.find((i) => i.metadata.labels?.['app']);
    assert.ok(labelled);
    const app = labelled.metadata.labels!['app']!;
    const sel = (
      await get(
        fleet,
        east,
        `/apis/metrics.k8s.io/v1beta1/pods?labelSelector=${encodeURIComponent(`app=${app}`)}`,
      )
    ).json();
    assert.ok((sel.items as PodMetrics[]).every((i) => i.metadata.labels?.['app'] === app));
    assert.equal(sel.items.length, items.filter((i) => i.metadata.labels?.['app'] === app).length);
    const one = (
      await get(
        fleet,
        east,
        `/apis/metrics.k8s.io/v1beta1/namespaces/${labelled.metadata.namespace}/pods/${labelled.metadata.name}`,
      )
    ).json();
    assert.equal(one.kind, 'PodMetrics');
    assert.deepEqual(one.containers, labelled.containers);
    const missing = await get(fleet, east, '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope');
    assert.equal(missing.status, 404);
  });

  it('lists NodeMetrics of Ready nodes, and refuses the restricted user', async () => {
    const east = fleet.cluster('east');
    const nodes = (await get(fleet, east, '/apis/metrics.k8s.io/v1beta1/nodes')).json();
    assert.equal(nodes.kind, 'NodeMetricsList');
    assert.ok(nodes.items.length > 0);
    for (const n of nodes.items) assert.match(n.usage.cpu, /^\d+n$/);
    const kc = await import('node:fs/promises').then((f) => f.readFile(fleet.kubeconfigPath, 'utf8'));
    const token = /restricted[\s\S]*?token: (\S+)/.exec(kc.slice(kc.lastIndexOf('name: restricted')))?.[1];
    assert.ok(token);
    const denied = await get(fleet, east, '/apis/metrics.k8s.io/v1beta1/nodes', { token });
    assert.equal(denied.status, 403);
    assert.match(denied.json().message, /cannot list resource "nodes" in API group "metrics.k8s.io"/);
  });
});
