import assert from 'node:assert/strict';
import { startFleet, type Fleet, type KubeObject } from '../src/index.js';
import {
  equalIgnoreHash,
  scaled,
  surgeAndUnavailable,
  templateHash,
} from '../src/controllers/rollout-math.js';
import { jsonPatch } from '../src/ssa/json-patch.js';

type Obj = KubeObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Resolves when `check` holds for the store's object (checked on each of its events). */
function until(
  fleet: Fleet,
  resource: string,
  ns: string,
  name: string,
  check: (o: Obj) => boolean,
): Promise<Obj> {
  const store = fleet.clusters[0]!.store;
  return new Promise((resolve) => {
    const test = (): boolean => {
      const o = store.get(resource, ns, name) as Obj | undefined;
      if (o && check(o)) {
        off();
        resolve(o);
        return true;
      }
      return false;
    };
    const off = store.onEvent((ev) => {
      if (ev.resource === resource && ev.name === name) test();
    });
    test();
  });
}

/** Rolled out: the controller saw the latest generation and says the new ReplicaSet is available. */
const rolledOut = (d: Obj): boolean =>
  d['status'].observedGeneration === d.metadata['generation'] &&
  progressing(d)?.['reason'] === 'NewReplicaSetAvailable';

const revision = (o: KubeObject): string | undefined =>
  (o.metadata['annotations'] as Record<string, string> | undefined)?.['deployment.kubernetes.io/revision'];

const progressing = (o: Obj): Record<string, string> | undefined =>
  (o['status']?.conditions as Record<string, string>[] | undefined)?.find((c) => c['type'] === 'Progressing');

