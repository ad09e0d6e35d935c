// DELETE of one object, as kube-apiserver and its garbage collector serve it: DeleteOptions in the body
// or the query (propagationPolicy Background|Foreground|Orphan, the deprecated orphanDependents,
// gracePeriodSeconds, preconditions, dryRun=All). An object without finalizers goes at once and the
// collector deletes its dependents (ownerReferences) in the background; Foreground and Orphan add their
// finalizer, set deletionTimestamp and answer with the object, and the collector finishes shortly after;
// an object with other finalizers stays, terminating, until a patch removes them (see write.ts). A pod
// with a grace period terminates for a moment (the simulated kubelet) before it goes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from '../faults.js';
import { sendJson, sendStatus } from '../http.js';
import type { ResourceDef } from '../resources.js';
import type { KubeObject, ResourceStore } from '../store.js';
import type { Timers } from '../timers.js';
import type { UserInfo } from './auth.js';

const MAX_BODY = 64 * 1024;
/** How long the simulated garbage collector takes to act on a deletion. */
const GC_DELAY_MS = 30;
/** How long the simulated kubelet takes to stop a pod deleted with a grace period. */
const POD_TERMINATION_MS = 300;

type Policy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  user: UserInfo;
  fault: FaultSpec;
  def: ResourceDef;
  namespace?: string;
  name: string;
  query: URLSearchParams;
  timers: Timers;
}

interface DeleteOptions {
  propagationPolicy?: Policy;
  gracePeriodSeconds?: number;
  dryRun: boolean;
  uid?: string;
  resourceVersion?: string;
}

class HttpError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const qualified = (def: ResourceDef): string => `${def.plural}${def.group ? '.' + def.group : ''}`;
const nowSeconds = (ms = 0): string => new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z');
const invalid = (field: string, message: string): HttpError =>
  new HttpError(422, `DeleteOptions.meta.k8s.io "" is invalid: ${field}: ${message}`, 'Invalid');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'Request entity too large', 'RequestEntityTooLarge'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** DeleteOptions from the body (JSON) and the query; the query's values win as the server's do. */
