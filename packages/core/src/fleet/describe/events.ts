/** The Events section of kubectl describe, and the events it finds for one object. */
import type { ClusterApi } from '../../api/client.js';
import type { KubeObject } from '../../api/types.js';
import { num, rec, since, str } from './format.js';
import { LEVEL_0, LEVEL_1, type DescribeWriter } from './writer.js';

export type EventItem = Record<string, unknown>;

/**
 * The events about `obj` (kubectl's `searchEvents`): in its namespace (every namespace for a cluster-scoped
 * object), selected by `involvedObject` name, namespace and kind, and kept when their uid is the object's
 * (or, for a Node, its name, as the kubelet reports).
 */
export async function searchEvents(
  api: ClusterApi,
  obj: KubeObject,
  signal: AbortSignal,
): Promise<EventItem[]> {
  const meta = rec(obj.metadata);
  const name = str(meta.name);
  const namespace = str(meta.namespace);
  const kind = str(obj.kind);
  const res = await api.resolve('events', signal);
  const fieldSelector = [
    `involvedObject.name=${name}`,
    `involvedObject.namespace=${namespace}`,
    ...(kind ? [`involvedObject.kind=${kind}`] : []),
  ].join(',');
  const list = await api.list<EventItem>(res, {
    ...(namespace ? { namespace } : { allNamespaces: true }),
    fieldSelector,
    signal,
  });
  const uids = new Set([str(meta.uid), ...(kind === 'Node' ? [name] : [])]);
  return list.items.filter((e) => {
    const uid = str(rec(e.involvedObject).uid);
    return uid === '' || uids.has(uid);
  });
}

/** `DescribeEvents`: `Events: <none>`, or a table oldest first (by last timestamp). */
export function describeEvents(events: EventItem[] | undefined, w: DescribeWriter, now = Date.now()): void {
  if (events === undefined) return;
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const t = (e: EventItem) => {
    const ms = Date.parse(str(e.lastTimestamp));
    return Number.isNaN(ms) ? -Infinity : ms;
  };
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => t(a.e) - t(b.e) || a.i - b.i)
    .map((x) => x.e);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const eventTime = e.eventTime;
    let first = since(eventTime, now);
    if (typeof eventTime !== 'string' || eventTime === '') first = since(e.firstTimestamp, now);
    const series = e.series === undefined || e.series === null ? undefined : rec(e.series);
    let interval: string;
    if (series) interval = `${since(series.lastObservedTime, now)} (x${num(series.count)} over ${first})`;
    else if (num(e.count) > 1) interval = `${since(e.lastTimestamp, now)} (x${num(e.count)} over ${first})`;
    else interval = first;
    const source = str(rec(e.source).component) || str(e.reportingComponent);
    w.write(LEVEL_1, `${str(e.type)}\t${str(e.reason)}\t${interval}\t${source}\t${str(e.message).trim()}\n`);
  }
}
