// Events as a real API server keeps them: about pods, Deployments, ReplicaSets and Nodes, old-style and
// events.k8s.io series, filtered by kube-apiserver's event field selectors.
import assert from 'node:assert/strict';
import { startFleet, type Fleet, type SimCluster } from '../src/index.js';
import { get } from './helpers.js';

interface Ev {
  metadata: { namespace: string };
  involvedObject: { kind: string; name: string; uid?: string; apiVersion: string; namespace?: string };
  type: string;
  reason: string;
  series?: { count: number; lastObservedTime: string };
  eventTime?: string | null;
  lastTimestamp?: string | null;
}

describe('sim events', () => {
  let fleet: Fleet;
  let east: SimCluster;
  let all: Ev[];
  const list = async (query: string): Promise<Ev[]> => {
    const r = await get(fleet, east, `/api/v1/events?fieldSelector=${encodeURIComponent(query)}`);
    assert.equal(r.status, 200, r.text);
    return (r.json() as { items: Ev[] }).items;
  };

  before(async () => {
    fleet = await startFleet({ clusters: ['us-east-prod', 'eu-west-prod'], podsPerCluster: 30 });
    east = fleet.cluster('us-east-prod');
    all = (await get(fleet, east, '/api/v1/events')).json().items as Ev[];
  });
  after(() => fleet.stop());

  it('has events about Pods, Deployments, ReplicaSets and Nodes, with a series', () => {
    const kinds = new Set(all.map((e) => e.involvedObject.kind));
    for (const k of ['Pod', 'Deployment', 'ReplicaSet', 'Node']) assert.ok(kinds.has(k), k);
    const series = all.filter((e) => e.series);
    assert.ok(series.length > 0);
    for (const e of series) {
      assert.equal(e.lastTimestamp, null);
      assert.ok(e.eventTime && e.series && e.series.count > 1);
      assert.ok(Date.parse(e.series.lastObservedTime) > Date.parse(e.eventTime));
    }
    // node events live in default and name no namespace, as the node controller writes them
    for (const e of all.filter((x) => x.involvedObject.kind === 'Node')) {
      assert.equal(e.metadata.namespace, 'default');
      assert.equal(e.involvedObject.namespace, undefined);
    }
  });

  it('filters by the involvedObject fields kubectl events --for sends, type and reason', async () => {
    const deploy = all.find((e) => e.involvedObject.kind === 'Deployment')!;
    const forDeploy = await list(
      `involvedObject.kind=Deployment,involvedObject.apiVersion=apps/v1,involvedObject.name=${deploy.involvedObject.name}`,
    );
    assert.ok(forDeploy.length > 0);
    assert.ok(forDeploy.every((e) => e.involvedObject.name === deploy.involvedObject.name));
    assert.deepEqual(
      await list(
        `involvedObject.kind=Deployment,involvedObject.apiVersion=v1,involvedObject.name=${deploy.involvedObject.name}`,
      ),
      [],
    );
    const byUid = await list(`involvedObject.uid=${deploy.involvedObject.uid}`);
    assert.ok(byUid.length > 0 && byUid.every((e) => e.involvedObject.uid === deploy.involvedObject.uid));
    const warnings = await list('type=Warning');
    assert.equal(warnings.length, all.filter((e) => e.type === 'Warning').length);
    assert.ok(
      (await list('reason=ScalingReplicaSet,type!=Warning')).every((e) => e.reason === 'ScalingReplicaSet'),
    );
    assert.ok((await list('involvedObject.namespace=production')).length > 0);
    assert.ok((await list('source=deployment-controller')).length > 0);
  });

  it('refuses a field kube-apiserver does not have for events', async () => {
    const r = await get(fleet, east, '/api/v1/events?fieldSelector=source.component%3Dkubelet');
    assert.equal(r.status, 400);
    assert.equal(r.json().message, 'field label not supported: source.component');
  });
});
