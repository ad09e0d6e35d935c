/**
 * The rollout verbs that change a workload — restart, pause, resume, undo — as a plan first (what each
 * cluster would get, read from the live object; nothing is sent) and then the change, with the very
 * patches kubectl sends: a strategic merge patch of the template's kubectl.kubernetes.io/restartedAt
 * annotation or of spec.paused, and for undo a JSON patch replacing spec.template and
 * metadata.annotations with the chosen revision's.
 */
import type { ClusterApi } from '../../api/client.js';
import { objectPath } from '../../api/paths.js';
import type { KubeObject, ResolvedResource } from '../../api/types.js';
import { ClusterError } from '../../errors.js';
import { fanOut, type FanOut } from '../../fanout/fanout.js';
import type { Fleet, FleetFanOutOptions } from '../fleet.js';
import { deploymentHistory, imagesOf, revisionOf, type Revision } from './history.js';

export type RolloutAction = 'restart' | 'pause' | 'resume' | 'undo';

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
const STRATEGIC = 'application/strategic-merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

/** Annotations `rollout undo` keeps from the Deployment instead of taking the ReplicaSet's (kubectl's list). */
const UNDO_SKIPPED = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

export interface RolloutRequest {
  action: RolloutAction;
  /** The type as typed (`deploy`, `deployment.apps`, `ds`, …). */
  type: string;
  name: string;
  /** The namespace on each context. */
  namespaceOf: (context: string) => string;
  /** undo: the revision to go back to (0 or absent: the previous one). */
  toRevision?: number;
  /** restart: the time written into restartedAt (default now). */
  now?: Date;
}

export interface RolloutPlanItem {
  context: string;
  /** `deployment.apps/payment` */
  ref: string;
  namespace?: string;
  resource?: ResolvedResource;
  /** What would change, in words (`restartedAt → …`, `revision 4 → 5 (image a → b)`); absent: nothing. */
  change?: string;
  /** Why nothing changes (`already paused`, `skipped rollback (current template already matches revision 3)`). */
  note?: string;
  patch?: { contentType: string; body: unknown };
  /** kubectl's word for the done change: restarted, paused, resumed, rolled back. */
  verb?: string;
}

export interface RolloutApplied {
  item: RolloutPlanItem;
  object: KubeObject;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};

