import assert from 'node:assert/strict';
import { startFleet, type Fleet as SimFleet } from '@kubectl-mc/sim';
import {
  Fleet,
  planRolloutOne,
  rfc3339,
  rolloutStatus,
  runRollout,
  sameTemplate,
  selectorString,
  undoTarget,
  waitForRollout,
  type Revision,
  type RolloutStatus,
} from '../../src/fleet/index.js';
import { preloadTransport } from '../../src/transport/index.js';

const deploy = (spec: object, status: object, generation = 2) => ({
  kind: 'Deployment',
  metadata: { name: 'web', generation },
  spec: { replicas: 3, ...spec },
  status: { observedGeneration: 2, ...status },
});

describe('fleet/rollout: kubectl status viewers', () => {
  it('says what kubectl says at each stage of a Deployment rollout', () => {
    assert.equal(
      rolloutStatus(deploy({}, {}, 3)).message,
      'Waiting for deployment spec update to be observed...',
    );
    assert.equal(
      rolloutStatus(deploy({}, { updatedReplicas: 1, replicas: 4 })).message,
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    );
    assert.equal(
      rolloutStatus(deploy({}, { updatedReplicas: 3, replicas: 4 })).message,
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    );
    assert.equal(
      rolloutStatus(deploy({}, { updatedReplicas: 3, replicas: 3, availableReplicas: 2 })).message,
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
    );
    const done = rolloutStatus(deploy({}, { updatedReplicas: 3, replicas: 3, availableReplicas: 3 }));
    assert.equal(done.message, 'deployment "web" successfully rolled out');
    assert.ok(done.done);
    const failed = rolloutStatus(
      deploy(
        {},
        {
          conditions: [
            { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'm' },
          ],
        },
      ),
    );
    assert.equal(failed.failed, 'deployment "web" exceeded its progress deadline');
    assert.equal(failed.condition, 'm');
  });

  it('judges DaemonSets and StatefulSets as kubectl does', () => {
    const ds = {
      kind: 'DaemonSet',
      metadata: { name: 'ne', generation: 1 },
      spec: { updateStrategy: { type: 'RollingUpdate' } },
      status: {
        observedGeneration: 1,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
      },
    };
    assert.equal(
      rolloutStatus(ds).message,
      'Waiting for daemon set "ne" rollout to finish: 2 of 3 updated pods are available...',
    );
    const sts = {
      kind: 'StatefulSet',
      metadata: { name: 'pg', generation: 1 },
      spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate' } },
      status: {
        observedGeneration: 1,
        readyReplicas: 3,
        currentRevision: 'a',
        updateRevision: 'a',
        currentReplicas: 3,
      },
    };
    assert.equal(rolloutStatus(sts).message, 'statefulset rolling update complete 3 pods at revision a...');
    assert.ok(rolloutStatus(sts).done);
    assert.match(rolloutStatus({ kind: 'Pod', metadata: { name: 'p' } }).failed ?? '', /no status viewer/);
  });

  it('undo picks the previous revision or the one asked for; RFC 3339 and selectors as kubectl writes them', () => {
    const rev = (revision: number): Revision => ({
      revision,
      changeCause: '',
      replicaSet: `rs-${revision}`,
      template: {},
      images: [],
      annotations: {},
    });
    const revs = [rev(2), rev(4), rev(7)];
    assert.equal(undoTarget(revs, 7, 0, 'web').revision, 4);
    assert.equal(undoTarget(revs, 7, 2, 'web').revision, 2);
    assert.throws(() => undoTarget(revs, 7, 3, 'web'), /unable to find specified revision 3 in history/);
    assert.throws(() => undoTarget([rev(7)], 7, 0, 'web'), /no rollout history found for deployment "web"/);
    assert.match(rfc3339(new Date()), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    assert.equal(
      selectorString({
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 't', operator: 'In', values: ['a', 'b'] }],
      }),
      'app=web,t in (a,b)',
    );
    assert.ok(
      sameTemplate(
        {
          metadata: { labels: { app: 'x', 'pod-template-hash': 'h' }, creationTimestamp: null },
          spec: { a: 1 },
        },
        { metadata: { labels: { app: 'x' } }, spec: { a: 1 } },
      ),
    );
  });
});

describe('fleet/rollout against the simulated fleet', function () {
  this.timeout(30_000);
  let sim: SimFleet;
  let fleet: Fleet;

  before(async () => {
    sim = await startFleet({ clusters: ['one', 'two'], podsPerCluster: 40, timeScale: 50 });
    fleet = Fleet.open({ files: [sim.kubeconfigPath], selection: { clusters: ['one', 'two'] } });
    preloadTransport(fleet.kubeconfig, fleet.contexts);
  });
  after(async () => {
    fleet.close();
    await sim.stop();
  });

  it('waitForRollout reports progress until a restart has rolled out', async () => {
    const api = await fleet.api('one');
    const plan = await planRolloutOne(api, {
      action: 'restart',
      type: 'deploy',
      name: 'payment',
      namespaceOf: () => 'production',
    });
    assert.ok(plan.patch);
    for await (const r of runRollout(fleet, [plan])) assert.ok(r.ok, r.ok ? '' : r.error.message);
    const seen: RolloutStatus[] = [];
    const res = await api.resolve('deployments');
    const r = await waitForRollout(api, res, 'payment', {
      namespace: 'production',
      onProgress: (s) => seen.push(s),
    });
    assert.equal(r.outcome, 'done');
    assert.equal(r.status.message, 'deployment "payment" successfully rolled out');
    assert.ok(seen.length >= 2, `progress reported: ${seen.map((s) => s.message).join(' / ')}`);
    assert.ok(seen.some((s) => !s.done));
  });

  it('waitForRollout gives up at its timeout and stops when aborted', async () => {
    const api = await fleet.api('two');
    const res = await api.resolve('deployments');
    sim.cluster('two').store.modify('deployments', 'production', 'api', (d) => {
      const o = d as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
      o.spec.template.spec.containers[0]!.image = 'x:doesnotexist';
      d.metadata['generation'] = (d.metadata['generation'] as number) + 1;
    });
    const t = await waitForRollout(api, res, 'api', { namespace: 'production', timeoutMs: 300 });
    assert.equal(t.outcome, 'timeout');
    const ac = new AbortController();
    const p = waitForRollout(api, res, 'api', {
      namespace: 'production',
      signal: ac.signal,
      onProgress: () => ac.abort(),
    });
    assert.equal((await p).outcome, 'cancelled');
    // a cluster lost mid-watch is reported and waited for, not failed
    const lost = new AbortController();
    let reconnect: string | undefined;
    const w = await waitForRollout(api, res, 'api', {
      namespace: 'production',
      signal: lost.signal,
      requestTimeoutMs: 2000,
      onProgress: () => sim.setFault('two', 'down'),
      onReconnecting: (e) => {
        reconnect = e.kind;
        lost.abort();
      },
    });
    sim.setFault('two', undefined);
    assert.equal(w.outcome, 'cancelled');
    assert.ok(reconnect === 'Unreachable' || reconnect === 'Timeout', reconnect);
    await assert.rejects(
      waitForRollout(api, res, 'nope', { namespace: 'production' }),
      (e: Error & { kind?: string }) => e.kind === 'NotFound',
    );
  });
});
