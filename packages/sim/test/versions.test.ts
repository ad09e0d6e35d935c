import assert from 'node:assert/strict';
import { startFleet, type Fleet } from '../src/index.js';
import { versionInfo } from '../src/versions.js';
import { get } from './helpers.js';

const AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('per-cluster versions and API groups', function () {
  this.timeout(20_000);
  let fleet: Fleet;

  before(async () => {
    fleet = await startFleet({
      clusters: ['us-east-prod', 'eu-west-prod', 'staging', 'dev'],
      podsPerCluster: 4,
      versions: { 'eu-west-prod': 'v1.31.7' },
    });
  });
  after(() => fleet?.stop());

  it('answers /version per cluster: the regional defaults, or what was asked', async () => {
    const version = async (c: string) =>
      (await get(fleet, fleet.cluster(c), '/version')).json() as Record<string, string>;
    assert.equal((await version('us-east-prod')).gitVersion, 'v1.32.4-sim');
    assert.deepEqual(await version('eu-west-prod'), versionInfo('v1.31.7'));
    const staging = await version('staging');
    assert.deepEqual([staging.gitVersion, staging.major, staging.minor], ['v1.33.1-sim', '1', '33']);
    const dev = await version('dev');
    assert.deepEqual([dev.gitVersion, dev.minor, dev.goVersion], ['v1.30.9-sim', '30', 'go1.22.12']);
  });

  it('never runs kubelets newer than the API server', () => {
    const nodes = fleet.cluster('dev').store.list('nodes') as Array<{
      status?: { nodeInfo?: { kubeletVersion?: string } };
    }>;
    assert.ok(nodes.length > 0);
    for (const n of nodes) assert.match(n.status?.nodeInfo?.kubeletVersion ?? '', /^v1\.30\./);
  });

  it('rejects a malformed version and a version for an unknown cluster', async () => {
    await assert.rejects(startFleet({ clusters: ['a'], versions: { a: '1.30' } }), /invalid server version/);
    await assert.rejects(startFleet({ clusters: ['a'], versions: { b: 'v1.30.0' } }), /unknown cluster "b"/);
  });

  it('serves the KubeFed group on the federation clusters only, as if its CRDs were not installed elsewhere', async () => {
    for (const [c, served] of [
      ['us-east-prod', true],
      ['eu-west-prod', true],
      ['staging', false],
      ['dev', false],
    ] as const) {
      const cl = fleet.cluster(c);
      const groups = (await get(fleet, cl, '/apis')).json().groups.map((g: { name: string }) => g.name);
      assert.deepEqual(
        groups,
        served
          ? ['apps', 'types.kubefed.io', 'discovery.k8s.io', 'metrics.k8s.io']
          : ['apps', 'discovery.k8s.io', 'metrics.k8s.io'],
        c,
      );
      const agg = (await get(fleet, cl, '/apis', { accept: AGGREGATED })).json();
      assert.equal(
        agg.items.some((g: { metadata?: { name?: string } }) => g.metadata?.name === 'types.kubefed.io'),
        served,
        c,
      );
      const paths = (await get(fleet, cl, '/')).json().paths as string[];
      assert.equal(paths.includes('/apis/types.kubefed.io/v1beta1'), served, c);
      for (const p of [
        '/apis/types.kubefed.io',
        '/apis/types.kubefed.io/v1beta1',
        '/apis/types.kubefed.io/v1beta1/federateddeployments',
        '/apis/types.kubefed.io/v1beta1/namespaces/production/federateddeployments',
      ]) {
        assert.equal((await get(fleet, cl, p)).status, served ? 200 : 404, `${c} ${p}`);
      }
    }
  });
});
