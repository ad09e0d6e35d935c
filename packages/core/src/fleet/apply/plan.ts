/**
 * The plan of an apply, per cluster: each manifest's resource found through the cluster's discovery, the
 * live object, and the server's dry-run apply (`dryRun=All`) of it; the result (`created`, `configured`,
 * `unchanged` or the error) and the fields that would change. Nothing is stored.
 */
import type { ClusterApi } from '../../api/client.js';
import { apiVersionOf } from '../../api/paths.js';
import type { KubeObject, ResolvedResource } from '../../api/types.js';
import { ClusterError } from '../../errors.js';
import { applyConflicts } from '../../api/write.js';
import { toClusterError } from '../../fanout/fanout.js';
import type { FanOut } from '../../fanout/fanout.js';
import type { Fleet, FleetFanOutOptions } from '../fleet.js';
import { changedFields, isUnchanged } from './changes.js';
import type { Manifest } from './manifests.js';

export const FIELD_MANAGER = 'kubectl-mc';

export type ChangeResult = 'created' | 'configured' | 'unchanged';

/** One manifest on one cluster. */
export interface PlanItem {
  manifest: Manifest;
  kind: string;
  name: string;
  /** The namespace it lands in (namespaced kinds). */
  namespace?: string;
  /** `kind[.group]/name` as kubectl names it (`deployment.apps/web`). */
  ref: string;
  resource?: ResolvedResource;
  result?: ChangeResult;
  /** Why this object cannot be applied here (conflict, forbidden, unknown kind, …). */
  error?: ClusterError;
  /** The changed fields (`spec.replicas`, …); every field for a created object is not listed. */
  fields: string[];
  /** The object now (undefined: absent). */
  live?: KubeObject;
  /** The object as the server would have it after the apply. */
  merged?: KubeObject;
}

export interface PlanOptions extends FleetFanOutOptions {
  fieldManager?: string;
  force?: boolean;
  /** Conflicts the dry run may force over (a pipeline run takes over its own routing and undo fields). */
  takeOver?: (conflicts: { field: string; manager: string }[]) => boolean;
  /** Namespace for objects that name none (default: the context's, else `default`). */
  namespace?: string;
}

/** Failures of the cluster itself rather than of one object: the whole cluster result fails. */
const CLUSTER_FAILURES = new Set([
  'Unreachable',
  'Timeout',
  'Unauthorized',
  'Auth',
  'Cancelled',
  'Throttled',
]);

export function isClusterFailure(e: ClusterError): boolean {
  return CLUSTER_FAILURES.has(e.kind);
}

function groupOf(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** `kind[.group]/name` in lower case, as kubectl prints applied objects. */
export function objectRef(obj: KubeObject): string {
  const { group } = groupOf(obj.apiVersion ?? '');
  return `${(obj.kind ?? '').toLowerCase()}${group ? '.' + group : ''}/${obj.metadata?.name ?? ''}`;
}

export async function resolveKind(
  api: ClusterApi,
  obj: KubeObject,
  signal: AbortSignal,
): Promise<ResolvedResource> {
  const { group, version } = groupOf(obj.apiVersion ?? '');
  const found = (await api.discover(signal)).find(
    (r) => r.group === group && r.version === version && r.kind === obj.kind && !r.resource.includes('/'),
  );
  if (!found) {
    throw new ClusterError(
      'NotFound',
      api.context,
      `resource mapping not found for name: "${obj.metadata?.name ?? ''}": no matches for kind "${obj.kind ?? ''}" in version "${obj.apiVersion ?? ''}"`,
    );
  }
  return found;
}

/** One object's plan on one cluster; a failure of the cluster itself is thrown. */
export async function planObject(
  api: ClusterApi,
  manifest: Manifest,
  defaultNamespace: string,
  opts: PlanOptions,
  signal: AbortSignal,
): Promise<PlanItem> {
  const obj = manifest.object;
  const item: PlanItem = {
    manifest,
    kind: obj.kind ?? '',
    name: obj.metadata?.name ?? '',
    ref: objectRef(obj),
    fields: [],
  };
  try {
    const res = await resolveKind(api, obj, signal);
    item.resource = res;
    const namespace = res.namespaced ? obj.metadata?.namespace || defaultNamespace : undefined;
    if (namespace) item.namespace = namespace;
    try {
      item.live = await api.get(res, item.name, { ...(namespace ? { namespace } : {}), signal });
    } catch (e) {
      if (!(e instanceof ClusterError && e.kind === 'NotFound')) throw e;
    }
    const dryRun = (force: boolean) =>
      api.apply(
        res,
        { ...obj, apiVersion: apiVersionOf(res) },
        {
          fieldManager: opts.fieldManager ?? FIELD_MANAGER,
          force,
          dryRun: true,
          ...(namespace ? { namespace } : {}),
          signal,
        },
      );
    const { object } = await dryRun(!!opts.force).catch((e: unknown) => {
      const conflicts = applyConflicts(e);
      if (conflicts && opts.takeOver?.(conflicts)) return dryRun(true);
      throw e;
    });
    item.merged = object;
    if (!item.live) item.result = 'created';
    else if (isUnchanged(item.live, object)) item.result = 'unchanged';
    else {
      item.result = 'configured';
      item.fields = changedFields(item.live, object);
    }
  } catch (e) {
    const err = toClusterError(e, api.context);
    if (isClusterFailure(err)) throw err;
    item.error = err;
  }
  return item;
}

/** The namespace objects without one land in on `context`. */
export function defaultNamespaceOf(fleet: Fleet, context: string, namespace?: string): string {
  return namespace || fleet.infos.find((i) => i.name === context)?.namespace || 'default';
}

/** The plan of every manifest on every selected cluster, streamed per cluster as each completes. */
export function planApply(fleet: Fleet, manifests: Manifest[], opts: PlanOptions = {}): FanOut<PlanItem[]> {
  return fleet.fanOut(async (api, signal) => {
    await api.discover(signal);
    const ns = defaultNamespaceOf(fleet, api.context, opts.namespace);
    const items: PlanItem[] = [];
    for (const m of manifests) items.push(await planObject(api, m, ns, opts, signal));
    return items;
  }, opts);
}

/** The items that would change something (created or configured). */
export function changesOf(items: readonly PlanItem[]): PlanItem[] {
  return items.filter((i) => !i.error && (i.result === 'created' || i.result === 'configured'));
}
