/** Pod logs as the API server and kubelet answer them: containers, previous, since, limitBytes. */
import assert from 'node:assert/strict';
import { startFleet, type Fleet, type SimCluster } from '../src/index.js';
import { get } from './helpers.js';

interface PodItem {
  metadata: { name: string };
  spec: { containers: { name: string }[] };
  status: {
    containerStatuses?: {
      name: string;
      state: { running?: object; waiting?: { reason: string } };
      lastState: { terminated?: object };
    }[];
  };
}

describe('pod logs: containers, previous, since, limitBytes', function () {
  this.timeout(30_000);
  let fleet: Fleet;
  let c: SimCluster;
  let pods: PodItem[];

  before(async () => {
    fleet = await startFleet({ clusters: ['us-east-prod'] });
    c = fleet.cluster('us-east-prod');
    pods = (await get(fleet, c, '/api/v1/namespaces/production/pods')).json().items as PodItem[];
  });
  after(async () => {
    await fleet?.stop();
  });

  const log = (pod: string, query = '') =>
    get(fleet, c, `/api/v1/namespaces/production/pods/${pod}/log${query ? `?${query}` : ''}`);
  const running = (p: PodItem) => p.status.containerStatuses?.every((s) => s.state.running) ?? false;

  it('a two-container pod needs a container; each has its own log', async () => {
    const pod = pods.find((p) => p.spec.containers.length === 2 && running(p))!;
    const name = pod.metadata.name;
    const none = await log(name);
    assert.equal(none.status, 400);
    assert.equal(
      none.json().message,
      `a container name must be specified for pod ${name}, choose one of: [postgres exporter]`,
    );
    const exporter = (await log(name, 'container=exporter')).text;
    assert.match(
      exporter.split('\n')[0]!,
      / INFO exporter starting quay.io\/prometheuscommunity\/postgres-exporter:/,
    );
    assert.notEqual(exporter, (await log(name, 'container=postgres')).text);
  });

  it('previous: the terminated instance, ending with why; 400 when there is none', async () => {
    const restarted = pods.find((p) => p.status.containerStatuses?.[0]?.lastState.terminated)!;
    const c0 = restarted.spec.containers[0]!.name;
    const prev = await log(restarted.metadata.name, `container=${c0}&previous=true`);
    assert.equal(prev.status, 200);
    assert.match(prev.text.trimEnd().split('\n').pop()!, / ERROR .* (out of memory|connection refused)/);
    const fresh = pods.find((p) => running(p) && !p.status.containerStatuses?.[0]?.lastState.terminated)!;
    const f0 = fresh.spec.containers[0]!.name;
    const none = await log(fresh.metadata.name, `container=${f0}&previous=true`);
    assert.equal(none.status, 400);
    assert.equal(
      none.json().message,
      `previous terminated container "${f0}" in pod "${fresh.metadata.name}" not found`,
    );
  });

  it('sinceTime / sinceSeconds keep lines not before; limitBytes cuts the body', async () => {
    const pod = pods.find((p) => p.spec.containers.length === 1 && running(p))!;
    const name = pod.metadata.name;
    const all = (await log(name, 'timestamps=true')).text.trimEnd().split('\n');
    const mid = all[Math.floor(all.length / 2)]!.split(' ')[0]!;
    const since = (await log(name, `timestamps=true&sinceTime=${mid}`)).text.trimEnd().split('\n');
    assert.deepEqual(since, all.slice(Math.floor(all.length / 2)));
    assert.equal((await log(name, 'sinceSeconds=1')).text, '');
    const both = await log(name, `sinceSeconds=1&sinceTime=${mid}`);
    assert.equal(both.status, 422);
    const limited = (await log(name, 'limitBytes=10')).text;
    assert.equal(limited, (await log(name)).text.slice(0, 10));
  });
});
