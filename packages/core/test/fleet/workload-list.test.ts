/** Workloads of a cluster that does not serve the `apps` API: kubectl's wording, the others unaffected. */
import assert from 'node:assert/strict';
import { startFleet } from '@kubectl-mc/sim';
import type { Fleet as SimFleet } from '@kubectl-mc/sim';
import { Fleet } from '../../src/fleet/index.js';

describe('fleet workloads on a cluster without the apps API', function () {
  this.timeout(30_000);
  let sim: SimFleet;
  let fleet: Fleet;

  before(async () => {
    sim = await startFleet({
      clusters: ['with-apps', 'no-apps'],
      podsPerCluster: 2,
      withoutGroups: { 'no-apps': ['apps'] },
    });
    fleet = Fleet.open({
      kubeconfig: sim.kubeconfigPath,
      env: {},
      selection: { clusters: ['with-apps', 'no-apps'] },
    });
  });
  after(async () => {
    fleet?.close();
    await sim?.stop();
  });

  it('names the type the cluster does not serve, as kubectl get does; the other cluster answers', async () => {
    const drift = await fleet.drift();
    assert.equal(drift.answered, 1);
    assert.deepEqual(
      drift.failed.map((e) => [e.context, e.kind, e.message]),
      [['no-apps', 'NotFound', `the server doesn't have a resource type "deployments"`]],
    );
    assert.ok(drift.workloads.length > 0);
    assert.ok(drift.workloads.every((w) => w.clusters.every((c) => c.context === 'with-apps')));
  });
});
