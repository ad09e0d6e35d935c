/**
 * kubectl's rollout status viewers (Deployment, DaemonSet, StatefulSet): from one object, whether its
 * rollout is done, failed (a Deployment past its progress deadline) or still going, with kubectl's own
 * line ("Waiting for deployment "x" rollout to finish: 1 out of 3 new replicas have been updated...")
 * and the counts a live table shows.
 */
import type { KubeObject } from '../../api/types.js';

export type RolloutKind = 'Deployment' | 'DaemonSet' | 'StatefulSet';
export const ROLLOUT_KINDS: readonly RolloutKind[] = ['Deployment', 'DaemonSet', 'StatefulSet'];

export interface RolloutStatus {
  /** kubectl's line for this state, without its newline. */
  message: string;
  done: boolean;
  /** Set when the rollout failed (kubectl's error text, e.g. `deployment "x" exceeded its progress deadline`). */
  failed?: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  /** The Progressing condition's message (Deployments), else ''. */
  condition: string;
  /** The object's generation has been observed by its controller. */
  observed: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The rollout status of a Deployment, DaemonSet or StatefulSet as kubectl's viewers judge it. */
export function rolloutStatus(o: KubeObject): RolloutStatus {
  const kind = str(o.kind);
  const name = str(o.metadata?.name);
  const spec = obj(o['spec']);
  const status = obj(o['status']);
  const generation = n(o.metadata?.['generation']);
  const observedGen = n(status['observedGeneration']);
  if (kind === 'Deployment') {
    const desired = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
    const conds = Array.isArray(status['conditions']) ? (status['conditions'] as unknown[]).map(obj) : [];
    const progressing = conds.find((c) => c['type'] === 'Progressing');
    const base = {
      desired,
      updated: n(status['updatedReplicas']),
      ready: n(status['readyReplicas']),
      available: n(status['availableReplicas']),
      condition: str(progressing?.['message']),
      observed: generation <= observedGen,
    };
    if (!base.observed)
      return { ...base, done: false, message: 'Waiting for deployment spec update to be observed...' };
    if (progressing?.['reason'] === 'ProgressDeadlineExceeded') {
      const failed = `deployment "${name}" exceeded its progress deadline`;
      return { ...base, done: false, failed, message: failed };
    }
    const w = `Waiting for deployment "${name}" rollout to finish: `;
    if (typeof spec['replicas'] === 'number' && base.updated < desired)
      return {
        ...base,
        done: false,
        message: `${w}${base.updated} out of ${desired} new replicas have been updated...`,
      };
    const total = n(status['replicas']);
    if (total > base.updated)
      return {
        ...base,
        done: false,
        message: `${w}${total - base.updated} old replicas are pending termination...`,
      };
    if (base.available < base.updated)
      return {
        ...base,
        done: false,
        message: `${w}${base.available} of ${base.updated} updated replicas are available...`,
      };
    return { ...base, done: true, message: `deployment "${name}" successfully rolled out` };
  }
  const strategy = str(obj(spec['updateStrategy'])['type']);
  if (kind === 'DaemonSet') {
    const desired = n(status['desiredNumberScheduled']);
    const base = {
      desired,
      updated: n(status['updatedNumberScheduled']),
      ready: n(status['numberReady']),
      available: n(status['numberAvailable']),
      condition: '',
      observed: generation <= observedGen,
    };
    if (strategy && strategy !== 'RollingUpdate') {
      const failed = 'rollout status is only available for RollingUpdate strategy type';
      return { ...base, done: false, failed, message: failed };
    }
    if (!base.observed)
      return { ...base, done: false, message: 'Waiting for daemon set spec update to be observed...' };
    const w = `Waiting for daemon set "${name}" rollout to finish: `;
    if (base.updated < desired)
      return {
        ...base,
        done: false,
        message: `${w}${base.updated} out of ${desired} new pods have been updated...`,
      };
    if (base.available < desired)
      return {
        ...base,
        done: false,
        message: `${w}${base.available} of ${desired} updated pods are available...`,
      };
    return { ...base, done: true, message: `daemon set "${name}" successfully rolled out` };
  }
  if (kind === 'StatefulSet') {
    const desired = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
    const base = {
      desired,
      updated: n(status['updatedReplicas']),
      ready: n(status['readyReplicas']),
      available: n(status['availableReplicas']),
      condition: '',
      observed: observedGen !== 0 && generation <= observedGen,
    };
    if (strategy && strategy !== 'RollingUpdate') {
      const failed = 'rollout status is only available for RollingUpdate strategy type';
      return { ...base, done: false, failed, message: failed };
    }
    if (!base.observed)
      return { ...base, done: false, message: 'Waiting for statefulset spec update to be observed...' };
    if (base.ready < desired)
      return { ...base, done: false, message: `Waiting for ${desired - base.ready} pods to be ready...` };
    const update = str(status['updateRevision']);
    const current = str(status['currentRevision']);
    if (update !== current)
      return {
        ...base,
        done: false,
        message: `waiting for statefulset rolling update to complete ${base.updated} pods at revision ${update}...`,
      };
    return {
      ...base,
      done: true,
      message: `statefulset rolling update complete ${n(status['currentReplicas'])} pods at revision ${current}...`,
    };
  }
  const failed = `no status viewer has been implemented for ${kind}`;
  return {
    desired: 0,
    updated: 0,
    ready: 0,
    available: 0,
    condition: '',
    observed: true,
    done: false,
    failed,
    message: failed,
  };
}
