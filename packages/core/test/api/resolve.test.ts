import assert from 'node:assert/strict';
import { ClusterApi } from '../../src/api/index.js';
import { ClusterError } from '../../src/errors.js';
import { FakeConnection, aggregatedApis, aggregatedCore } from './fake.js';

function aggregated(context: string): FakeConnection {
  return new FakeConnection(context, (path) => {
    if (path === '/api') return aggregatedCore;
    if (path === '/apis') return aggregatedApis;
    throw new ClusterError('NotFound', context, `no ${path}`, { status: 404 });
  });
}

function legacy(context: string): FakeConnection {
  return new FakeConnection(context, (path) => {
    switch (path) {
      case '/api':
        return { kind: 'APIVersions', versions: ['v1'] };
      case '/api/v1':
        return {
          kind: 'APIResourceList',
          groupVersion: 'v1',
          resources: [
            {
              name: 'pods',
              singularName: 'pod',
              namespaced: true,
              kind: 'Pod',
              shortNames: ['po'],
              verbs: ['list'],
            },
            { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
          ],
        };
      case '/apis':
        return {
          kind: 'APIGroupList',
          groups: [
            {
              name: 'apps',
              versions: [
                { groupVersion: 'apps/v1beta2', version: 'v1beta2' },
                { groupVersion: 'apps/v1', version: 'v1' },
              ],
              preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
            },
            {
              name: 'metrics.k8s.io',
              versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }],
            },
          ],
        };
      case '/apis/apps/v1':
      case '/apis/apps/v1beta2':
        return {
          kind: 'APIResourceList',
          resources: [
            {
              name: 'deployments',
              singularName: 'deployment',
              namespaced: true,
              kind: 'Deployment',
              shortNames: ['deploy'],
            },
          ],
        };
      default:
        throw new ClusterError('ServerError', context, `unavailable ${path}`, { status: 503 });
    }
  });
}

