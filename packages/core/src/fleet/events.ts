/**
 * `kubectl events` across a fleet: each cluster's events (in a namespace or all, `--for` an object,
 * `--types`), one typed result per cluster, merged into one list sorted by when each event was last seen,
 * the way kubectl sorts and prints them (`kubectl events`: pkg/cmd/events).
 */
import type { ClusterApi } from '../api/client.js';
import { apiVersionOf } from '../api/paths.js';
import type { KubeObject, ResolvedResource } from '../api/types.js';
import { UsageError } from '../errors.js';
import { collect } from '../fanout/fanout.js';
import type { ClusterResult, FanOutOptions } from '../fanout/types.js';
import { humanDuration } from '../util/duration.js';

/** A core/v1 Event as a cluster sends it (untrusted: every field may be missing or of another type). */
export interface KubeEvent extends KubeObject {
  involvedObject?: {
    kind?: string;
    name?: string;
    namespace?: string;
    uid?: string;
    apiVersion?: string;
    fieldPath?: string;
  };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string | null } | null;
}

/** One event and the context it came from. */
export interface FleetEvent {
  context: string;
  event: KubeEvent;
}

/** `--for TYPE/NAME`: the object whose events are wanted (the type resolved per cluster). */
export interface ForObject {
  type: string;
  name: string;
}

export interface EventsOptions {
  /** Namespace per context (default `default`); ignored with `allNamespaces`. */
  namespace?: (context: string) => string;
  allNamespaces?: boolean;
  /** Only the events of this object (`parseForObject`). */
  for?: ForObject;
  /** Only events of these types (compared case-insensitively, as kubectl does); empty = all. */
  types?: readonly string[];
}

/** `--for` as kubectl reads it: `TYPE/NAME`, one slash. Bad input → `UsageError`. */
export function parseForObject(text: string): ForObject {
  if (!text.includes('/')) throw new UsageError('--for must be in resource/name form');
  const parts = text.split('/');
  if (parts.length !== 2)
    throw new UsageError('arguments in resource/name form may not have more than one slash');
  const [type = '', name = ''] = parts;
  if (type === '' || name === '') throw new UsageError('--for must be in resource/name form');
  return { type: type.toLowerCase(), name };
}

/** `--types` as kubectl checks them: each Normal or Warning, any case. Bad input → `UsageError`. */
export function parseEventTypes(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of values.flatMap((s) => s.split(','))) {
    if (!/^(normal|warning)$/i.test(v)) throw new UsageError('valid --types are Normal or Warning');
    out.add(v);
  }
  return [...out];
}

