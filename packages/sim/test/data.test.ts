import assert from 'node:assert/strict';
import { ResourceStore } from '../src/store.js';
import { Random, populate, ts } from '../src/data.js';
import { isNamespaced } from '../src/resources.js';
import { clusterNames } from '../src/fleet.js';

const FED = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];
function cluster(name: string, index: number, seed: number, pods: number): ResourceStore {
  const s = new ResourceStore(isNamespaced);
  populate(s, { cluster: name, index, seed, pods, now: Date.UTC(2026, 0, 1), federation: FED });
  return s;
}
const podNames = (s: ResourceStore): string[] => s.list('pods').map((p) => p.metadata.name);

describe('generated cluster data', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(
      podNames(cluster('us-east-prod', 0, 7, 40)),
      podNames(cluster('us-east-prod', 0, 7, 40)),
    );
    assert.notDeepEqual(
      podNames(cluster('us-east-prod', 0, 7, 40)),
      podNames(cluster('us-east-prod', 0, 8, 40)),
    );
  });

  it('has exactly the requested number of pods, 1,000 included', () => {
    assert.equal(cluster('c', 3, 1, 40).count('pods'), 40);
    assert.equal(cluster('c', 3, 1, 1000).count('pods'), 1000);
    assert.equal(cluster('c', 3, 1, 3).count('pods'), 3);
  });

  it("runs payment v2.1.0 with the seed's KubeFed replica counts", () => {
    const replicas = (name: string, i: number) => {
      const d = cluster(name, i, 1, 40).get('deployments', 'production', 'payment') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.equal(d.spec.template.spec.containers[0].image, 'registry.example.com/payment:v2.1.0');
      return d.spec.replicas;
    };
    assert.deepEqual(
      [replicas('us-east-prod', 0), replicas('eu-west-prod', 1), replicas('ap-south-prod', 2)],
      [5, 3, 3],
    );
  });

  it('links Deployments → ReplicaSets → Pods and has a StatefulSet and a DaemonSet', () => {
    const s = cluster('us-east-prod', 0, 1, 60);
    const rs = s.list('replicasets').find((r) => r.metadata.name.startsWith('payment-'))!;
    assert.equal((rs.metadata['ownerReferences'] as { name: string }[])[0]!.name, 'payment');
    const pods = s
      .list('pods')
      .filter((p) => (p.metadata['ownerReferences'] as { name: string }[])[0]!.name === rs.metadata.name);
    assert.equal(pods.length, 5);
    assert.ok(s.get('statefulsets', 'production', 'postgres'));
    assert.ok(s.list('daemonsets').length >= 1);
  });

  it('mixes pod phases and states: Running, Pending, CrashLoopBackOff, Completed, Failed', () => {
    const s = cluster('us-east-prod', 0, 1, 1000);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const pods = s.list('pods') as any[];
    const phases = new Set(pods.map((p) => p.status.phase));
    for (const ph of ['Running', 'Pending', 'Succeeded', 'Failed']) assert.ok(phases.has(ph), ph);
    assert.ok(
      pods.some((p) => p.status.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff'),
    );
    assert.ok(pods.some((p) => p.status.containerStatuses?.[0]?.restartCount > 0));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const nodes = s.list('nodes') as any[];
    assert.ok(
      nodes.some(
        (n) => n.status.conditions.find((c: { type: string }) => c.type === 'Ready').status !== 'True',
      ),
    );
  });

  it('puts the FederatedDeployment payment-service on the first cluster only', () => {
    assert.ok(cluster('us-east-prod', 0, 1, 20).get('federateddeployments', 'production', 'payment-service'));
    assert.equal(cluster('eu-west-prod', 1, 1, 20).count('federateddeployments'), 0);
  });

  it('formats timestamps exactly like toISOString without milliseconds', () => {
    const r = new Random(5);
    for (let i = 0; i < 2000; i++) {
      const ms = Date.UTC(2020, 0, 1) + Math.floor(r.next() * 10 * 365 * 86_400_000);
      assert.equal(ts(ms), new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    }
  });

  it('generates names for a cluster count and validates given names', () => {
    assert.deepEqual(clusterNames(3), ['cluster-01', 'cluster-02', 'cluster-03']);
    assert.equal(clusterNames(120)[0], 'cluster-001');
    assert.throws(() => clusterNames(['a', 'a']), /duplicate/);
    assert.throws(() => clusterNames(['Bad_Name']), /invalid cluster name/);
  });
});
