/** core/fleet events: kubectl events' last-seen rules, the fleet-wide merge, and list/watch against the simulator. */
import assert from 'node:assert/strict';
import { startFleet } from '@kubectl-mc/sim';
import type { Fleet as SimFleet } from '@kubectl-mc/sim';
import { UsageError } from '../../src/errors.js';
import {
  eventCells,
  Fleet,
  forFieldSelector,
  lastSeen,
  lastSeenText,
  listEvents,
  mergeEvents,
  parseEventTypes,
  parseForObject,
  sortEvents,
  watchEvents,
  type KubeEvent,
} from '../../src/fleet/index.js';
import { preloadTransport } from '../../src/transport/index.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
const micro = (minutesAgo: number) => at(minutesAgo).replace('Z', '000Z');

function ev(name: string, fields: Partial<KubeEvent>): KubeEvent {
  return { metadata: { name, namespace: 'default', uid: name }, ...fields };
}

describe('events: last seen as kubectl events computes it', () => {
  it('a series wins, then lastTimestamp, then eventTime', () => {
    const series = ev('s', { lastTimestamp: at(1), series: { count: 3, lastObservedTime: micro(5) } });
    assert.equal(lastSeen(series), NOW - 5 * 60_000);
    assert.equal(lastSeen(ev('l', { lastTimestamp: at(7), eventTime: micro(2) })), NOW - 7 * 60_000);
    assert.equal(lastSeen(ev('e', { lastTimestamp: null, eventTime: micro(9) })), NOW - 9 * 60_000);
    assert.equal(lastSeen(ev('none', {})), Number.NEGATIVE_INFINITY);
  });

  it('prints the interval as kubectl does', () => {
    assert.equal(
      lastSeenText(ev('a', { firstTimestamp: at(45), lastTimestamp: at(45), count: 1 }), NOW),
      '45m',
    );
    assert.equal(
      lastSeenText(ev('b', { firstTimestamp: at(187), lastTimestamp: at(33), count: 7 }), NOW),
      '33m (x7 over 3h7m)',
    );
    assert.equal(
      lastSeenText(
        ev('c', { eventTime: micro(300), series: { count: 4, lastObservedTime: micro(3.5) } }),
        NOW,
      ),
      '3m30s (x4 over 5h)',
    );
    // first seen comes from eventTime when it is set, even with firstTimestamp
    assert.equal(lastSeenText(ev('d', { eventTime: micro(2), firstTimestamp: at(90) }), NOW), '2m');
    assert.equal(lastSeenText(ev('e', {}), NOW), '<unknown>');
  });

  it('cells: NAMESPACE with -A, Kind/name as the event has it, message trimmed', () => {
    const e = ev('x', {
      firstTimestamp: at(20),
      type: 'Warning',
      reason: 'BackOff',
      involvedObject: { kind: 'Pod', name: 'web-1' },
      message: '  restarting \n',
    });
    assert.deepEqual(eventCells(e, NOW, true), [
      'default',
      '20m',
      'Warning',
      'BackOff',
      'Pod/web-1',
      'restarting',
    ]);
    assert.deepEqual(eventCells(e, NOW, false), ['20m', 'Warning', 'BackOff', 'Pod/web-1', 'restarting']);
  });
});

describe('events: sorting and the fleet-wide merge', () => {
  it('sorts one cluster oldest first, keeping the server order on ties', () => {
    const list = [
      ev('late', { lastTimestamp: at(1) }),
      ev('tie-a', { lastTimestamp: at(10) }),
      ev('early', { lastTimestamp: at(60) }),
      ev('tie-b', { lastTimestamp: at(10) }),
    ];
    assert.deepEqual(
      sortEvents(list).map((e) => e.metadata?.name),
      ['early', 'tie-a', 'tie-b', 'late'],
    );
  });

  it('merges clusters by last seen across the fleet, not cluster by cluster', () => {
    const merged = mergeEvents([
      { context: 'a', events: [ev('a1', { lastTimestamp: at(50) }), ev('a2', { lastTimestamp: at(5) })] },
      { context: 'b', events: [ev('b2', { lastTimestamp: at(20) }), ev('b1', { lastTimestamp: at(70) })] },
      { context: 'c', events: [] },
      {
        context: 'd',
        events: [ev('d1', { eventTime: micro(30), series: { count: 2, lastObservedTime: micro(20) } })],
      },
    ]);
    assert.deepEqual(
      merged.map((m) => `${m.context}/${m.event.metadata?.name}`),
      ['b/b1', 'a/a1', 'b/b2', 'd/d1', 'a/a2'],
    );
  });

  it('puts events without any time first and keeps every event', () => {
    const lists = Array.from({ length: 5 }, (_, c) => ({
      context: `c${c}`,
      events: Array.from({ length: 20 }, (_, i) =>
        ev(`e${c}-${i}`, { lastTimestamp: at((i * 7 + c * 13) % 97) }),
      ),
    }));
    lists[2]!.events.push(ev('timeless', {}));
    const merged = mergeEvents(lists);
    assert.equal(merged.length, 101);
    assert.equal(merged[0]?.event.metadata?.name, 'timeless');
    for (let i = 1; i < merged.length; i++)
      assert.ok(lastSeen(merged[i - 1]!.event) <= lastSeen(merged[i]!.event), `out of order at ${i}`);
  });
});

