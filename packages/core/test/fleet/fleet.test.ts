/** core/fleet against a simulated fleet over TLS: health, lists, one object, drift, list-then-watch. */
import assert from 'node:assert/strict';
import { startFleet } from '@kubectl-mc/sim';
import type { Fleet as SimFleet } from '@kubectl-mc/sim';
import { collect } from '../../src/fanout/index.js';
import { Fleet, type ClusterHealth, type FollowEvent } from '../../src/fleet/index.js';
import { preloadTransport } from '../../src/transport/index.js';

const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'down-1', 'forbid-1', 'unauth-1'];

describe('fleet against the simulated fleet', function () {
  this.timeout(30_000);
  let sim: SimFleet;
  let fleet: Fleet;

  before(async () => {
    sim = await startFleet({
      clusters: CLUSTERS,
      podsPerCluster: 6,
      faults: { 'down-1': 'down', 'forbid-1': 'forbid', 'unauth-1': 'unauthorized' },
    });
    // The deadlines below measure the clusters, not the first load of client-node on a busy machine.
    preloadTransport();
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

  it('selects the contexts in kubeconfig order and describes them without secrets', () => {
    assert.deepEqual(fleet.contexts, CLUSTERS);
    assert.deepEqual(
      fleet.infos.map((c) => [c.name, c.namespace]),
      CLUSTERS.map((c) => [c, 'default']),
    );
  });

  describe('health', () => {
    let health: Map<string, ClusterHealth>;
    before(async () => {
      health = new Map();
      for await (const h of fleet.health({ warnings: true, now: () => 42 })) health.set(h.context, h.health);
    });

    it('a healthy cluster is ok with its version, latency, ready nodes and warning count', () => {
      const h = health.get('us-east-prod');
      assert.ok(h?.state === 'ok', JSON.stringify(h));
      assert.match(h.version ?? '', /^v\d+\.\d+\.\d+/);
      assert.ok(h.latencyMs >= 0);
      assert.ok((h.nodesTotal ?? 0) > 0, 'nodes counted');
      assert.ok((h.nodesReady ?? -1) >= 0 && (h.nodesReady ?? 0) <= (h.nodesTotal ?? 0));
      assert.equal(typeof h.warnings, 'number');
      assert.equal(h.checkedAt, 42);
    });

    it('a down cluster is an error with its typed error', () => {
      const h = health.get('down-1');
      assert.ok(h?.state === 'error', JSON.stringify(h));
      assert.equal(h.error.kind, 'Unreachable');
      assert.match(h.error.message, /connection refused/);
      assert.equal(h.checkedAt, 42);
    });

    it('a cluster that forbids lists is ok, its node and warning counts left out', () => {
      const h = health.get('forbid-1');
      assert.ok(h?.state === 'ok', JSON.stringify(h));
      assert.match(h.version ?? '', /^v\d+/);
      assert.equal(h.nodesTotal, undefined);
      assert.equal(h.nodesReady, undefined);
      assert.equal(h.warnings, undefined);
    });

    it('a cluster that refuses the credentials is an Unauthorized error', () => {
      const h = health.get('unauth-1');
      assert.ok(h?.state === 'error', JSON.stringify(h));
      assert.equal(h.error.kind, 'Unauthorized');
    });

    it('every selected cluster answered exactly once', () => {
      assert.deepEqual([...health.keys()].sort(), [...CLUSTERS].sort());
    });
  });

  it('lists a resource across clusters as it arrives, each failing cluster with its own typed error', async () => {
    const stream = fleet.list('pods', { allNamespaces: true });
    assert.deepEqual(stream.contexts, CLUSTERS);
    const results = await collect(stream);
    assert.deepEqual(
      results.map((r) => [r.context, r.ok ? 'ok' : r.error.kind]),
      [
        ['us-east-prod', 'ok'],
        ['eu-west-prod', 'ok'],
        ['down-1', 'Unreachable'],
        ['forbid-1', 'Forbidden'],
        ['unauth-1', 'Unauthorized'],
      ],
    );
    for (const r of results) {
      if (!r.ok) {
        assert.equal(r.error.context, r.context);
        continue;
      }
      const names = r.value.columns.map((c) => c.name);
      assert.deepEqual(names.slice(0, 3), ['Name', 'Ready', 'Status']);
      assert.equal(r.value.rows.length, sim.cluster(r.context).store.list('pods').length);
      assert.ok(r.value.resourceVersion, 'a resourceVersion to watch from');
    }
  });

  it("one cluster's objects of a resource by name and namespace, in one namespace or in all", async () => {
    const store = sim.cluster('us-east-prod').store;
    const inProduction = await fleet.refs('us-east-prod', 'deploy', { namespace: 'production' });
    assert.deepEqual(
      inProduction.map((r) => `${r.namespace}/${r.name}`).sort(),
      store
        .list('deployments', 'production')
        .map((o) => `production/${o.metadata.name}`)
        .sort(),
    );
    const nodes = await fleet.refs('us-east-prod', 'nodes');
    assert.equal(nodes.length, store.list('nodes').length);
    assert.ok(nodes.every((n) => n.namespace === undefined && n.name !== ''));
    const allPods = await fleet.refs('us-east-prod', 'po');
    assert.equal(allPods.length, store.list('pods').length);
    await assert.rejects(
      fleet.refs('down-1', 'po'),
      (e: unknown) => (e as { kind?: string }).kind === 'Unreachable',
    );
  });

  it("one object's YAML, keys sorted, without managedFields; its compare form without identity and status", async () => {
    const store = sim.cluster('us-east-prod').store;
    store.modify('deployments', 'production', 'api', (o) => {
      o.metadata['managedFields'] = [{ manager: 'kubectl-client-side-apply', operation: 'Update' }];
    });
    const text = await fleet.objectYaml('us-east-prod', 'deploy', 'api', { namespace: 'production' });
    assert.match(text, /^apiVersion: apps\/v1$/m);
    assert.match(text, /^kind: Deployment$/m);
    assert.match(text, /^ {2}name: api$/m);
    assert.match(text, /^ {2}uid: /m);
    assert.doesNotMatch(text, /managedFields|kubectl-client-side-apply/);
    // The object as the cluster sends it still has them: only the display drops them.
    const raw = await fleet.object('us-east-prod', 'deployments.apps', 'api', { namespace: 'production' });
    assert.ok(Array.isArray(raw.metadata?.['managedFields']));

    const compare = await fleet.objectYaml('us-east-prod', 'deploy', 'api', {
      namespace: 'production',
      compare: true,
    });
    assert.match(compare, /^ {2}name: api$/m);
    assert.doesNotMatch(compare, /\buid:|resourceVersion:|creationTimestamp:|managedFields|^status:/m);

    await assert.rejects(
      fleet.objectYaml('us-east-prod', 'deploy', 'no-such', { namespace: 'production' }),
      (e: unknown) => (e as { kind?: string }).kind === 'NotFound',
    );
  });

  it('drift: a workload whose clusters run different images, named with each image and its clusters', async () => {
    const newImage = 'registry.example.com/web:v1.19.0';
    const old = sim.cluster('us-east-prod').store.get('deployments', 'production', 'web');
    const oldImage = (old?.['spec'] as { template: { spec: { containers: { image: string }[] } } }).template
      .spec.containers[0]!.image;
    sim.cluster('eu-west-prod').store.modify('deployments', 'production', 'web', (o) => {
      const spec = o['spec'] as { template: { spec: { containers: { image: string }[] } } };
      spec.template.spec.containers[0]!.image = newImage;
    });
    const drift = await fleet.drift();
    assert.equal(drift.answered, 2);
    assert.deepEqual(
      drift.failed.map((e) => [e.context, e.kind]),
      [
        ['down-1', 'Unreachable'],
        ['forbid-1', 'Forbidden'],
        ['unauth-1', 'Unauthorized'],
      ],
    );
    const web = drift.workloads.find((w) => w.kind === 'Deployment' && w.key === 'Deployment/production/web');
    assert.ok(web, 'web is merged across clusters');
    assert.deepEqual(
      web.clusters.map((c) => c.context),
      ['us-east-prod', 'eu-west-prod'],
    );
    assert.ok(
      web.drift.includes(`image: ${oldImage} (us-east-prod) vs ${newImage} (eu-west-prod)`),
      web.drift.join('\n'),
    );
    assert.ok(drift.workloads.indexOf(web) < drift.workloads.findIndex((w) => w.drift.length === 0));
    const postgres = drift.workloads.find((w) => w.key === 'StatefulSet/production/postgres');
    assert.ok(postgres && postgres.drift.every((d) => !d.startsWith('image:')), 'same image: no image drift');
  });

  it('follows a resource: lists every cluster, names the failing ones, streams changes, lists again on refresh', async () => {
    const ac = new AbortController();
    const stream = fleet.follow('configmaps', {
      allNamespaces: true,
      signal: ac.signal,
      retryMs: 60_000,
      timeoutMs: 5000,
    });
    const seen: FollowEvent[] = [];
    const it = stream[Symbol.asyncIterator]();
    const until = async (what: string, test: (e: FollowEvent) => boolean): Promise<FollowEvent> => {
      for (;;) {
        const next = await Promise.race([
          it.next(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what}`)), 15_000)),
        ]);
        assert.ok(!next.done, `the stream ended before ${what}`);
        seen.push(next.value);
        if (test(next.value)) return next.value;
      }
    };
    try {
      const pending = new Set(CLUSTERS);
      while (pending.size > 0) {
        const e = await until('every cluster', (e) => e.type === 'LIST' || e.type === 'ERROR');
        pending.delete(e.context);
      }
      const outcome = (ctx: string) => seen.find((e) => e.context === ctx && e.type !== 'RESOLVED')?.type;
      assert.equal(outcome('us-east-prod'), 'LIST');
      assert.equal(outcome('eu-west-prod'), 'LIST');
      const errorOf = (ctx: string) => {
        const e = seen.find((x) => x.context === ctx && x.type === 'ERROR');
        return e?.type === 'ERROR' ? e.error.kind : undefined;
      };
      assert.equal(errorOf('down-1'), 'Unreachable');
      assert.equal(errorOf('forbid-1'), 'Forbidden');
      assert.equal(errorOf('unauth-1'), 'Unauthorized');
      const resolved = seen.find((e) => e.context === 'us-east-prod' && e.type === 'RESOLVED');
      assert.ok(resolved?.type === 'RESOLVED' && resolved.resource.namespaced);

      // A change on one cluster arrives as that cluster's event, from the watch.
      sim.cluster('eu-west-prod').store.add('configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'followed', namespace: 'default' },
        data: { a: 'b' },
      });
      const added = await until('the ADDED event', (e) => e.type === 'ADDED');
      assert.equal(added.context, 'eu-west-prod');
      assert.ok(added.type === 'ADDED');
      assert.equal(added.table.rows[0]?.object?.metadata?.name, 'followed');

      // The down cluster comes back; refresh lists it again at once (its retry wait is a minute).
      sim.setFault('down-1', undefined);
      stream.refresh();
      const back = await until('the recovered cluster', (e) => e.context === 'down-1' && e.type === 'LIST');
      assert.ok(back.type === 'LIST' && back.table.rows.length > 0);
    } finally {
      ac.abort();
      sim.setFault('down-1', 'down');
    }
    // Aborted: the stream ends.
    assert.equal((await it.next()).done, true);
  });
});