/** RFC 3339 in local time, as Go's time.Now().Format(time.RFC3339) (what kubectl writes). */
export function rfc3339(d: Date): string {
  const off = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + off * 60_000).toISOString().replace(/\.\d+Z$/, '');
  if (off === 0) return `${local}Z`;
  const a = Math.abs(off);
  return `${local}${off > 0 ? '+' : '-'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** JSON without nulls and empty objects/arrays, keys sorted: templates compared as kubectl's typed decoding would. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v !== 'object' || v === null) return v;
  const out: Json = {};
  for (const k of Object.keys(v).sort()) {
    const c = canonical((v as Json)[k]);
    if (c === null || c === undefined) continue;
    if (typeof c === 'object' && Object.keys(c).length === 0) continue;
    out[k] = c;
  }
  return out;
}

/** The template without the pod-template-hash label. */
export function withoutHashLabel(template: unknown): Json {
  const t = structuredClone(obj(template));
  const labels = obj(obj(t['metadata'])['labels']);
  if ('pod-template-hash' in labels) {
    delete labels['pod-template-hash'];
    obj(t['metadata'])['labels'] = labels;
  }
  return t;
}

export function sameTemplate(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(withoutHashLabel(a))) === JSON.stringify(canonical(withoutHashLabel(b)));
}

/** The revision `undo` goes back to: `to`, or (0) the highest one below the current. */
export function undoTarget(revisions: Revision[], current: number, to: number, name: string): Revision {
  if (to > 0) {
    const r = revisions.find((x) => x.revision === to);
    if (!r) throw new Error(`unable to find specified revision ${to} in history`);
    return r;
  }
  const older = revisions.filter((x) => x.revision !== current);
  if (!older.length) throw new Error(`no rollout history found for deployment "${name}"`);
  return older[older.length - 1]!;
}

function refOf(res: ResolvedResource, name: string): string {
  return `${res.kind.toLowerCase()}${res.group ? `.${res.group}` : ''}/${name}`;
}

/** A change kubectl refuses too (a paused Deployment, a missing revision, …): reason `Refused`. */
export const refusal = (context: string, message: string): ClusterError =>
  new ClusterError('InvalidResponse', context, message, { reason: 'Refused' });

/** One cluster's plan for the request (reads only). */
export async function planRolloutOne(
  api: ClusterApi,
  req: RolloutRequest,
  signal?: AbortSignal,
): Promise<RolloutPlanItem> {
  const context = api.context;
  const res = await api.resolve(req.type, signal);
  const namespace = res.namespaced ? req.namespaceOf(context) : undefined;
  const base = { context, ref: refOf(res, req.name), resource: res, ...(namespace ? { namespace } : {}) };
  const sig = signal ? { signal } : {};
  const qualified = `${res.resource}${res.group ? `.${res.group}` : ''}`;
  const ns = namespace ? { namespace } : {};
  if (req.action === 'undo') {
    const { deployment, revisions } = await deploymentHistory(api, res, req.name, { ...ns, ...sig });
    const current = revisionOf(deployment);
    let target: Revision;
    try {
      target = undoTarget(revisions, current, req.toRevision ?? 0, req.name);
    } catch (e) {
      throw refusal(context, (e as Error).message);
    }
    const spec = obj(deployment['spec']);
    if (spec['paused'] === true)
      throw refusal(
        context,
        "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
      );
    if (sameTemplate(target.template, spec['template']))
      return {
        ...base,
        note: `skipped rollback (current template already matches revision ${target.revision})`,
      };
    const annotations: Record<string, string> = {};
    const live = deployment.metadata?.annotations ?? {};
    for (const k of UNDO_SKIPPED) if (live[k] !== undefined) annotations[k] = live[k];
    for (const [k, v] of Object.entries(target.annotations))
      if (!UNDO_SKIPPED.includes(k)) annotations[k] = v;
    const from = imagesOf(spec['template']).join(',');
    const to = target.images.join(',');
    return {
      ...base,
      change: `revision ${current} → ${target.revision}${from !== to ? ` (image ${from} → ${to})` : ''}`,
      verb: 'rolled back',
      patch: {
        contentType: JSON_PATCH,
        body: [
          { op: 'replace', path: '/spec/template', value: withoutHashLabel(target.template) },
          { op: 'replace', path: '/metadata/annotations', value: annotations },
        ],
      },
    };
  }
  const live = await api.get(res, req.name, { ...ns, ...sig });
  const spec = obj(live['spec']);
  const paused = spec['paused'] === true;
  if (req.action === 'pause' || req.action === 'resume') {
    if (res.kind !== 'Deployment')
      throw refusal(
        context,
        `${qualified} "${req.name}" ${req.action === 'pause' ? 'pausing' : 'resuming'} is not supported`,
      );
    if (req.action === 'pause' && paused) return { ...base, note: 'already paused' };
    if (req.action === 'resume' && !paused) return { ...base, note: 'not paused' };
    return {
      ...base,
      change: `spec.paused: ${String(paused)} → ${String(!paused)}`,
      verb: req.action === 'pause' ? 'paused' : 'resumed',
      patch: { contentType: STRATEGIC, body: { spec: { paused: !paused } } },
    };
  }
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(res.kind))
    throw refusal(context, `${qualified} "${req.name}" restarting is not supported`);
  if (paused)
    throw refusal(
      context,
      `${qualified} "${req.name}" can't restart paused deployment (run rollout resume first)`,
    );
  const at = rfc3339(req.now ?? new Date());
  return {
    ...base,
    change: `template annotation ${RESTARTED_AT_ANNOTATION}=${at}`,
    verb: 'restarted',
    patch: {
      contentType: STRATEGIC,
      body: { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: at } } } } },
    },
  };
}

/** Every selected cluster's plan, streamed per cluster. */
export function planRollout(
  fleet: Fleet,
  req: RolloutRequest,
  opts: FleetFanOutOptions = {},
): FanOut<RolloutPlanItem> {
  return fleet.fanOut((api, signal) => planRolloutOne(api, req, signal), opts);
}

/** Send the planned patches (items without a change are skipped); `dryRun`: the server answers, stores nothing. */
export function runRollout(
  fleet: Fleet,
  items: RolloutPlanItem[],
  opts: FleetFanOutOptions & { dryRun?: boolean } = {},
): FanOut<RolloutApplied> {
  const byContext = new Map(items.filter((i) => i.patch && i.resource).map((i) => [i.context, i]));
  return fanOut(
    [...byContext.keys()],
    async (context, signal) => {
      const item = byContext.get(context)!;
      const api = await fleet.api(context);
      const name = item.ref.slice(item.ref.indexOf('/') + 1);
      const r = await api.conn.request<KubeObject>(
        objectPath(item.resource!, name, item.namespace ? { namespace: item.namespace } : {}),
        {
          method: 'PATCH',
          contentType: item.patch!.contentType,
          body: item.patch!.body,
          query: { fieldManager: 'kubectl-rollout', dryRun: opts.dryRun ? 'All' : undefined },
          signal,
        },
      );
      return { item, object: r.body ?? {} };
    },
    {
      ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    },
  );
}