async function deleteOptions(r: DeleteRequest): Promise<DeleteOptions> {
  const text = (await readBody(r.req)).trim();
  let body: Record<string, unknown> = {};
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
      else throw new Error('not an object');
    } catch (e) {
      throw new HttpError(400, `error decoding DeleteOptions: ${e instanceof Error ? e.message : ''}`);
    }
  }
  const q = r.query;
  const scalar = (v: unknown): string | undefined =>
    v === undefined || v === null
      ? undefined
      : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
  const policy = q.get('propagationPolicy') ?? scalar(body['propagationPolicy']);
  const orphan = q.get('orphanDependents') ?? scalar(body['orphanDependents']);
  const grace = q.get('gracePeriodSeconds') ?? body['gracePeriodSeconds'];
  const dry = [
    ...q.getAll('dryRun'),
    ...(Array.isArray(body['dryRun']) ? (body['dryRun'] as unknown[]) : []),
  ];
  if (dry.some((d) => d !== 'All'))
    throw new HttpError(
      400,
      `dryRun: Unsupported value: "${String(dry.find((d) => d !== 'All'))}": supported values: "All"`,
    );
  if (
    policy !== undefined &&
    policy !== null &&
    !['Background', 'Foreground', 'Orphan'].includes(String(policy))
  )
    throw invalid(
      'propagationPolicy',
      `Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    );
  if (policy && orphan !== undefined && orphan !== null)
    throw invalid(
      'propagationPolicy',
      'Invalid value: "": orphanDependents and deletionPropagation cannot be both set',
    );
  const seconds = grace === undefined || grace === null ? undefined : Number(grace);
  if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 0))
    throw invalid('gracePeriodSeconds', `Invalid value: ${String(grace)}: must be >= 0`);
  const pre = (body['preconditions'] ?? {}) as Record<string, unknown>;
  return {
    ...(policy
      ? { propagationPolicy: policy as Policy }
      : orphan !== undefined && orphan !== null
        ? { propagationPolicy: String(orphan) === 'true' ? 'Orphan' : 'Background' }
        : {}),
    ...(seconds !== undefined ? { gracePeriodSeconds: seconds } : {}),
    dryRun: dry.length > 0,
    ...(typeof pre['uid'] === 'string' ? { uid: pre['uid'] } : {}),
    ...(typeof pre['resourceVersion'] === 'string' ? { resourceVersion: pre['resourceVersion'] } : {}),
  };
}

function forbidden(r: DeleteRequest): HttpError | undefined {
  if (!r.user.restricted && !r.fault.forbid) return undefined;
  const where = r.namespace ? `in the namespace "${r.namespace}"` : 'at the cluster scope';
  return new HttpError(
    403,
    `${qualified(r.def)} "${r.name}" is forbidden: User "${r.user.name}" cannot delete resource "${r.def.plural}" in API group "${r.def.group}" ${where}`,
    'Forbidden',
    { name: r.name, group: r.def.group, kind: r.def.plural },
  );
}

type OwnerRef = { uid?: string };
const ownerRefs = (obj: KubeObject): OwnerRef[] =>
  Array.isArray(obj.metadata['ownerReferences']) ? (obj.metadata['ownerReferences'] as OwnerRef[]) : [];

/** Every object whose ownerReferences name `uid`, with its resource. */
function dependents(store: ResourceStore, uid: string): { resource: string; obj: KubeObject }[] {
  const out: { resource: string; obj: KubeObject }[] = [];
  for (const resource of store.resources()) {
    for (const obj of store.list(resource)) {
      if (ownerRefs(obj).some((o) => o.uid === uid)) out.push({ resource, obj });
    }
  }
  return out;
}

/** Remove a finalizer; the object goes when it was terminating and none is left. */
export function finishIfDone(store: ResourceStore, resource: string, obj: KubeObject): void {
  const meta = obj.metadata as KubeObject['metadata'] & { deletionTimestamp?: string; finalizers?: string[] };
  if (meta.deletionTimestamp && !meta.finalizers?.length) {
    store.delete(resource, meta.namespace, meta.name);
    collect(store, meta.uid);
  }
}

function dropFinalizer(store: ResourceStore, resource: string, obj: KubeObject, finalizer: string): void {
  const live = store.get(resource, obj.metadata.namespace, obj.metadata.name);
  if (!live || live.metadata.uid !== obj.metadata.uid) return;
  const meta = live.metadata as KubeObject['metadata'] & { finalizers?: string[] };
  meta.finalizers = (meta.finalizers ?? []).filter((f) => f !== finalizer);
  if (!meta.finalizers.length) delete meta.finalizers;
  const stored = store.update(resource, live);
  finishIfDone(store, resource, stored);
}

/** The background collector: the dependents of a deleted owner are deleted in turn. */
function collect(store: ResourceStore, uid: string | undefined): void {
  if (!uid) return;
  for (const d of dependents(store, uid)) {
    const meta = d.obj.metadata as KubeObject['metadata'] & { finalizers?: string[] };
    if (meta.finalizers?.length) {
      store.update(d.resource, {
        ...d.obj,
        metadata: { ...meta, deletionTimestamp: nowSeconds() },
      });
      continue;
    }
    store.delete(d.resource, meta.namespace, meta.name);
    collect(store, meta.uid);
  }
}

function sendError(res: ServerResponse, e: unknown): void {
  if (e instanceof HttpError) return sendStatus(res, e.code, e.message, e.reason, e.details);
  sendStatus(res, 500, `internal error: ${e instanceof Error ? e.message : String(e)}`);
}

export async function serveDelete(store: ResourceStore, r: DeleteRequest): Promise<void> {
  try {
    const denied = forbidden(r);
    if (denied) throw denied;
    const opts = await deleteOptions(r);
    const live = store.get(r.def.plural, r.namespace, r.name);
    if (!live)
      throw new HttpError(404, `${qualified(r.def)} "${r.name}" not found`, 'NotFound', {
        name: r.name,
        ...(r.def.group ? { group: r.def.group } : {}),
        kind: r.def.plural,
      });
    const meta = live.metadata as KubeObject['metadata'] & {
      deletionTimestamp?: string;
      deletionGracePeriodSeconds?: number;
      finalizers?: string[];
    };
    if (opts.uid !== undefined && opts.uid !== meta.uid)
      throw new HttpError(
        409,
        `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${meta.uid ?? ''}`,
        'Conflict',
      );
    if (opts.resourceVersion !== undefined && opts.resourceVersion !== meta.resourceVersion)
      throw new HttpError(
        409,
        `Precondition failed: ResourceVersion in precondition: ${opts.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion ?? ''}`,
        'Conflict',
      );
    if (meta.deletionTimestamp) return sendJson(r.res, 200, live); // already terminating
    serve(store, r, live, opts);
  } catch (e) {
    sendError(r.res, e);
  }
}

function serve(store: ResourceStore, r: DeleteRequest, live: KubeObject, opts: DeleteOptions): void {
  const meta = live.metadata as KubeObject['metadata'] & { finalizers?: string[] };
  const policy = opts.propagationPolicy ?? 'Background';
  const added = policy === 'Foreground' ? 'foregroundDeletion' : policy === 'Orphan' ? 'orphan' : undefined;
  const podGrace =
    r.def.plural === 'pods'
      ? (opts.gracePeriodSeconds ??
        (live as { spec?: { terminationGracePeriodSeconds?: number } }).spec?.terminationGracePeriodSeconds ??
        30)
      : 0;
  const finalizers = [
    ...(meta.finalizers ?? []),
    ...(added && !meta.finalizers?.includes(added) ? [added] : []),
  ];

  if (!finalizers.length && podGrace === 0) {
    if (!opts.dryRun) {
      store.delete(r.def.plural, meta.namespace, meta.name);
      r.timers.set(() => collect(store, meta.uid), GC_DELAY_MS);
    }
    if (r.def.plural === 'pods') return sendJson(r.res, 200, live);
    return sendJson(r.res, 200, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name: meta.name,
        ...(r.def.group ? { group: r.def.group } : {}),
        kind: r.def.plural,
        uid: meta.uid,
      },
    });
  }

  const next = structuredClone(live) as KubeObject & { metadata: Record<string, unknown> };
  next.metadata['deletionTimestamp'] = nowSeconds(podGrace * 1000);
  next.metadata['deletionGracePeriodSeconds'] = podGrace;
  if (finalizers.length) next.metadata['finalizers'] = finalizers;
  if (opts.dryRun) return sendJson(r.res, 200, next);
  const stored = store.update(r.def.plural, next);
  sendJson(r.res, 200, stored);

  const uid = meta.uid;
  if (added === 'foregroundDeletion') {
    r.timers.set(() => {
      collect(store, uid);
      dropFinalizer(store, r.def.plural, stored, 'foregroundDeletion');
    }, GC_DELAY_MS);
  } else if (added === 'orphan') {
    r.timers.set(() => {
      for (const d of uid ? dependents(store, uid) : []) {
        const refs = ownerRefs(d.obj).filter((o) => o.uid !== uid);
        const m = { ...d.obj.metadata } as Record<string, unknown>;
        if (refs.length) m['ownerReferences'] = refs;
        else delete m['ownerReferences'];
        store.update(d.resource, { ...d.obj, metadata: m } as KubeObject);
      }
      dropFinalizer(store, r.def.plural, stored, 'orphan');
    }, GC_DELAY_MS);
  }
  if (podGrace > 0) {
    r.timers.set(() => {
      const now = store.get(r.def.plural, meta.namespace, meta.name);
      if (now && now.metadata.uid === uid) finishIfDone(store, r.def.plural, now);
    }, POD_TERMINATION_MS);
  }
}
