/**
 * The other writes of the mutating verbs: DELETE of one object (DeleteOptions: propagation policy,
 * grace period, `dryRun=All`) and a JSON merge patch of an object or of its `scale` subresource
 * (`scale`, `label`, `annotate`). A refusal is a `ClusterError` carrying the server's Status.
 */
import type { ClusterConnection } from '../transport/types.js';
import { objectPath } from './paths.js';
import type { KubeObject, ResolvedResource } from './types.js';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteObjectOptions {
  namespace?: string;
  propagationPolicy?: PropagationPolicy;
  /** Seconds the object gets to terminate; 0 deletes at once (pods). */
  gracePeriodSeconds?: number;
  dryRun?: boolean;
  /** Delete only the object with this uid (not a namesake created since). */
  uid?: string;
  signal?: AbortSignal;
}

export interface DeleteResult {
  /** The object is still there, terminating (finalizers, foreground, a pod's grace period). */
  terminating: boolean;
  /** What the server answered: the object, or a Status. */
  body: KubeObject;
}

/** DELETE one object with kubectl's DeleteOptions body. */
export async function deleteObject(
  conn: ClusterConnection,
  res: ResolvedResource,
  name: string,
  opts: DeleteObjectOptions = {},
): Promise<DeleteResult> {
  const body = {
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    ...(opts.propagationPolicy ? { propagationPolicy: opts.propagationPolicy } : {}),
    ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
    ...(opts.dryRun ? { dryRun: ['All'] } : {}),
    ...(opts.uid ? { preconditions: { uid: opts.uid } } : {}),
  };
  const r = await conn.request<KubeObject>(
    objectPath(res, name, { ...(opts.namespace ? { namespace: opts.namespace } : {}) }),
    {
      method: 'DELETE',
      body,
      contentType: 'application/json',
      ...(opts.signal ? { signal: opts.signal } : {}),
    },
  );
  const answer = r.body ?? {};
  const meta = answer.metadata as { deletionTimestamp?: string } | undefined;
  return { terminating: answer.kind !== 'Status' && !!meta?.deletionTimestamp, body: answer };
}

export interface PatchObjectOptions {
  namespace?: string;
  /** `scale`: patch the scale subresource. */
  subresource?: 'scale';
  dryRun?: boolean;
  fieldManager?: string;
  signal?: AbortSignal;
}

/** A JSON merge patch (`application/merge-patch+json`) of one object or its subresource. */
export async function mergePatchObject(
  conn: ClusterConnection,
  res: ResolvedResource,
  name: string,
  patch: unknown,
  opts: PatchObjectOptions = {},
): Promise<KubeObject> {
  const path = objectPath(res, name, { ...(opts.namespace ? { namespace: opts.namespace } : {}) });
  const r = await conn.request<KubeObject>(opts.subresource ? `${path}/${opts.subresource}` : path, {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: patch,
    query: { dryRun: opts.dryRun ? 'All' : undefined, fieldManager: opts.fieldManager },
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return r.body ?? {};
}

/** The scale subresource of an object (`autoscaling/v1` Scale). */
export interface Scale {
  spec?: { replicas?: number };
  status?: { replicas?: number; selector?: string };
  metadata?: { resourceVersion?: string };
}

/** GET the scale subresource; NotFound when the kind cannot be scaled. */
export async function getScale(
  conn: ClusterConnection,
  res: ResolvedResource,
  name: string,
  opts: { namespace?: string; signal?: AbortSignal } = {},
): Promise<Scale> {
  const path = objectPath(res, name, { ...(opts.namespace ? { namespace: opts.namespace } : {}) });
  const r = await conn.request<Scale>(`${path}/scale`, { ...(opts.signal ? { signal: opts.signal } : {}) });
  return r.body ?? {};
}
