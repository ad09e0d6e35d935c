/** core/fleet api-resources: kubectl's preferred versions, filters and order; the merge across clusters. */
import assert from 'node:assert/strict';
import { startFleet } from '@kubectl-mc/sim';
import type { Fleet as SimFleet } from '@kubectl-mc/sim';
import type { ResolvedResource } from '../../src/api/index.js';
import { ClusterError } from '../../src/errors.js';
import { collect, type ClusterResult } from '../../src/fanout/index.js';
import {
  apiResourceName,
  filterApiResources,
  Fleet,
  fleetApiResources,
  mergeApiResources,
  preferredResources,
  sortApiResources,
  type ApiResource,
} from '../../src/fleet/index.js';

function res(group: string, version: string, resource: string, extra: Partial<ResolvedResource> = {}) {
  const kind = resource[0]!.toUpperCase() + resource.slice(1, -1);
  return {
    group,
    version,
    resource,
    kind,
    namespaced: true,
    singular: kind.toLowerCase(),
    shortNames: [],
    verbs: ['get', 'list'],
    categories: [],
    ...extra,
  } satisfies ResolvedResource;
}

const ok = (context: string, value: ApiResource[]): ClusterResult<ApiResource[]> => ({
  context,
  ok: true,
  value,
  elapsedMs: 1,
});

describe('fleet api-resources', () => {
  it("keeps each group's preferred version (first in discovery), else the first that serves it", () => {
    const rows = preferredResources([
      res('', 'v1', 'pods'),
      res('', 'v1', 'pods/log'),
      res('', 'v1', 'bindings', { verbs: [] }),
      res('x.io', 'v2', 'widgets'),
      res('x.io', 'v1', 'widgets'),
      res('x.io', 'v1', 'gadgets'),
    ]);
    assert.deepEqual(
      rows.map((r) => [r.name, r.apiVersion]),
      [
        ['pods', 'v1'],
        ['widgets', 'x.io/v2'],
        ['gadgets', 'x.io/v1'],
      ],
    );
  });

  it("filters as kubectl does: group ('' = core), scope, all verbs, all categories", () => {
    const rows = preferredResources([
      res('', 'v1', 'pods', { verbs: ['get', 'list', 'watch'], categories: ['all'] }),
      res('', 'v1', 'nodes', { namespaced: false }),
      res('apps', 'v1', 'deployments', { verbs: ['get', 'list', 'watch'], categories: ['all'] }),
    ]);
    const names = (f: Parameters<typeof filterApiResources>[1]) =>
      filterApiResources(rows, f).map((r) => r.name);
    assert.deepEqual(names({ apiGroup: '' }), ['pods', 'nodes']);
    assert.deepEqual(names({ apiGroup: 'apps' }), ['deployments']);
    assert.deepEqual(names({ namespaced: false }), ['nodes']);
    assert.deepEqual(names({ namespaced: true, verbs: ['list', 'watch'] }), ['pods', 'deployments']);
    assert.deepEqual(names({ categories: ['all'], apiGroup: '' }), ['pods']);
    assert.deepEqual(names({ verbs: ['delete'] }), []);
  });

  it('sorts by group then name, or by name or kind (ties by name)', () => {
    const rows = preferredResources([
      res('', 'v1', 'services', { kind: 'Service' }),
      res('apps', 'v1', 'deployments', { kind: 'Deployment' }),
      res('', 'v1', 'configmaps', { kind: 'ConfigMap' }),
      res('a.io', 'v1', 'zebras', { kind: 'Animal' }),
    ]);
    const order = (by?: 'name' | 'kind') => sortApiResources(rows, by).map((r) => r.name);
    assert.deepEqual(order(), ['configmaps', 'services', 'zebras', 'deployments']);
    assert.deepEqual(order('name'), ['configmaps', 'deployments', 'services', 'zebras']);
    assert.deepEqual(order('kind'), ['zebras', 'configmaps', 'deployments', 'services']);
    assert.equal(apiResourceName(rows[0]!), 'services');
    assert.equal(apiResourceName(rows[1]!), 'deployments.apps');
  });

  it('merges rows across clusters with who serves each; failed clusters count neither way', () => {
    const a = preferredResources([res('', 'v1', 'pods'), res('x.io', 'v1', 'widgets')]);
    const b = preferredResources([res('', 'v1', 'pods'), res('x.io', 'v2', 'widgets')]);
    const c = preferredResources([res('', 'v1', 'pods')]);
    const merged = mergeApiResources([
      ok('a', a),
      ok('b', b),
      { context: 'down', ok: false, error: new ClusterError('Unreachable', 'down', 'refused'), elapsedMs: 1 },
      ok('c', c),
    ]);
    assert.deepEqual(merged.answered, ['a', 'b', 'c']);
    assert.deepEqual(
      merged.resources.map((r) => [r.name, r.apiVersion, r.clusters, r.missing]),
      [
        ['pods', 'v1', ['a', 'b', 'c'], []],
        ['widgets', 'x.io/v1', ['a'], ['b', 'c']],
        ['widgets', 'x.io/v2', ['b'], ['a', 'c']],
      ],
    );
    const filtered = mergeApiResources([ok('a', a), ok('c', c)], { filter: { apiGroup: 'x.io' } });
    assert.deepEqual(
      filtered.resources.map((r) => [r.name, r.missing]),
      [['widgets', ['c']]],
    );
  });

  describe('against the simulated fleet', function () {
    this.timeout(30_000);
    let sim: SimFleet;
    let fleet: Fleet;
    before(async () => {
      sim = await startFleet({
        clusters: ['us-east-prod', 'eu-west-prod', 'dev', 'gone'],
        podsPerCluster: 2,
        faults: { gone: 'down' },
      });
      fleet = Fleet.open({
        kubeconfig: sim.kubeconfigPath,
        env: {},
        selection: { allClusters: true, exclude: [sim.restrictedContext] },
        timeoutMs: 5000,
      });
    });
    after(async () => {
      fleet?.close();
      await sim?.stop();
    });

    it('shows the KubeFed CRD on the federation clusters only, and the down cluster as an error', async () => {
      const results = await collect(fleetApiResources(fleet));
      assert.deepEqual(
        results.map((r) => [r.context, r.ok]),
        [
          ['us-east-prod', true],
          ['eu-west-prod', true],
          ['dev', true],
          ['gone', false],
        ],
      );
      const merged = mergeApiResources(results);
      const fed = merged.resources.find((r) => r.name === 'federateddeployments');
      assert.deepEqual(fed?.clusters, ['us-east-prod', 'eu-west-prod']);
      assert.deepEqual(fed?.missing, ['dev']);
      // core pods once for the three clusters; metrics.k8s.io's pods (PodMetrics) is a resource of its own
      const pods = merged.resources.filter((r) => r.name === 'pods' && r.group === '');
      assert.equal(pods.length, 1);
      assert.deepEqual(pods[0]?.clusters, ['us-east-prod', 'eu-west-prod', 'dev']);
    });
  });
});
