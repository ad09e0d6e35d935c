/**
 * What a run does to one cluster's objects: resolve, read (shapes checked: a cluster's answers are
 * untrusted), server-side apply of the manifests, annotate, delete, and the current ReplicaSet's hash.
 */
import type { ClusterApi } from '../../../api/client.js';
import { deleteObject, mergePatchObject } from '../../../api/mutate.js';
import type { KubeObject, ResolvedResource } from '../../../api/types.js';
import { isObject } from '../../../api/validate.js';
import { applyConflicts } from '../../../api/write.js';
import { ClusterError } from '../../../errors.js';
import { resolveKind } from '../../apply/plan.js';
import { deploymentHistory, revisionOf } from '../../rollout/history.js';
import { waitForRollout } from '../../rollout/wait.js';
import { RUN_ANNOTATION, STATE_ANNOTATION } from './types.js';

export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json => (isObject(v) ? v : {});

/** A failure of one cluster a person can read as is (`cluster-failed` message). */
export class StepError extends Error {
  override name = 'StepError';
}

/** One cluster as a stage works on it. */
export interface Site {
  api: ClusterApi;
  context: string;
  namespace: string;
  /** The Deployment's name. */
  name: string;
  signal: AbortSignal;
  fieldManager: string;
}

export const canaryName = (site: Site): string => `${site.name}-canary`;

export const deployments = (site: Site): Promise<ResolvedResource> =>
  site.api.resolve('deployments.apps', site.signal);

/** The object, or undefined when the cluster has none of that name. */
export async function getMaybe(
  site: Site,
  res: ResolvedResource,
  name: string,
): Promise<KubeObject | undefined> {
  try {
    const o = await site.api.get(res, name, { namespace: site.namespace, signal: site.signal });
    return typeof o === 'object' && o !== null ? o : undefined;
  } catch (e) {
    if (e instanceof ClusterError && e.kind === 'NotFound') return undefined;
    throw e;
  }
}

/** The pod-template-hash of the Deployment's current ReplicaSet, and its revision (undefined: none yet). */
export async function currentRevision(
  site: Site,
  res: ResolvedResource,
  name: string,
): Promise<{ revision: number; hash?: string } | undefined> {
  let h;
  try {
    h = await deploymentHistory(site.api, res, name, { namespace: site.namespace, signal: site.signal });
  } catch (e) {
    if (e instanceof ClusterError && e.kind === 'NotFound') return undefined;
    throw e;
  }
  const revision = revisionOf(h.deployment);
  const rs = h.revisions.find((r) => r.revision === revision);
  const hash = obj(obj(rs?.template['metadata'])['labels'])['pod-template-hash'];
  return { revision, ...(typeof hash === 'string' && hash ? { hash } : {}) };
}

/** The manager of `kubectl apply` without --server-side, whose fields kubectl's server-side apply takes over. */
const CLIENT_SIDE_APPLY = '"kubectl-client-side-apply"';

/**
 * The manager of the run's own changes besides the manifests (routing weights, state annotations, undo):
 * `kubectl-mc-rollout` for field manager `kubectl-mc`, as kubectl's rollout verbs write as `kubectl-rollout`.
 */
export const runPatchManager = (fieldManager: string): string => `${fieldManager}-rollout`;

/**
 * Whether a run may take over fields an apply conflicts on: those of `kubectl apply`'s client-side
 * manager (kubectl's server-side apply migrates them too) and those the run itself set (the canary's
 * routing, an undo). Any other manager's fields are that cluster's conflict.
 */
export function runTakesOver(fieldManager: string): (conflicts: { manager: string }[]) => boolean {
  const own = `"${runPatchManager(fieldManager)}"`;
  return (conflicts) =>
    conflicts.every((c) => c.manager.startsWith(CLIENT_SIDE_APPLY) || c.manager.startsWith(own));
}

/** Server-side apply without force: a conflict is this cluster's error, unless `runTakesOver` it. */
export async function applyOne(site: Site, o: KubeObject): Promise<KubeObject> {
  const res = await resolveKind(site.api, o, site.signal);
  const opts = { fieldManager: site.fieldManager, namespace: site.namespace, signal: site.signal };
  try {
    return (await site.api.apply(res, o, opts)).object;
  } catch (e) {
    const conflicts = applyConflicts(e);
    if (!conflicts || !runTakesOver(site.fieldManager)(conflicts)) throw e;
    return (await site.api.apply(res, o, { ...opts, force: true })).object;
  }
}

export async function annotate(
  site: Site,
  res: ResolvedResource,
  name: string,
  annotations: Record<string, string>,
): Promise<void> {
  await mergePatchObject(
    site.api.conn,
    res,
    name,
    { metadata: { annotations } },
    {
      namespace: site.namespace,
      fieldManager: runPatchManager(site.fieldManager),
      signal: site.signal,
    },
  );
}

/** Delete; true when it was there. */
export async function deleteIfThere(site: Site, res: ResolvedResource, name: string): Promise<boolean> {
  try {
    await deleteObject(site.api.conn, res, name, {
      namespace: site.namespace,
      propagationPolicy: 'Background',
      signal: site.signal,
    });
    return true;
  } catch (e) {
    if (e instanceof ClusterError && e.kind === 'NotFound') return false;
    throw e;
  }
}

/** Wait until `name`'s rollout is done; anything else is a StepError (an abort rethrows the signal's reason). */
export async function waitDone(site: Site, res: ResolvedResource, name: string): Promise<string> {
  const r = await waitForRollout(site.api, res, name, { namespace: site.namespace, signal: site.signal });
  if (r.outcome === 'done') return r.status.message;
  if (site.signal.aborted) throw site.signal.reason;
  throw new StepError(`deployment ${site.namespace}/${name}: ${r.status.failed ?? r.status.message}`);
}

/** The message when another run is rolling this object out, else undefined. */
export function heldByOther(o: KubeObject | undefined, runId: string): string | undefined {
  const a = o?.metadata?.annotations ?? {};
  const other = a[RUN_ANNOTATION];
  if (typeof other === 'string' && other !== runId && a[STATE_ANNOTATION] === 'running')
    return `deployment ${o?.metadata?.namespace ?? ''}/${o?.metadata?.name ?? ''} is being rolled out by run ${other} (state running); wait for it or resume it`;
  return undefined;
}
