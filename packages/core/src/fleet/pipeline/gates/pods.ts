/**
 * The pods-ready gate: every pod of one ReplicaSet (label pod-template-hash=HASH) Running and Ready, at
 * least as many as the ReplicaSet wants, and no container restarted since the gate window opened (the
 * restart counts of the first check are the baseline, kept in the target).
 */
import type { ClusterApi } from '../../../api/client.js';
import { escapeControl } from '../../../util/text.js';
import type { GateReading, GateTarget } from './types.js';

/** What the pods gate needs of a cluster's API. */
export type PodsApi = Pick<ClusterApi, 'context' | 'resolve' | 'list'>;

interface PodLike {
  metadata?: {
    name?: string;
    deletionTimestamp?: string;
    ownerReferences?: { kind?: string; name?: string }[];
  };
  spec?: { replicas?: number };
  status?: {
    phase?: string;
    conditions?: { type?: string; status?: string }[];
    containerStatuses?: { restartCount?: number }[];
  };
}

/** Read the pods-ready gate once on `target` (its `restarts` baseline is filled by the first read). */
export async function checkPodsReady(
  target: GateTarget & { api: PodsApi },
  signal: AbortSignal,
): Promise<GateReading> {
  const { api, namespace, podTemplateHash: hash } = target;
  const labelSelector = `pod-template-hash=${hash}`;
  const [rsRes, podRes] = await Promise.all([
    api.resolve('replicasets', signal),
    api.resolve('pods', signal),
  ]);
  const [rsList, podList] = await Promise.all([
    api.list<PodLike>(rsRes, { namespace, labelSelector, signal }),
    api.list<PodLike>(podRes, { namespace, labelSelector, signal }),
  ]);
  const reading = (state: GateReading['state'], text: string, value?: number, threshold?: number) => ({
    gate: 'pods-ready' as const,
    context: target.context,
    state,
    ...(value !== undefined ? { value } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    text,
  });
  const owned = (o: PodLike) =>
    (o.metadata?.ownerReferences ?? []).some((r) => r.kind === 'Deployment' && r.name === target.deployment);
  const rs = rsList.items.find(owned) ?? rsList.items[0];
  if (!rs)
    return reading(
      'failing',
      `pods-ready: no ReplicaSet of ${escapeControl(target.deployment)} with pod-template-hash ${escapeControl(hash)}`,
    );
  const desired = typeof rs.spec?.replicas === 'number' ? rs.spec.replicas : 1;
  const pods = podList.items.filter((p) => !p.metadata?.deletionTimestamp);
  const ready = pods.filter(isReady).length;

  const counts = new Map(pods.map((p) => [p.metadata?.name ?? '', restartsOf(p)]));
  if (!target.restarts) target.restarts = new Map(counts);
  const baseline = target.restarts;
  let restarted = 0;
  let first: string | undefined;
  for (const [name, n] of counts) {
    const before = baseline.get(name) ?? 0;
    if (n > before) {
      restarted += n - before;
      first ??= `pod ${escapeControl(name)} restarted (${before} → ${n})`;
    }
  }
  if (first) return reading('failing', first, ready, desired);
  const count = `pods-ready ${ready}/${desired}`;
  if (desired < 1 || ready < desired || ready < pods.length)
    return reading(
      'failing',
      pods.length > ready ? `${count} (${pods.length - ready} not ready)` : count,
      ready,
      desired,
    );
  return reading('ok', `${count}, ${restarted} restarts`, ready, desired);
}

function isReady(p: PodLike): boolean {
  return (
    p.status?.phase === 'Running' &&
    (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

function restartsOf(p: PodLike): number {
  let n = 0;
  for (const c of p.status?.containerStatuses ?? [])
    if (typeof c.restartCount === 'number' && Number.isFinite(c.restartCount)) n += c.restartCount;
  return n;
}