describe('api: discovery and resource resolution', () => {
  beforeEach(() => ClusterApi.clearDiscoveryCache());

  it('asks for aggregated discovery v2 then v2beta1 with JSON fallback', async () => {
    const conn = aggregated('a');
    await new ClusterApi(conn).discover();
    const accept = String(conn.calls[0]?.options?.accept);
    assert.match(accept, /^application\/json;g=apidiscovery\.k8s\.io;v=v2;as=APIGroupDiscoveryList,/);
    assert.match(accept, /v=v2beta1/);
    assert.match(accept, /,application\/json$/);
    assert.deepEqual(
      conn.calls.map((c) => c.path),
      ['/api', '/apis'],
    );
  });

  const cases: Array<[string, string, string, string]> = [
    ['po', '', 'v1', 'pods'],
    ['pod', '', 'v1', 'pods'],
    ['pods', '', 'v1', 'pods'],
    ['Pod', '', 'v1', 'pods'],
    ['svc', '', 'v1', 'services'],
    ['no', '', 'v1', 'nodes'],
    ['deploy', 'apps', 'v1', 'deployments'],
    ['deployments.apps', 'apps', 'v1', 'deployments'],
    ['deploy.apps', 'apps', 'v1', 'deployments'],
    ['deployments.v1.apps', 'apps', 'v1', 'deployments'],
    ['events', '', 'v1', 'events'],
    ['events.events.k8s.io', 'events.k8s.io', 'v1', 'events'],
    ['federateddeployments', 'types.kubefed.io', 'v1beta1', 'federateddeployments'],
    ['fdeploy', 'types.kubefed.io', 'v1beta1', 'federateddeployments'],
    ['federateddeployment.types.kubefed.io', 'types.kubefed.io', 'v1beta1', 'federateddeployments'],
    [
      'federateddeployments.v1alpha1.types.kubefed.io',
      'types.kubefed.io',
      'v1alpha1',
      'federateddeployments',
    ],
  ];
  for (const [name, group, version, resource] of cases) {
    it(`resolves ${name} → ${resource}${group ? '.' + group : ''}/${version}`, async () => {
      const r = await new ClusterApi(aggregated('a')).resolve(name);
      assert.deepEqual([r.group, r.version, r.resource], [group, version, resource]);
    });
  }

  it('knows scope, kind, verbs and categories', async () => {
    const api = new ClusterApi(aggregated('a'));
    const pod = await api.resolve('po');
    assert.equal(pod.namespaced, true);
    assert.equal(pod.kind, 'Pod');
    assert.deepEqual(pod.categories, ['all']);
    assert.equal((await api.resolve('no')).namespaced, false);
    assert.equal(
      (await api.discover()).some((r) => r.resource.includes('/')),
      false,
    );
  });

  it('an unknown type is a NotFound ClusterError worded like kubectl', async () => {
    await assert.rejects(new ClusterApi(aggregated('ctx-a')).resolve('widgets'), (e: unknown) => {
      assert.ok(e instanceof ClusterError);
      assert.equal(e.kind, 'NotFound');
      assert.equal(e.context, 'ctx-a');
      assert.equal(e.message, `the server doesn't have a resource type "widgets"`);
      return true;
    });
  });

  it('caches discovery per cluster for the process', async () => {
    const conn = aggregated('cache');
    await new ClusterApi(conn).resolve('fdeploy');
    await new ClusterApi(conn).resolve('federateddeployments.types.kubefed.io');
    assert.equal(conn.calls.length, 2);
    const other = aggregated('other');
    await new ClusterApi(other).resolve('fdeploy');
    assert.equal(other.calls.length, 2);
  });

  it('resolves well-known built-in types without a discovery round trip, unless asked to', async () => {
    const conn = aggregated('fast');
    const api = new ClusterApi(conn);
    const d = await api.resolve('deploy');
    assert.deepEqual(
      [d.group, d.version, d.resource, d.kind, d.namespaced],
      ['apps', 'v1', 'deployments', 'Deployment', true],
    );
    assert.equal((await api.resolve('no')).namespaced, false);
    assert.equal(conn.calls.length, 0);
    assert.equal((await api.resolve('po', undefined, { discovery: true })).resource, 'pods');
    assert.equal(conn.calls.length, 2);
  });

  it('uses a partial discovery when one half fails, and fails only when both do', async () => {
    const half = new FakeConnection('half', (path) => {
      if (path === '/api') throw new ClusterError('ServerError', 'half', 'etcd is sad', { status: 503 });
      if (path === '/apis') return aggregatedApis;
      throw new ClusterError('NotFound', 'half', path, { status: 404 });
    });
    const f = await new ClusterApi(half).resolve('fdeploy');
    assert.equal(f.group, 'types.kubefed.io');
    const none = new FakeConnection('none', () => {
      throw new ClusterError('Unreachable', 'none', 'connection refused');
    });
    await assert.rejects(
      new ClusterApi(none).resolve('fdeploy'),
      (e: unknown) => e instanceof ClusterError && e.kind === 'Unreachable',
    );
  });

  it('a cancelled caller stops waiting without failing the shared discovery of other callers', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const conn = new FakeConnection('shared', async (path) => {
      await gate;
      return path === '/api' ? aggregatedCore : aggregatedApis;
    });
    const ac = new AbortController();
    const first = new ClusterApi(conn).resolve('fdeploy', ac.signal);
    const second = new ClusterApi(conn).resolve('fdeploy');
    ac.abort(new Error('cancelled by the user'));
    await assert.rejects(first, /cancelled by the user/);
    release();
    assert.equal((await second).resource, 'federateddeployments');
    assert.equal(conn.calls.length, 2);
  });

  it('falls back to legacy discovery, preferring the preferred version and skipping broken groups', async () => {
    const api = new ClusterApi(legacy('old'));
    assert.equal((await api.resolve('po')).resource, 'pods');
    const d = await api.resolve('deploy');
    assert.deepEqual([d.group, d.version], ['apps', 'v1']);
    assert.equal((await api.resolve('deployments.v1beta2.apps')).version, 'v1beta2');
    assert.equal(
      (await api.discover()).some((r) => r.resource === 'pods/log'),
      false,
    );
  });
});