describe('deployment controller', function () {
  this.timeout(30_000);
  let fleet: Fleet;
  beforeEach(async () => {
    fleet = await startFleet({ clusters: ['one'], podsPerCluster: 20, timeScale: 50 });
  });
  afterEach(() => fleet.stop());

  const setImage = (name: string, image: string, extra: (d: Obj) => void = () => {}): void => {
    fleet.clusters[0]!.store.modify('deployments', 'production', name, (d) => {
      const o = d as Obj;
      o['spec'].template.spec.containers[0].image = image;
      o.metadata['generation'] = (o.metadata['generation'] as number) + 1;
      extra(o);
    });
  };

  it('rolls a new template out on a new ReplicaSet with the next revision', async () => {
    const store = fleet.clusters[0]!.store;
    const before = store.get('deployments', 'production', 'payment') as Obj;
    const rev = Number(revision(before));
    setImage('payment', 'registry.example.com/payment:v9');
    const done = await until(fleet, 'deployments', 'production', 'payment', rolledOut);
    assert.equal(done['status'].observedGeneration, done.metadata['generation']);
    assert.equal(done['status'].updatedReplicas, done['spec'].replicas);
    assert.equal(done['status'].availableReplicas, done['spec'].replicas);
    const rss = store
      .list('replicasets', 'production')
      .filter((r) => r.metadata.name.startsWith('payment-')) as Obj[];
    assert.equal(rss.length, 2);
    const fresh = rss.find((r) => r['spec'].template.spec.containers[0].image.endsWith(':v9'))!;
    assert.equal(revision(fresh), String(rev + 1));
    assert.equal(fresh['spec'].replicas, done['spec'].replicas);
    assert.equal(fresh.metadata.name, `payment-${fresh.metadata.labels!['pod-template-hash']}`);
    assert.equal(
      progressing(done)?.['message'],
      `ReplicaSet "${fresh.metadata.name}" has successfully progressed.`,
    );
    const old = rss.find((r) => r !== fresh)!;
    assert.equal(old['spec'].replicas, 0);
    // the pods are Pod objects: the new ReplicaSet's, running and ready; none of the old one's left
    const owned = (rs: Obj): Obj[] =>
      (store.list('pods', 'production') as Obj[]).filter((p) =>
        (p.metadata['ownerReferences'] as { uid: string }[]).some((o) => o.uid === rs.metadata.uid),
      );
    const pods = owned(fresh);
    assert.equal(pods.length, done['spec'].replicas);
    for (const p of pods) {
      assert.equal(p['status'].phase, 'Running');
      assert.equal(p.metadata.labels!['pod-template-hash'], fresh.metadata.labels!['pod-template-hash']);
      assert.ok(p.metadata.name.startsWith(`${fresh.metadata.name}-`));
    }
    assert.equal(owned(old).length, 0);
    assert.equal(revision(done), String(rev + 1));
  });

  it('never exceeds maxSurge while rolling', async () => {
    const store = fleet.clusters[0]!.store;
    let max = 0;
    const off = store.onEvent((ev) => {
      if (ev.resource !== 'replicasets') return;
      const total = store
        .list('replicasets', 'production')
        .filter((r) => r.metadata.name.startsWith('payment-'))
        .reduce((n, r) => n + ((r as Obj)['spec'].replicas as number), 0);
      max = Math.max(max, total);
    });
    const replicas = (store.get('deployments', 'production', 'payment') as Obj)['spec'].replicas as number;
    setImage('payment', 'registry.example.com/payment:v9');
    await until(fleet, 'deployments', 'production', 'payment', rolledOut);
    off();
    assert.equal(max, replicas + Math.ceil(replicas * 0.25));
  });

  it('an image that cannot start ends in ProgressDeadlineExceeded', async () => {
    setImage('api', 'registry.example.com/api:doesnotexist', (d) => (d['spec'].progressDeadlineSeconds = 20));
    const failed = await until(
      fleet,
      'deployments',
      'production',
      'api',
      (d) => progressing(d)?.['reason'] === 'ProgressDeadlineExceeded',
    );
    assert.equal(progressing(failed)?.['status'], 'False');
    assert.match(
      progressing(failed)?.['message'] ?? '',
      /^ReplicaSet "api-[a-z0-9]+" has timed out progressing\.$/,
    );
    assert.ok((failed['status'].updatedReplicas as number) < (failed['spec'].replicas as number));
    const stuck = (fleet.clusters[0]!.store.list('pods', 'production') as Obj[]).filter((p) =>
      String(p['spec'].containers[0].image).includes('doesnotexist'),
    );
    assert.ok(stuck.length > 0);
    for (const p of stuck) {
      assert.equal(p['status'].phase, 'Pending');
      assert.equal(p['status'].containerStatuses[0].state.waiting.reason, 'ImagePullBackOff');
    }
  });

  it('a paused deployment makes no ReplicaSet until resumed', async () => {
    const store = fleet.clusters[0]!.store;
    /** spec.paused written as the API server writes a spec change: with a new generation. */
    const setPaused = (paused: boolean): void => {
      store.modify('deployments', 'production', 'web', (d) => {
        (d as Obj)['spec'].paused = paused;
        d.metadata['generation'] = (d.metadata['generation'] as number) + 1;
      });
    };
    setPaused(true);
    await until(
      fleet,
      'deployments',
      'production',
      'web',
      (d) => progressing(d)?.['reason'] === 'DeploymentPaused',
    );
    setImage('web', 'registry.example.com/web:v9');
    const paused = await until(
      fleet,
      'deployments',
      'production',
      'web',
      (d) => d['status'].observedGeneration === d.metadata['generation'],
    );
    assert.equal(paused['status'].updatedReplicas ?? 0, 0);
    assert.equal(
      store.list('replicasets', 'production').filter((r) => r.metadata.name.startsWith('web-')).length,
      1,
    );
    setPaused(false);
    await until(fleet, 'deployments', 'production', 'web', rolledOut);
  });

  it('kube arithmetic: percentages, hashes, equality ignoring the hash label', () => {
    assert.equal(scaled('25%', 5, true, '25%'), 2);
    assert.equal(scaled('25%', 5, false, '25%'), 1);
    assert.equal(scaled(3, 5, true, '25%'), 3);
    assert.deepEqual(
      surgeAndUnavailable({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }, 3),
      {
        surge: 0,
        unavailable: 1,
      },
    );
    const t = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'x', image: 'i' }] } };
    const h = {
      metadata: { labels: { app: 'x', 'pod-template-hash': 'abc' }, creationTimestamp: null },
      spec: t.spec,
    };
    assert.ok(equalIgnoreHash(t, h));
    assert.equal(templateHash(t), templateHash(h));
    assert.notEqual(
      templateHash(t),
      templateHash({ ...t, spec: { containers: [{ name: 'x', image: 'j' }] } }),
    );
    assert.match(templateHash(t), /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  it('JSON patch: replace, add, remove, test', () => {
    const doc = { a: { b: 1 }, l: [1, 2] };
    assert.deepEqual(
      jsonPatch(doc, [
        { op: 'replace', path: '/a/b', value: 2 },
        { op: 'add', path: '/l/-', value: 3 },
        { op: 'remove', path: '/l/0' },
        { op: 'test', path: '/a/b', value: 2 },
      ]),
      { a: { b: 2 }, l: [2, 3] },
    );
    assert.throws(() => jsonPatch(doc, [{ op: 'replace', path: '/nope', value: 1 }]));
    assert.deepEqual(doc, { a: { b: 1 }, l: [1, 2] });
  });
});
