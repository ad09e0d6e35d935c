/**
 * Writes to the Kubernetes API: server-side apply (`PATCH` with `application/apply-patch+yaml`,
 * `fieldManager`, `force`, `dryRun=All`). A refusal is a `ClusterError` with the server's Status: a
 * field-manager conflict is status 409, reason `Conflict`, each field and its manager in `causes`.
 */
import { ClusterError } from '../errors.js';
import type { ClusterConnection } from '../transport/types.js';
import { apiVersionOf, objectPath } from './paths.js';
import type { KubeObject, ResolvedResource } from './types.js';

export const APPLY_PATCH_CONTENT_TYPE = 'application/apply-patch+yaml';

export interface ApplyOptions {
  /** The field manager that owns what is applied (required by the server). */
  fieldManager: string;
  /** Take fields other managers own instead of failing with a conflict. */
  force?: boolean;
  /** `dryRun=All`: the server answers with the result and stores nothing. */
  dryRun?: boolean;
  /** Namespace of a namespaced object that does not name one (default `default`). */
  namespace?: string;
  signal?: AbortSignal;
}

export interface ApplyResult {
  /** The object as the server has it after the apply (or would, for a dry run). */
  object: KubeObject;
  /** The server created it (201). */
  created: boolean;
}

/** Server-side apply of one object; its namespace is `obj.metadata.namespace`, else `opts.namespace`. */
export async function applyObject(
  conn: ClusterConnection,
  res: ResolvedResource,
  obj: KubeObject,
  opts: ApplyOptions,
): Promise<ApplyResult> {
  const name = obj.metadata?.name;
  if (!name) throw new ClusterError('InvalidResponse', conn.context, 'the object has no metadata.name');
  const namespace = res.namespaced ? obj.metadata?.namespace || opts.namespace || 'default' : undefined;
  const body: KubeObject = res.namespaced ? { ...obj, metadata: { ...obj.metadata, namespace } } : obj;
  const r = await conn.request<KubeObject>(objectPath(res, name, { ...(namespace ? { namespace } : {}) }), {
    method: 'PATCH',
    contentType: APPLY_PATCH_CONTENT_TYPE,
    query: {
      fieldManager: opts.fieldManager,
      force: opts.force ? 'true' : undefined,
      dryRun: opts.dryRun ? 'All' : undefined,
    },
    body,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const object = { apiVersion: apiVersionOf(res), kind: res.kind, ...(r.body ?? {}) };
  return { object, created: r.status === 201 };
}

/** The conflict of a failed apply: the fields and the managers that own them, or undefined. */
export function applyConflicts(e: unknown): { field: string; manager: string }[] | undefined {
  if (!(e instanceof ClusterError) || e.status !== 409 || !e.causes) return undefined;
  const found = e.causes
    .filter((c) => c.type === 'FieldManagerConflict')
    .map((c) => ({ field: c.field ?? '', manager: (c.message ?? '').replace(/^conflict with /, '') }));
  return found.length ? found : undefined;
}
