/**
 * Hub clusters in the Clusters view, without VS Code: the fleet bundle's backend over a simulated hub
 * (its ClusterProfiles, the providers file and exec plugin the simulator writes) groups each hub's
 * clusters, reaches them through the plugin, and follows a ClusterProfile joining and leaving; a hub that
 * is down is its own error context. Plus the pure rules: which hubs the settings and `.kubectl-mc.yaml`
 * name, and the tree's hub groups.
 */
import assert from 'node:assert/strict';
import { startFleet, type Fleet as SimFleet } from '@kubectl-mc/sim';
import { coreBackend } from '../src/fleet/core-backend.js';
import type { FleetBackend } from '../src/fleet/backend.js';
import { hubSettingsOf, hubsFromConfigText } from '../src/fleet/hub-settings.js';
import { hubGroups } from '../src/tree/model.js';

const MEMBERS = ['us-east-prod', 'eu-west-prod', 'staging'];

async function until<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('hub clusters in the Clusters view (fleet bundle, simulated hub)', function () {
  this.timeout(60_000);
  let sim: SimFleet;
  let backend: FleetBackend;
  let changes = 0;

  before(async () => {
    sim = await startFleet({ clusters: MEMBERS, hub: true, podsPerCluster: 2 });
    backend = coreBackend(
      [sim.kubeconfigPath],
      {},
      {
        hubs: ['hub'],
        namespaces: [],
        providersFile: sim.hub!.providersPath,
      },
    );
    backend.onDidChangeInventory(() => changes++);
  });
  after(async () => {
    backend?.dispose();
    await sim?.stop();
  });

  const group = () => backend.hubGroups().find((g) => g.hub === 'hub');

  it("groups the hub's ClusterProfile clusters and reaches them through the provider's plugin", async () => {
    const kubeconfigContexts = backend.fleet().contexts.length;
    const g = await until('the hub listed', () => (group()?.contexts.length ? group() : undefined));
    assert.ok(changes >= 1);
    for (const m of MEMBERS.filter((x) => x !== 'staging' || g.contexts.includes('fleet/staging')))
      assert.ok(
        g.contexts.some((c) => c.endsWith(`/${m}`)),
        `${m} in ${g.contexts.join(', ')}`,
      );
    // the fleet now has the kubeconfig's contexts and the hub's clusters
    const fleet = backend.fleet();
    assert.ok(fleet.contexts.length > kubeconfigContexts);
    for (const c of g.contexts) assert.ok(fleet.contexts.includes(c), c);
    const member = g.contexts.find((c) => c.endsWith('/us-east-prod'))!;
    const text = await backend.actions.describe(
      { contexts: [member], resource: 'namespaces', name: 'default' },
      AbortSignal.timeout(20_000),
    );
    assert.match(text, /^Name:\s+default$/m);
  });

  it('follows a ClusterProfile joining and leaving, without a reload', async () => {
    const store = sim.hub!.store;
    const existing = store.list('clusterprofiles').find((p) => p.metadata.name === 'us-east-prod')!;
    const before = changes;
    const copy = structuredClone(existing) as typeof existing;
    copy.metadata = { ...copy.metadata, name: 'late-joiner', uid: 'late-joiner-uid' };
    delete (copy.metadata as Record<string, unknown>)['resourceVersion'];
    store.add('clusterprofiles', copy);
    const ns = String(existing.metadata.namespace);
    await until('the new cluster', () => group()?.contexts.includes(`${ns}/late-joiner`));
    assert.ok(changes > before);
    assert.ok(backend.fleet().contexts.includes(`${ns}/late-joiner`));
    store.delete('clusterprofiles', ns, 'late-joiner');
    await until('the cluster gone', () => !group()?.contexts.includes(`${ns}/late-joiner`));
    assert.ok(!backend.fleet().contexts.includes(`${ns}/late-joiner`));
  });

  it('a hub that cannot be listed is one error context in its group; the other hub and the kubeconfig stay', async () => {
    // us-east-prod does not serve the Cluster Inventory API
    const two = coreBackend(
      [sim.kubeconfigPath],
      {},
      {
        hubs: ['us-east-prod', 'hub'],
        namespaces: [],
        providersFile: sim.hub!.providersPath,
      },
    );
    try {
      assert.ok(two.fleet().contexts.includes('us-east-prod'));
      const groups = await until('both hubs listed', () =>
        two.hubGroups().every((g) => g.contexts.length > 0) && two.hubGroups().length === 2
          ? two.hubGroups()
          : undefined,
      );
      assert.deepEqual(groups[0], { hub: 'us-east-prod', contexts: ['hub:us-east-prod'] });
      assert.ok(groups[1]!.contexts.length >= 2, groups[1]!.contexts.join(', '));
      const seen = new Map<string, string>();
      for await (const h of two.fleet().health({ timeoutMs: 10_000 }))
        seen.set(h.context, h.health.state === 'error' ? `error: ${h.health.error.message}` : h.health.state);
      assert.match(seen.get('hub:us-east-prod') ?? '', /^error: hub "us-east-prod": .*clusterprofiles/);
      assert.equal(seen.get(groups[1]!.contexts[0]!), 'ok');
      assert.equal(seen.get('us-east-prod'), 'ok');
    } finally {
      two.dispose();
    }
  });

  it('takes the hubs from the settings and the workspace .kubectl-mc.yaml; the providers file from the user', () => {
    assert.deepEqual(hubsFromConfigText('hub: hub-a\nhubNamespace: [fleet, " "]\n'), {
      hubs: ['hub-a'],
      namespaces: ['fleet'],
    });
    assert.deepEqual(hubsFromConfigText('hub: [a, b]\n'), { hubs: ['a', 'b'], namespaces: [] });
    assert.deepEqual(hubsFromConfigText('protected: ["*"]\n'), { hubs: [], namespaces: [] });
    assert.deepEqual(hubsFromConfigText(': : bad'), { hubs: [], namespaces: [] });
    assert.deepEqual(hubsFromConfigText(undefined), { hubs: [], namespaces: [] });
    assert.deepEqual(
      hubSettingsOf(
        { hubs: ['a'], namespaces: undefined, providersFile: ' /p.json ' },
        { hubs: ['a', 'b'], namespaces: [] },
      ),
      { hubs: ['a', 'b'], namespaces: [], providersFile: '/p.json' },
    );
    assert.deepEqual(
      hubSettingsOf({ hubs: 7, namespaces: null, providersFile: '' }, { hubs: [], namespaces: [] }),
      {
        hubs: [],
        namespaces: [],
      },
    );
  });

  it('shows each hub as a group of the clusters the filter keeps, its name escaped', () => {
    assert.deepEqual(hubGroups([{ hub: 'h\x1b[2J', contexts: ['fleet/a', 'fleet/b'] }], ['fleet/b', 'x']), [
      { type: 'group', label: 'hub h^[[2J', contexts: ['fleet/b'] },
    ]);
  });
});
