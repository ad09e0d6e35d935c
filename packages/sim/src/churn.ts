// One churn step: a pod of the fleet restarts or is replaced, so watches see events.
import { Random, makePod, ts } from './data.js';
import type { BuiltPod } from './kinds.js';
import type { ResourceStore } from './store.js';

/** One churn step on a cluster: a pod restarts (MODIFIED) or is replaced (DELETED + ADDED). */
export function churnOnce(store: ResourceStore, r: Random): void {
  const entries = store.entries('pods');
  if (!entries.length) return;
  const e = entries[Math.floor(r.next() * entries.length)]!;
  const pod = JSON.parse(e.json) as BuiltPod; // the churn is on the simulator's own pods
  const owner = pod.metadata.ownerReferences?.[0];
  const now = Date.now();
  if (owner?.kind === 'ReplicaSet' && r.chance(0.4)) {
    store.delete('pods', pod.metadata.namespace, pod.metadata.name);
    const replacement = makePod(
      r,
      {
        workload: undefined,
        ownerKind: owner.kind,
        ownerName: owner.name,
        ownerUid: owner.uid,
        name: `${owner.name}-${r.suffix(5)}`,
        namespace: pod.metadata.namespace,
        labels: pod.metadata.labels ?? {},
        image: pod.spec.containers[0]?.image ?? '',
        container: pod.spec.containers[0]?.name ?? '',
      },
      { now, created: now, node: pod.spec.nodeName ?? '', podIP: pod.status.podIP ?? '10.244.255.1' },
    );
    replacement.metadata.creationTimestamp = ts(now);
    replacement.status.startTime = ts(now);
    if (!store.entry('pods', replacement.metadata.namespace, replacement.metadata.name))
      store.add('pods', replacement);
    return;
  }
  const cs = pod.status?.containerStatuses?.[0];
  if (!cs) return;
  cs.restartCount = (cs.restartCount ?? 0) + 1;
  cs.lastState = {
    terminated: {
      exitCode: 137,
      reason: 'OOMKilled',
      startedAt: cs.state?.running?.startedAt ?? ts(now - 60_000),
      finishedAt: ts(now),
    },
  };
  cs.state = { running: { startedAt: ts(now) } };
  cs.ready = true;
  store.update('pods', pod);
}
