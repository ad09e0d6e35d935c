/**
 * A Deployment's revision history as kubectl reads it: the ReplicaSets its selector matches and it
 * controls (ownerReference with controller: true and its uid), each revision from the
 * deployment.kubernetes.io/revision annotation, its change cause from kubernetes.io/change-cause.
 */
import type { ClusterApi } from '../../api/client.js';
import type { KubeObject, ResolvedResource } from '../../api/types.js';
import { ClusterError } from '../../errors.js';
import { describePodTemplate } from '../describe/containers.js';
import { DescribeWriter } from '../describe/writer.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

export interface Revision {
  revision: number;
  /** kubernetes.io/change-cause, '' when none. */
  changeCause: string;
  replicaSet: string;
  /** The ReplicaSet's pod template (its pod-template-hash label included, as kubectl prints it). */
  template: Record<string, unknown>;
  /** Container images of the template, in order. */
  images: string[];
  /** The ReplicaSet's annotations. */
  annotations: Record<string, string>;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};

/** The selector's matchLabels (and simple matchExpressions) as a label selector string. */
export function selectorString(selector: unknown): string {
  const s = obj(selector);
  const parts = Object.entries(obj(s['matchLabels'])).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of Array.isArray(s['matchExpressions']) ? (s['matchExpressions'] as unknown[]).map(obj) : []) {
    const key = String(e['key']);
    const values = Array.isArray(e['values']) ? (e['values'] as unknown[]).map(String) : [];
    if (e['operator'] === 'In') parts.push(`${key} in (${values.join(',')})`);
    else if (e['operator'] === 'NotIn') parts.push(`${key} notin (${values.join(',')})`);
    else if (e['operator'] === 'Exists') parts.push(key);
    else if (e['operator'] === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.join(',');
}

export function revisionOf(o: KubeObject): number {
  const v = Number(o.metadata?.annotations?.[REVISION_ANNOTATION]);
  return Number.isInteger(v) && v > 0 ? v : 0;
}

export function imagesOf(template: unknown): string[] {
  const containers = obj(obj(template)['spec'])['containers'];
  return Array.isArray(containers)
    ? (containers as unknown[]).map((c) => {
        const i = obj(c)['image'];
        return typeof i === 'string' ? i : '';
      })
    : [];
}

/** The Deployment and its revisions, oldest first. NotFound when there is no such Deployment. */
export async function deploymentHistory(
  api: ClusterApi,
  res: ResolvedResource,
  name: string,
  opts: { namespace?: string; signal?: AbortSignal } = {},
): Promise<{ deployment: KubeObject; revisions: Revision[] }> {
  if (res.kind !== 'Deployment')
    throw new ClusterError(
      'InvalidResponse',
      api.context,
      `rollout history and undo of ${res.resource} are not supported by kubectl mc (deployments only)`,
      { reason: 'Refused' },
    );
  const namespace = opts.namespace ?? 'default';
  const sig = opts.signal ? { signal: opts.signal } : {};
  const deployment = await api.get(res, name, { namespace, ...sig });
  const rsRes = await api.resolve('replicasets.apps', opts.signal);
  const { items } = await api.list(rsRes, {
    namespace,
    labelSelector: selectorString(obj(deployment['spec'])['selector']),
    ...sig,
  });
  const uid = deployment.metadata?.uid;
  const revisions = items
    .filter((rs) =>
      ((rs.metadata?.ownerReferences ?? []) as Json[]).some(
        (o) => o['controller'] === true && o['uid'] === uid,
      ),
    )
    .map((rs) => {
      const template = obj(obj(rs['spec'])['template']);
      return {
        revision: revisionOf(rs),
        changeCause: rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '',
        replicaSet: rs.metadata?.name ?? '',
        template,
        images: imagesOf(template),
        annotations: { ...(rs.metadata?.annotations ?? {}) },
      };
    })
    .filter((r) => r.revision > 0)
    .sort((a, b) => a.revision - b.revision);
  return { deployment, revisions };
}

/**
 * `kubectl rollout history TYPE/NAME --revision=N`'s text for one revision: the heading line and the
 * pod template as kubectl's DescribePodTemplate writes it (tabs unaligned, as kubectl prints it).
 */
export function revisionText(ref: string, rev: Revision): string {
  const w = new DescribeWriter();
  describePodTemplate(rev.template, w);
  return `${ref} with revision #${rev.revision}\n${w.raw()}`;
}
