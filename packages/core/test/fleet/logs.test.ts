/**
 * core/fleet logs: the Resumer's de-duplication, and fleetLogs against a simulated fleet — one stream of
 * every cluster's sources, per-cluster errors, and a followed stream that the server keeps dropping
 * resumed without losing or repeating a line.
 */
import assert from 'node:assert/strict';
import { startFleet } from '@kubectl-mc/sim';
import type { Fleet as SimFleet } from '@kubectl-mc/sim';
import { Fleet, fleetLogs, type LogEvent, type LogLine } from '../../src/fleet/index.js';
import { Resumer, resumeSince, stampKey } from '../../src/fleet/logs/index.js';
import { preloadTransport } from '../../src/transport/index.js';

describe('logs: Resumer', () => {
  const t = (s: number, ns = 0) =>
    `2026-01-01T00:00:${String(s).padStart(2, '0')}.${String(ns).padStart(9, '0')}Z`;

  it('orders stamps by time, nanoseconds included', () => {
    assert.ok(stampKey(t(1, 5))! < stampKey(t(1, 10))!);
    assert.ok(stampKey(t(1, 999999999))! < stampKey(t(2))!);
    assert.equal(stampKey('2026-01-01T01:00:01+01:00'), stampKey('2026-01-01T00:00:01Z'));
    assert.equal(stampKey('not a time'), undefined);
    assert.equal(resumeSince(t(7, 123)), '2026-01-01T00:00:07Z');
  });

  it('after a resume skips what was delivered, lines with the same stamp counted', () => {
    const r = new Resumer();
    for (const s of [t(1), t(2, 5), t(2, 5)]) assert.ok(r.accept(s));
    r.resume();
    // the server starts again from the second of the last line: t(2, 0) and the two t(2, 5) were seen
    const again = [t(2, 0), t(2, 5), t(2, 5), t(2, 5), t(3)];
    assert.deepEqual(
      again.map((s) => r.accept(s)),
      [false, false, false, true, true],
    );
  });
});

describe('logs: fleetLogs against the simulated fleet', function () {
  this.timeout(60_000);
  let sim: SimFleet;
  let fleet: Fleet;
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'down-1', 'forbid-1'];

  before(async () => {
    sim = await startFleet({
      clusters: CLUSTERS,
      podsPerCluster: 12,
      faults: { 'down-1': 'down', 'forbid-1': 'forbid' },
    });
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

  it('reads every source of every cluster; a down and a forbidden cluster are their own errors', async () => {
    const events: LogEvent[] = [];
    for await (const ev of fleetLogs(
      fleet,
      { kind: 'selector', selector: 'app=payment' },
      {
        namespace: () => 'production',
        tailLines: 3,
        timeoutMs: 5000,
      },
    ))
      events.push(ev);
    const errors = new Map(
      events.flatMap((e) => (e.type === 'cluster-error' ? [[e.context, e.error.kind] as const] : [])),
    );
    assert.deepEqual(Object.fromEntries(errors), { 'down-1': 'Unreachable', 'forbid-1': 'Forbidden' });
    for (const ctx of ['us-east-prod', 'eu-west-prod']) {
      const sources = events.find((e) => e.type === 'sources' && e.context === ctx);
      assert.ok(sources && sources.type === 'sources' && sources.sources.length >= 2, ctx);
      for (const s of sources.sources) {
        const blocks = events.filter((e) => e.type === 'lines' && e.source.pod === s.pod);
        const failed = events.some((e) => e.type === 'source-error' && e.source.pod === s.pod);
        if (failed) continue;
        // without follow, a source is one block of its last 3 lines, then its end
        assert.equal(blocks.length, 1, s.pod);
        assert.equal(blocks[0]!.type === 'lines' && blocks[0]!.lines.length, 3);
        assert.ok(events.some((e) => e.type === 'end' && e.source.pod === s.pod));
      }
    }
  });

  it('follows through dropped streams: every line once, in order, none lost', async () => {
    sim.setFault('us-east-prod', 'drop-watch:1200ms');
    const conn = await (await fleet.api('us-east-prod')).conn;
    const pods = await conn.request<{
      items: {
        metadata: { name: string };
        status: { phase: string; containerStatuses?: { ready: boolean }[] };
      }[];
    }>('/api/v1/namespaces/production/pods', { query: { labelSelector: 'app=payment' } });
    const pod = pods.body.items.find((p) => p.status.containerStatuses?.[0]?.ready)!.metadata.name;

    const ac = new AbortController();
    const got: LogLine[] = [];
    let reconnects = 0;
    const one = new Fleet(fleet.kubeconfig, ['us-east-prod'], { timeoutMs: 5000 });
    for await (const ev of fleetLogs(
      one,
      { kind: 'pod', name: pod },
      {
        namespace: () => 'production',
        follow: true,
        tailLines: 2,
        backoffMs: 1500,
        maxBackoffMs: 1500,
        signal: ac.signal,
      },
    )) {
      if (ev.type === 'lines') got.push(...ev.lines);
      if (ev.type === 'reconnecting') reconnects++;
      if (ev.type === 'source-error' || ev.type === 'cluster-error') assert.fail(ev.error.message);
      // stop once three drops were resumed and lines came after the last
      if (reconnects >= 3 && ev.type === 'lines') ac.abort();
    }
    sim.setFault('us-east-prod', undefined);

    // the container's whole log now, with timestamps: what was followed is one run of it
    const all: LogLine[] = [];
    for await (const ev of fleetLogs(
      one,
      { kind: 'pod', name: pod },
      {
        namespace: () => 'production',
        timestamps: true,
      },
    ))
      if (ev.type === 'lines') all.push(...ev.lines);
    const full = all.map((l) => l.text);
    const followed = got.map((l) => `${l.time} ${l.text}`);
    const start = full.indexOf(followed[0]!);
    assert.ok(start >= 0, `first followed line is in the log: ${followed[0]}`);
    assert.deepEqual(followed, full.slice(start, start + followed.length));
    // the backoff let the container write while nobody followed: those lines were caught up on
    assert.ok(followed.length >= 2 + 4, `lines followed: ${followed.length}`);
    one.close();
  });
});