/** `fields.OneTermEqualSelector`: `\`, `,` and `=` in a value are backslash-escaped. */
function fieldValue(v: string): string {
  return v.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** The field selector kubectl sends for `--for`: the object's kind, apiVersion and name. */
export function forFieldSelector(res: ResolvedResource, name: string): string {
  return [
    `involvedObject.kind=${fieldValue(res.kind)}`,
    `involvedObject.apiVersion=${fieldValue(apiVersionOf(res))}`,
    `involvedObject.name=${fieldValue(name)}`,
  ].join(',');
}

/** kubectl's `filteredEventType`: no types = every event. */
export function matchesTypes(ev: KubeEvent, types: readonly string[] | undefined): boolean {
  if (!types || types.length === 0) return true;
  const t = str(ev.type).toLowerCase();
  return types.some((x) => x.toLowerCase() === t);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A timestamp in ms, or -Infinity for a missing or unreadable one (Go's zero time sorts first). */
function timeOf(v: unknown): number {
  if (typeof v !== 'string' || v === '') return Number.NEGATIVE_INFINITY;
  const t = Date.parse(v);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/**
 * When the event was last seen, as kubectl sorts by it: the series' last observed time when there is a
 * series, else `lastTimestamp`, else `eventTime`.
 */
export function lastSeen(ev: KubeEvent): number {
  const series = ev.series;
  if (series && typeof series === 'object') return timeOf(series.lastObservedTime);
  const last = timeOf(ev.lastTimestamp);
  return last !== Number.NEGATIVE_INFINITY ? last : timeOf(ev.eventTime);
}

function since(v: unknown, now: number): string {
  const t = timeOf(v);
  return t === Number.NEGATIVE_INFINITY ? '<unknown>' : humanDuration(now - t);
}

function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

/**
 * kubectl events' LAST SEEN cell: `33m (x7 over 3h7m)` for a series or a counted event (first seen from
 * `eventTime`, else `firstTimestamp`), else the age of the first sighting.
 */
export function lastSeenText(ev: KubeEvent, now: number): string {
  const first =
    timeOf(ev.eventTime) !== Number.NEGATIVE_INFINITY
      ? since(ev.eventTime, now)
      : since(ev.firstTimestamp, now);
  const series = ev.series;
  if (series && typeof series === 'object')
    return `${since(series.lastObservedTime, now)} (x${count(series.count)} over ${first})`;
  if (count(ev.count) > 1) return `${since(ev.lastTimestamp, now)} (x${count(ev.count)} over ${first})`;
  return first;
}

/** kubectl events' OBJECT cell: `Kind/name` (the kind as the event has it, not lowercased). */
export function objectText(ev: KubeEvent): string {
  const o = ev.involvedObject && typeof ev.involvedObject === 'object' ? ev.involvedObject : {};
  return `${str(o.kind)}/${str(o.name)}`;
}

/** The cells of kubectl events' table: [NAMESPACE when `allNamespaces`], LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (raw, unescaped). */
export function eventCells(ev: KubeEvent, now: number, allNamespaces: boolean): string[] {
  const cells = [lastSeenText(ev, now), str(ev.type), str(ev.reason), objectText(ev), str(ev.message).trim()];
  return allNamespaces ? [str(ev.metadata?.namespace), ...cells] : cells;
}

/** kubectl events' headers. */
export function eventHeaders(allNamespaces: boolean): string[] {
  const h = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return allNamespaces ? ['NAMESPACE', ...h] : h;
}

/** Events with their last-seen time, oldest first (stable: equal times keep the given order). */
function byLastSeen<T extends KubeEvent>(events: readonly T[]): { event: T; t: number }[] {
  return events
    .map((event, i) => ({ event, i, t: lastSeen(event) }))
    .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.i - b.i));
}

/** One cluster's events sorted by last seen, oldest first (stable: equal times keep the server's order). */
export function sortEvents<T extends KubeEvent>(events: readonly T[]): T[] {
  return byLastSeen(events).map((x) => x.event);
}

/**
 * Every cluster's events in one list by last seen, oldest first, across the whole fleet: each cluster's
 * list is sorted, then the lists are merged (k-way, each time read once); equal times keep the clusters'
 * order as given.
 */
export function mergeEvents(
  lists: readonly { context: string; events: readonly KubeEvent[] }[],
): FleetEvent[] {
  const sorted = lists
    .map((l) => ({ context: l.context, items: byLastSeen(l.events), next: 0 }))
    .filter((l) => l.items.length > 0);
  const out: FleetEvent[] = [];
  for (;;) {
    let best: (typeof sorted)[number] | undefined;
    let bestT = 0;
    for (const l of sorted) {
      const head = l.items[l.next];
      if (head && (!best || head.t < bestT)) {
        best = l;
        bestT = head.t;
      }
    }
    if (!best) return out;
    out.push({ context: best.context, event: best.items[best.next++]!.event });
  }
}

/** The events resource of the core group (always served; resolved without discovery). */
export async function eventsResource(api: ClusterApi, signal?: AbortSignal): Promise<ResolvedResource> {
  return api.resolve('events', signal);
}

/** The list options one cluster's events are asked with (`--for` resolved on that cluster). */
export async function eventListOptions(
  api: ClusterApi,
  context: string,
  opts: EventsOptions,
  signal?: AbortSignal,
): Promise<{ namespace: string; allNamespaces: boolean; fieldSelector?: string }> {
  const base = {
    namespace: opts.namespace?.(context) ?? 'default',
    allNamespaces: opts.allNamespaces === true,
  };
  if (!opts.for) return base;
  const res = await api.resolve(opts.for.type, signal);
  return { ...base, fieldSelector: forFieldSelector(res, opts.for.name) };
}

/** One cluster's events of `opts` (all pages), filtered by type, in the server's order, and the list's resourceVersion. */
export async function clusterEvents(
  api: ClusterApi,
  opts: EventsOptions,
  signal?: AbortSignal,
): Promise<{ events: KubeEvent[]; resourceVersion: string }> {
  const listOpts = await eventListOptions(api, api.context, opts, signal);
  const list = await api.list<KubeEvent>(await eventsResource(api, signal), {
    ...listOpts,
    ...(signal ? { signal } : {}),
  });
  return {
    events: list.items.filter((e) => matchesTypes(e, opts.types)),
    resourceVersion: list.resourceVersion,
  };
}

/** What `listEvents` answers: every cluster's result, and the events of those that answered, merged. */
export interface FleetEvents {
  results: ClusterResult<{ events: KubeEvent[]; resourceVersion: string }>[];
  events: FleetEvent[];
}

/** Anything that can run a task on each cluster's API (a `Fleet`). */
export interface EventsSource {
  fanOut<T>(
    task: (api: ClusterApi, signal: AbortSignal) => Promise<T>,
    opts?: FanOutOptions,
  ): AsyncIterable<ClusterResult<T>> & { contexts: readonly string[] };
}

/** Every selected cluster's events (`clusterEvents`), one result per cluster, merged by last seen. */
export async function listEvents(
  fleet: EventsSource,
  opts: EventsOptions & FanOutOptions = {},
): Promise<FleetEvents> {
  const results = await collect(fleet.fanOut((api, signal) => clusterEvents(api, opts, signal), opts));
  return { results, events: mergeResults(results) };
}

/** The events of the clusters that answered, merged by last seen (in the results' order on ties). */
export function mergeResults(results: readonly ClusterResult<{ events: KubeEvent[] }>[]): FleetEvent[] {
  return mergeEvents(results.flatMap((r) => (r.ok ? [{ context: r.context, events: r.value.events }] : [])));
}
