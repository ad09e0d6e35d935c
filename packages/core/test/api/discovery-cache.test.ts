import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ClusterApi,
  DISCOVERY_CACHE_FILE,
  DISCOVERY_CACHE_TTL_MS,
  defaultCacheDir,
  discoveryCacheDir,
  readDiscoveryCache,
} from '../../src/api/index.js';
import { ClusterError } from '../../src/errors.js';
import { topNodesOf, topPodsOf } from '../../src/fleet/top.js';
import { FakeConnection, aggregatedApis, aggregatedCore } from './fake.js';

const SERVER = 'https://127.0.0.1:6443';

function cluster(context: string, apis: unknown = aggregatedApis): FakeConnection {
  return new FakeConnection(
    context,
    (p) => {
      if (p === '/api') return aggregatedCore;
      if (p === '/apis') return apis;
      throw new ClusterError('NotFound', context, `no ${p}`, { status: 404 });
    },
    undefined,
    SERVER,
  );
}

const discoveryCalls = (c: FakeConnection) => c.calls.filter((x) => x.path === '/api' || x.path === '/apis');

describe('api: discovery cache on disk (--cache-dir)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kmc-disco-'));
    ClusterApi.clearDiscoveryCache();
    ClusterApi.useDiscoveryCache({ dir });
  });
  afterEach(async () => {
    ClusterApi.useDiscoveryCache(undefined);
    ClusterApi.clearDiscoveryCache();
    await rm(dir, { recursive: true, force: true });
  });

  it("names a server's directory as kubectl does", () => {
    assert.equal(discoveryCacheDir('/c', 'https://127.0.0.1:6443'), path.join('/c/discovery/127.0.0.1_6443'));
    assert.equal(
      discoveryCacheDir('/c', 'https://api.example.com:443/prefix'),
      path.join('/c/discovery/api.example.com_443/prefix'),
    );
    assert.equal(defaultCacheDir({ KUBECACHEDIR: '/k' }), '/k');
    assert.equal(defaultCacheDir({}), path.join(os.homedir(), '.kube', 'cache'));
  });

  it("a stale disk cache that lists metrics.k8s.io: top asks discovery again and says kubectl's words", async () => {
    const metricsGroup = {
      metadata: { name: 'metrics.k8s.io' },
      versions: [
        {
          version: 'v1beta1',
          resources: ['pods', 'nodes'].map((resource) => ({
            resource,
            responseKind: { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics' },
            scope: resource === 'pods' ? 'Namespaced' : 'Cluster',
            verbs: ['get', 'list'],
          })),
        },
      ],
    };
    const withMetrics = { ...aggregatedApis, items: [...aggregatedApis.items, metricsGroup] };
    for (const top of [
      (api: ClusterApi) => topPodsOf(api, { allNamespaces: true }),
      (api: ClusterApi) => topNodesOf(api, {}),
    ]) {
      // a server with metrics-server left its discovery on disk
      await rm(dir, { recursive: true, force: true });
      ClusterApi.clearDiscoveryCache();
      await new ClusterApi(cluster('old', withMetrics)).discover();
      // a new process; another server now answers at the same address, without metrics-server
      ClusterApi.clearDiscoveryCache();
      const now = cluster('new');
      await assert.rejects(top(new ClusterApi(now)), (e: unknown) => {
        assert.ok(e instanceof ClusterError, String(e));
        assert.equal(e.message, 'Metrics API not available');
        return true;
      });
      assert.equal(discoveryCalls(now).length, 2, 'discovery was asked of the cluster once');
    }
  });

  it('a second process (cache cleared) resolves a CRD name without a discovery request', async () => {
    const first = cluster('a');
    assert.equal((await new ClusterApi(first).resolve('fdeploy')).group, 'types.kubefed.io');
    assert.equal(discoveryCalls(first).length, 2);
    const file = path.join(discoveryCacheDir(dir, SERVER), DISCOVERY_CACHE_FILE);
    assert.ok((await stat(file)).isFile());

    ClusterApi.clearDiscoveryCache(); // as a new process starts
    const second = cluster('a');
    const api = new ClusterApi(second);
    assert.equal((await api.resolve('fdeploy')).group, 'types.kubefed.io');
    assert.equal(second.calls.length, 0);
    assert.equal(api.discoveryFromDisk(), true);
  });

  it('asks the cluster again when the file is older than the TTL, malformed or for another server', async () => {
    await new ClusterApi(cluster('a')).discover();
    const file = path.join(discoveryCacheDir(dir, SERVER), DISCOVERY_CACHE_FILE);
    const old = new Date(Date.now() - DISCOVERY_CACHE_TTL_MS - 60_000);
    await utimes(file, old, old);
    assert.equal(await readDiscoveryCache({ dir }, SERVER), undefined);

    ClusterApi.clearDiscoveryCache();
    const stale = cluster('a');
    await new ClusterApi(stale).discover();
    assert.equal(discoveryCalls(stale).length, 2, 'stale: asked again');
    assert.ok(((await readDiscoveryCache({ dir }, SERVER)) ?? []).length > 0, 'and rewritten');

    for (const body of [
      'not json',
      '{"format":1,"server":"https://127.0.0.1:6443","resources":[{"resource":"pods"}]}',
      JSON.stringify({
        format: 1,
        server: 'https://elsewhere:6443',
        resources: [
          {
            group: '',
            version: 'v1',
            resource: 'pods',
            kind: 'Pod',
            namespaced: true,
            singular: 'pod',
            shortNames: [],
            verbs: [],
            categories: [],
          },
        ],
      }),
    ]) {
      await writeFile(file, body);
      assert.equal(await readDiscoveryCache({ dir }, SERVER), undefined, body.slice(0, 40));
    }
  });

  it('a name missing from the cached list is looked up once more on the cluster (a new CRD)', async () => {
    const before = { ...aggregatedApis, items: [] };
    await new ClusterApi(cluster('a', before)).discover();
    ClusterApi.clearDiscoveryCache();
    const now = cluster('a');
    assert.equal((await new ClusterApi(now).resolve('fdeploy')).group, 'types.kubefed.io');
    assert.equal(discoveryCalls(now).length, 2);
    const cached = await readDiscoveryCache({ dir }, SERVER);
    assert.ok(
      cached?.some((r) => r.resource === 'federateddeployments'),
      'the file holds the new CRD',
    );
  });

  it('`{ discovery: true }` after a refused list asks the cluster when the cache came from disk', async () => {
    await new ClusterApi(cluster('a')).discover();
    ClusterApi.clearDiscoveryCache();
    const conn = cluster('a');
    const api = new ClusterApi(conn);
    await api.resolve('fdeploy');
    assert.equal(conn.calls.length, 0);
    await api.resolve('fdeploy', undefined, { discovery: true });
    assert.equal(discoveryCalls(conn).length, 2);
    assert.equal(api.discoveryFromDisk(), false);
  });

  it('keeps no partial discovery on disk', async () => {
    const half = new FakeConnection(
      'half',
      (p) => {
        if (p === '/api') throw new ClusterError('ServerError', 'half', 'etcd is sad', { status: 503 });
        if (p === '/apis') return aggregatedApis;
        throw new ClusterError('NotFound', 'half', p, { status: 404 });
      },
      undefined,
      SERVER,
    );
    assert.equal((await new ClusterApi(half).resolve('fdeploy')).group, 'types.kubefed.io');
    await assert.rejects(readFile(path.join(discoveryCacheDir(dir, SERVER), DISCOVERY_CACHE_FILE)));
  });

  it('an unwritable cache directory is no error', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'x');
    ClusterApi.useDiscoveryCache({ dir: file });
    assert.equal((await new ClusterApi(cluster('a')).resolve('fdeploy')).group, 'types.kubefed.io');
  });
});
