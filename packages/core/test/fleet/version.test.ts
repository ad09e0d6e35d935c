/** core/fleet version: `/version` documents, skew against the client and across the fleet, over the sim. */
import assert from 'node:assert/strict';
import { startFleet } from '@kubectl-mc/sim';
import type { Fleet as SimFleet } from '@kubectl-mc/sim';
import { ClusterError } from '../../src/errors.js';
import { collect } from '../../src/fanout/index.js';
import type { ClusterResult } from '../../src/fanout/index.js';
import {
  clientSkewWarning,
  Fleet,
  fleetSkewWarning,
  fleetVersions,
  minorVersion,
  toVersionInfo,
  versionSkew,
  type VersionInfo,
} from '../../src/fleet/index.js';

const ok = (context: string, gitVersion: string, minor?: string): ClusterResult<VersionInfo> => ({
  context,
  ok: true,
  value: { gitVersion, ...(minor ? { major: '1', minor } : {}) },
  elapsedMs: 1,
});
const failed = (context: string): ClusterResult<VersionInfo> => ({
  context,
  ok: false,
  error: new ClusterError('Unreachable', context, 'connection refused'),
  elapsedMs: 1,
});

describe('fleet version', () => {
  it('reads major.minor from major/minor (GKE "27+" too), else from gitVersion', () => {
    assert.deepEqual(minorVersion({ major: '1', minor: '27+', gitVersion: 'v1.27.3-gke.100' }), {
      major: 1,
      minor: 27,
    });
    assert.deepEqual(minorVersion({ gitVersion: 'v1.30.9-sim' }), { major: 1, minor: 30 });
    assert.deepEqual(minorVersion({ gitVersion: 'v1.31' }), { major: 1, minor: 31 });
    assert.equal(minorVersion({ gitVersion: 'nonsense' }), undefined);
    assert.equal(minorVersion({}), undefined);
  });

  it('keeps only the known string fields of an untrusted /version body, bounded', () => {
    assert.deepEqual(
      toVersionInfo({ gitVersion: 'v1.2.3', major: 1, extra: 'x', platform: 'p'.repeat(999) }),
      {
        gitVersion: 'v1.2.3',
        platform: 'p'.repeat(256),
      },
    );
    assert.deepEqual(toVersionInfo(['v1.2.3']), {});
    assert.deepEqual(toVersionInfo(null), {});
  });

  it('names every cluster more than one minor from the client, and the fleet spread', () => {
    const results = [
      ok('a', 'v1.32.4', '32'),
      ok('b', 'v1.33.1'),
      ok('c', 'v1.30.9-sim'),
      failed('d'),
      ok('e', 'v1.34.0'),
      ok('f', 'v1.30.1'),
    ];
    const skew = versionSkew({ major: '1', minor: '32+' }, results);
    assert.deepEqual(skew.client, [
      { context: 'c', client: '1.32', server: '1.30' },
      { context: 'e', client: '1.32', server: '1.34' },
      { context: 'f', client: '1.32', server: '1.30' },
    ]);
    assert.deepEqual(skew.fleet, {
      oldest: { context: 'c', version: 'v1.30.9-sim', minor: '1.30' },
      newest: { context: 'e', version: 'v1.34.0', minor: '1.34' },
    });
    assert.equal(
      clientSkewWarning(skew.client[0]!),
      'context "c": version difference between client (1.32) and server (1.30) exceeds the supported minor version skew of +/-1',
    );
    assert.match(fleetSkewWarning(skew.fleet!), /oldest "c" \(v1\.30\.9-sim\), newest "e" \(v1\.34\.0\)/);
  });

  it('says nothing within one minor, and nothing of the client when it is unknown', () => {
    const results = [ok('a', 'v1.32.4'), ok('b', 'v1.33.0'), failed('c')];
    assert.deepEqual(versionSkew({ gitVersion: 'v1.32.0' }, results), { client: [] });
    assert.deepEqual(versionSkew(undefined, [ok('a', 'v1.29.0'), ok('b', 'v1.31.0')]).client, []);
    assert.ok(versionSkew(undefined, [ok('a', 'v1.29.0'), ok('b', 'v1.31.0')]).fleet);
    assert.deepEqual(versionSkew({ gitVersion: 'v2.32.0' }, [ok('a', 'v1.32.0')]).client, [
      { context: 'a', client: '2.32', server: '1.32' },
    ]);
  });

  describe('against the simulated fleet', function () {
    this.timeout(30_000);
    let sim: SimFleet;
    let fleet: Fleet;
    before(async () => {
      sim = await startFleet({
        clusters: ['us-east-prod', 'staging', 'dev', 'gone'],
        podsPerCluster: 2,
        versions: { 'us-east-prod': 'v1.31.2' },
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

    it("returns each cluster's /version, and a typed error for the one that is down", async () => {
      const results = await collect(fleetVersions(fleet));
      const byContext = new Map(results.map((r) => [r.context, r]));
      const v = (c: string) => {
        const r = byContext.get(c);
        assert.ok(r?.ok, c);
        return r.value;
      };
      assert.equal(v('us-east-prod').gitVersion, 'v1.31.2');
      assert.equal(v('us-east-prod').minor, '31');
      assert.equal(v('staging').gitVersion, 'v1.33.1-sim');
      assert.equal(v('dev').gitVersion, 'v1.30.9-sim');
      assert.equal(v('dev').platform, 'linux/amd64');
      const gone = byContext.get('gone');
      assert.ok(gone && !gone.ok);
      assert.equal(gone.error.kind, 'Unreachable');
      const skew = versionSkew({ gitVersion: 'v1.33.0' }, results);
      assert.deepEqual(
        skew.client.map((s) => s.context),
        ['us-east-prod', 'dev'],
      );
      assert.deepEqual(skew.fleet?.oldest.context, 'dev');
      assert.deepEqual(skew.fleet?.newest.context, 'staging');
    });
  });
});
