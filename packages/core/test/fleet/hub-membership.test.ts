/** A hub fleet, live: watchHubMembership against the simulator's hub, and display names as cluster names. */
import assert from 'node:assert/strict';
import { startFleet } from '@kubectl-mc/sim';
import {
  loadProviders,
  nameHubClusters,
  parseProfile,
  watchHubMembership,
  type HubMembership,
} from '../../src/fleet/index.js';
import { loadKubeconfig } from '../../src/kubeconfig/load.js';

type SimFleet = Awaited<ReturnType<typeof startFleet>>;

/** The next state the watch yields that satisfies `ok`. */
async function until(
  it: AsyncGenerator<HubMembership>,
  ok: (m: HubMembership) => boolean,
): Promise<HubMembership> {
  for (;;) {
    const r = await it.next();
    assert.ok(!r.done, 'the watch ended');
    if (ok(r.value)) return r.value;
  }
}

const names = (m: HubMembership) => m.fleet.contexts.map((c) => c.name).sort();

describe('hub: display names', () => {
  const p = (name: string, displayName?: string, namespace = 'fleet') =>
    parseProfile(
      { metadata: { name, namespace }, spec: displayName === undefined ? {} : { displayName } },
      'hub',
    )!;

  it('a unique, usable display name is the name; a shared or unusable one leaves <namespace>/<name>', () => {
    const named = nameHubClusters([
      p('a', 'alpha'),
      p('b', 'twin'),
      p('c', 'twin', 'other'),
      p('d', 'has space'),
      p('e', 'x/y'),
      p('f', 'hub:x'),
      p('g', '\u001b[31mred'),
      p('h'),
    ]);
    assert.deepEqual(
      named.map((c) => c.id),
      ['alpha', 'fleet/b', 'other/c', 'fleet/d', 'fleet/e', 'fleet/f', 'fleet/g', 'fleet/h'],
    );
    assert.deepEqual(
      named.map((c) => c.ref),
      ['fleet/a', 'fleet/b', 'other/c', 'fleet/d', 'fleet/e', 'fleet/f', 'fleet/g', 'fleet/h'],
    );
  });
});

describe('hub: watchHubMembership against the simulated hub', function () {
  this.timeout(60_000);
  let fleet: SimFleet;
  before(async () => {
    fleet = await startFleet({ clusters: ['us-east-prod', 'staging'], podsPerCluster: 1, hub: true });
  });
  after(async () => {
    await fleet?.stop();
  });

  const opts = (over: { hubs?: string[]; clusterSelector?: string; signal: AbortSignal }) => ({
    kubeconfig: loadKubeconfig({ kubeconfig: fleet.kubeconfigPath }),
    hubs: over.hubs ?? ['hub'],
    providers: loadProviders(fleet.hub!.providersPath),
    timeoutMs: 20_000,
    backoffMs: 50,
    maxBackoffMs: 200,
    ...(over.clusterSelector !== undefined && { clusterSelector: over.clusterSelector }),
    signal: over.signal,
  });

  function addProfile(from: string, name: string, labels: Record<string, string> = {}) {
    const src = fleet.hub!.store.get('clusterprofiles', 'fleet', from);
    assert.ok(src);
    const copy = JSON.parse(JSON.stringify(src)) as {
      metadata: Record<string, unknown> & { labels: Record<string, string> };
      spec: Record<string, unknown>;
    };
    copy.metadata = {
      ...copy.metadata,
      name,
      uid: `uid-${name}`,
      labels: { ...copy.metadata.labels, ...labels },
    };
    delete copy.metadata['resourceVersion'];
    copy.spec = { ...copy.spec, displayName: name };
    fleet.hub!.store.add('clusterprofiles', copy as never);
  }

  it('yields the fleet, then each profile joining, changing and leaving', async () => {
    const ac = new AbortController();
    const it = watchHubMembership(opts({ signal: ac.signal }));
    try {
      const first = await until(it, () => true);
      assert.deepEqual(names(first), ['lab', 'onprem-prod', 'staging', 'us-east-prod']);
      assert.deepEqual(first.joined.sort(), names(first));
      assert.equal(first.fleet.cluster('staging')?.ref, 'fleet/staging');
      // the members' connections come from the providers file, as for loadHubFleet
      assert.equal(
        first.fleet.connectionConfigFor('us-east-prod').cluster.server,
        fleet.cluster('us-east-prod').server,
      );

      addProfile('us-east-prod', 'us-west-prod');
      const joined = await until(it, (m) => m.joined.length > 0);
      assert.deepEqual(joined.joined, ['us-west-prod']);
      assert.deepEqual(joined.left, []);
      assert.ok(names(joined).includes('us-west-prod'));

      fleet.hub!.store.modify('clusterprofiles', 'fleet', 'staging', (o) => {
        (o.metadata as { labels: Record<string, string> }).labels['tier'] = 'gold';
      });
      const changed = await until(it, (m) => m.changed.length > 0);
      assert.deepEqual(changed.changed, ['staging']);
      assert.equal(changed.fleet.cluster('staging')?.labels['tier'], 'gold');

      fleet.hub!.store.delete('clusterprofiles', 'fleet', 'us-west-prod');
      const left = await until(it, (m) => m.left.length > 0);
      assert.deepEqual(left.left, ['us-west-prod']);
      assert.ok(!names(left).includes('us-west-prod'));
    } finally {
      ac.abort();
      await it.return(undefined);
    }
  });

  it('applies --cluster-selector to profiles that join; a forbidden hub is its hub:<name> error', async () => {
    const ac = new AbortController();
    const it = watchHubMembership(
      opts({ hubs: ['hub', 'hub-restricted'], clusterSelector: 'environment=production', signal: ac.signal }),
    );
    try {
      const first = await until(it, () => true);
      assert.deepEqual(names(first), ['hub:hub-restricted', 'onprem-prod', 'us-east-prod']);
      assert.match(first.failing.get('hub-restricted')?.message ?? '', /--hub-namespace/);
      addProfile('staging', 'staging-two'); // not production: never part of the fleet
      addProfile('us-east-prod', 'ap-south-prod');
      const next = await until(it, (m) => m.joined.length > 0);
      assert.deepEqual(next.joined, ['ap-south-prod']);
      assert.ok(!names(next).includes('staging-two'));
    } finally {
      ac.abort();
      await it.return(undefined);
    }
  });
});