describe('events: flags as kubectl reads them', () => {
  it('--for TYPE/NAME', () => {
    assert.deepEqual(parseForObject('Deploy/web'), { type: 'deploy', name: 'web' });
    assert.throws(
      () => parseForObject('web'),
      (e: unknown) => e instanceof UsageError && /resource\/name form/.test(e.message),
    );
    assert.throws(() => parseForObject('a/b/c'), /more than one slash/);
  });

  it('--types Normal,Warning in any case, nothing else', () => {
    assert.deepEqual(parseEventTypes(['warning', 'Normal,Warning']), ['warning', 'Normal', 'Warning']);
    assert.throws(() => parseEventTypes(['Error']), /valid --types are Normal or Warning/);
  });

  it('--for as the field selector kubectl sends, values escaped', () => {
    const deploy = {
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      kind: 'Deployment',
      namespaced: true,
      singular: 'deployment',
      shortNames: [],
      verbs: [],
      categories: [],
    };
    assert.equal(
      forFieldSelector(deploy, 'a,b=c'),
      'involvedObject.kind=Deployment,involvedObject.apiVersion=apps/v1,involvedObject.name=a\\,b\\=c',
    );
  });
});

describe('events against the simulated fleet', function () {
  this.timeout(30_000);
  let sim: SimFleet;
  let fleet: Fleet;

  before(async () => {
    sim = await startFleet({
      clusters: ['us-east-prod', 'eu-west-prod', 'forbid-1'],
      podsPerCluster: 12,
      faults: { 'forbid-1': 'forbid' },
    });
    fleet = Fleet.open({
      files: [sim.kubeconfigPath],
      selection: { clusters: ['us-east-prod', 'eu-west-prod', 'forbid-1'] },
    });
    preloadTransport(fleet.kubeconfig, fleet.contexts);
  });
  after(async () => {
    fleet.close();
    await sim.stop();
  });

  it('lists every cluster, names the forbidden one, and merges by last seen', async () => {
    const { results, events } = await listEvents(fleet, { allNamespaces: true });
    const failed = results.filter((r) => !r.ok);
    assert.deepEqual(
      failed.map((r) => (r.ok ? '' : `${r.context}:${r.error.kind}`)),
      ['forbid-1:Forbidden'],
    );
    for (const ctx of ['us-east-prod', 'eu-west-prod']) {
      const n = sim.cluster(ctx).store.list('events').length;
      assert.equal(events.filter((e) => e.context === ctx).length, n, ctx);
    }
    for (let i = 1; i < events.length; i++)
      assert.ok(lastSeen(events[i - 1]!.event) <= lastSeen(events[i]!.event));
  });

  it('--for a Deployment and --types Warning', async () => {
    const store = sim.cluster('us-east-prod').store;
    const target = store
      .list('events')
      .find((e) => (e as KubeEvent).involvedObject?.kind === 'Deployment') as KubeEvent;
    const ns = target.metadata?.namespace ?? '';
    const { events } = await listEvents(fleet, {
      namespace: () => ns,
      for: { type: 'deploy', name: target.involvedObject?.name ?? '' },
    });
    assert.ok(events.length >= 1);
    for (const e of events) {
      assert.equal(e.event.involvedObject?.kind, 'Deployment');
      assert.equal(e.event.involvedObject?.name, target.involvedObject?.name);
    }
    const warnings = await listEvents(fleet, { allNamespaces: true, types: ['warning'] });
    assert.ok(warnings.events.length > 0);
    assert.ok(warnings.events.every((e) => e.event.type === 'Warning'));
  });

  it('watch: an event created on one cluster arrives, the forbidden one is an error', async () => {
    const ac = new AbortController();
    const { results } = await listEvents(fleet, { allNamespaces: true });
    const rvs = new Map(
      results.flatMap((r) => (r.ok ? [[r.context, r.value.resourceVersion] as const] : [])),
    );
    const stream = watchEvents((ctx) => fleet.api(ctx), fleet.contexts, {
      allNamespaces: true,
      signal: ac.signal,
      resourceVersions: rvs,
      retryMs: 50,
    });
    let created = false;
    let forbidden = false;
    let arrived: KubeEvent | undefined;
    for await (const item of stream) {
      if (item.type === 'ERROR' && item.context === 'forbid-1') forbidden = true;
      if (item.type === 'EVENT') {
        assert.equal(item.context, 'eu-west-prod', 'only the new event is passed on');
        arrived = item.event;
      }
      if (!created) {
        created = true;
        sim.cluster('eu-west-prod').store.add('events', {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: 'fresh.1', namespace: 'default' },
          involvedObject: { kind: 'Node', name: 'n1', apiVersion: 'v1' },
          type: 'Normal',
          reason: 'Fresh',
          message: 'made during the watch',
          lastTimestamp: new Date().toISOString(),
        });
      }
      if (arrived && forbidden) break;
    }
    ac.abort();
    assert.equal(arrived?.reason, 'Fresh');
  });
});
