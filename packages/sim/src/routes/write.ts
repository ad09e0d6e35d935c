// PATCH of one object, as kube-apiserver serves it: server-side apply (`application/apply-patch+yaml`,
// fieldManager, force, conflicts with their causes), JSON merge patches and strategic merge patches,
// the `scale` subresource, `dryRun=All` (answered, not stored). A write bumps resourceVersion (and
// generation when more than metadata changed) and reaches watches through the store's events.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { FaultSpec } from '../faults.js';
import { sendJson, sendStatus } from '../http.js';
import { groupVersion, servesGroupVersion, type ResourceDef } from '../resources.js';
import { finishIfDone } from './delete.js';
import { isObject, type JsonObject } from '../ssa/fields.js';
import { applyObject, conflictStatus, recordUpdate, type Writer } from '../ssa/managers.js';
import { jsonMergePatch, strategicMergePatch } from '../ssa/merge.js';
import { jsonPatch, JsonPatchError } from '../ssa/json-patch.js';
import type { KubeObject, ResourceStore } from '../store.js';
import type { UserInfo } from './auth.js';

/** kube-apiserver's request body limit. */
const MAX_BODY = 3 * 1024 * 1024;

const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets']);

export interface WriteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  user: UserInfo;
  fault: FaultSpec;
  def: ResourceDef;
  namespace?: string;
  name: string;
  subresource?: string;
  query: URLSearchParams;
}

export class HttpError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, `Request entity too large: limit is ${MAX_BODY}`, 'RequestEntityTooLarge'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const nowSeconds = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const qualified = (def: ResourceDef): string => `${def.plural}${def.group ? '.' + def.group : ''}`;

/** Everything but metadata and status: a change there bumps generation. */
const specOf = (o: JsonObject): string => JSON.stringify({ ...o, metadata: null, status: null });
/** The object without what every write changes anyway. */
function comparable(o: JsonObject): string {
  const meta = { ...(o['metadata'] as JsonObject) };
  delete meta['resourceVersion'];
  const mf = meta['managedFields'];
  if (Array.isArray(mf)) meta['managedFields'] = mf.map((e) => ({ ...(e as JsonObject), time: null }));
  return JSON.stringify({ ...o, metadata: meta });
}

function parseBody(text: string, contentType: string): JsonObject | unknown[] {
  let body: unknown;
  try {
    body = contentType === 'application/apply-patch+yaml' ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new HttpError(
      400,
      `error decoding patch: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
  if (contentType === 'application/json-patch+json') {
    if (!Array.isArray(body)) throw new HttpError(400, 'error decoding patch: the patch is not an array');
    return body as unknown[];
  }
  if (!isObject(body)) throw new HttpError(400, 'error decoding patch: the patch is not an object');
  return body;
}

function checkApplied(def: ResourceDef, r: WriteRequest, body: JsonObject): void {
  const gv = groupVersion(def);
  const sent = body['apiVersion'];
  if (typeof sent !== 'string' || !servesGroupVersion(def, sent) || body['kind'] !== def.kind) {
    throw new HttpError(
      400,
      `the API version in the data (${JSON.stringify(body['apiVersion'] ?? '')}) does not match the expected API version (${gv})`,
    );
  }
  const meta = isObject(body['metadata']) ? body['metadata'] : {};
  if (meta['name'] !== r.name) {
    throw new HttpError(
      400,
      `the name of the object (${typeof meta['name'] === 'string' ? meta['name'] : ''}) does not match the name on the URL (${r.name})`,
    );
  }
  if (def.namespaced && meta['namespace'] !== undefined && meta['namespace'] !== r.namespace) {
    throw new HttpError(
      400,
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
}

function forbidden(r: WriteRequest): HttpError | undefined {
  if (!r.user.restricted && !r.fault.forbid) return undefined;
  const where = r.namespace ? `in the namespace "${r.namespace}"` : 'at the cluster scope';
  const resource = r.subresource ? `${r.def.plural}/${r.subresource}` : r.def.plural;
  return new HttpError(
    403,
    `${qualified(r.def)} "${r.name}" is forbidden: User "${r.user.name}" cannot patch resource "${resource}" in API group "${r.def.group}" ${where}`,
    'Forbidden',
    { name: r.name, group: r.def.group, kind: r.def.plural },
  );
}

function notFound(r: WriteRequest): HttpError {
  return new HttpError(404, `${qualified(r.def)} "${r.name}" not found`, 'NotFound', {
    name: r.name,
    ...(r.def.group ? { group: r.def.group } : {}),
    kind: r.def.plural,
  });
}

function scaleOf(def: ResourceDef, o: JsonObject): JsonObject {
  const meta = o['metadata'] as JsonObject;
  const spec = (o['spec'] ?? {}) as JsonObject;
  const status = (o['status'] ?? {}) as JsonObject;
  const sel = isObject(spec['selector']) ? spec['selector']['matchLabels'] : undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: meta['name'] ?? null,
      namespace: meta['namespace'] ?? null,
      uid: meta['uid'] ?? null,
      resourceVersion: meta['resourceVersion'] ?? null,
      creationTimestamp: meta['creationTimestamp'] ?? null,
    },
    spec: { replicas: spec['replicas'] ?? 0 },
    status: {
      replicas: status['replicas'] ?? 0,
      selector: isObject(sel)
        ? Object.entries(sel)
            .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
            .join(',')
        : '',
    },
  };
}

/** A terminating object may lose finalizers but not gain any, as the API server validates. */
function checkFinalizers(live: JsonObject | undefined, next: JsonObject): void {
  const lm = (live?.['metadata'] ?? {}) as JsonObject;
  if (!lm['deletionTimestamp']) return;
  const list = (m: unknown): string[] =>
    Array.isArray((m as JsonObject)['finalizers']) ? ((m as JsonObject)['finalizers'] as string[]) : [];
  const added = list(next['metadata']).filter((f) => !list(lm).includes(f));
  if (added.length)
    throw new HttpError(
      422,
      `${typeof lm['name'] === 'string' ? lm['name'] : ''} is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
      'Invalid',
    );
}

/** GET or PATCH of the scale subresource. */
export async function serveScale(store: ResourceStore, r: WriteRequest): Promise<void> {
  try {
    if (!SCALABLE.has(r.def.plural)) throw notFound(r);
    const live = store.get(r.def.plural, r.namespace, r.name) as JsonObject | undefined;
    if (r.req.method === 'GET') {
      if (!live) throw notFound(r);
      return sendJson(r.res, 200, scaleOf(r.def, live));
    }
    return await patch(store, r);
  } catch (e) {
    sendError(r.res, e);
  }
}

export function sendError(res: ServerResponse, e: unknown): void {
  if (e instanceof HttpError) return sendStatus(res, e.code, e.message, e.reason, e.details);
  sendStatus(res, 500, `internal error: ${e instanceof Error ? e.message : String(e)}`);
}

/** PATCH of an object or of its scale. */
export async function serveWrite(store: ResourceStore, r: WriteRequest): Promise<void> {
  try {
    await patch(store, r);
  } catch (e) {
    sendError(r.res, e);
  }
}

async function patch(store: ResourceStore, r: WriteRequest): Promise<void> {
  const { def, query: q } = r;
  const contentType = String(r.req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const kinds = [
    'application/apply-patch+yaml',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json',
    'application/json-patch+json',
  ];
  if (!kinds.includes(contentType)) {
    throw new HttpError(
      415,
      `the body of the request was in an unknown format - accepted media types include: ${kinds.join(', ')}`,
      'UnsupportedMediaType',
    );
  }
  const denied = forbidden(r);
  if (denied) throw denied;
  const dryRun = q.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All')) {
    throw new HttpError(
      400,
      `dryRun: Unsupported value: "${dryRun.find((d) => d !== 'All')}": supported values: "All"`,
    );
  }
  const apply = contentType === 'application/apply-patch+yaml';
  const manager =
    q.get('fieldManager') ?? (apply ? '' : String(r.req.headers['user-agent'] ?? '').split('/')[0]!);
  if (apply && !manager) {
    throw new HttpError(
      422,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      'Invalid',
    );
  }
  const force = q.get('force') === 'true';
  if (force && !apply)
    throw new HttpError(
      422,
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
      'Invalid',
    );
  const parsed = parseBody(await readBody(r.req), contentType);
  const ops = Array.isArray(parsed) ? parsed : undefined;
  const body = Array.isArray(parsed) ? {} : parsed;
  const live = store.get(def.plural, r.namespace, r.name) as JsonObject | undefined;
  const w: Writer = {
    manager,
    apiVersion: groupVersion(def),
    now: nowSeconds(),
    ...(r.subresource ? { subresource: r.subresource } : {}),
  };

  let next: JsonObject;
  if (apply && !r.subresource) {
    checkApplied(def, r, body);
    const out = applyObject(live, body, w, force);
    if ('conflicts' in out) {
      const { message, causes } = conflictStatus(out.conflicts);
      throw new HttpError(409, message, 'Conflict', {
        name: r.name,
        group: def.group,
        kind: def.plural,
        causes,
      });
    }
    next = out.object;
  } else {
    if (!live) throw notFound(r);
    if (r.subresource === 'scale') {
      const scale = (apply ? body : strategicMergePatch(scaleOf(def, live), body)) as JsonObject;
      const replicas = isObject(scale['spec']) ? scale['spec']['replicas'] : undefined;
      if (typeof replicas !== 'number')
        throw new HttpError(422, 'Scale.autoscaling "" is invalid: spec.replicas: Required value');
      next = structuredClone(live);
      (next['spec'] as JsonObject)['replicas'] = replicas;
    } else if (ops) {
      try {
        next = jsonPatch(live, ops);
      } catch (e) {
        if (e instanceof JsonPatchError) throw new HttpError(422, e.message, 'Invalid');
        throw e;
      }
      if (live['status'] !== undefined) next['status'] = live['status'];
    } else {
      const merge = contentType === 'application/merge-patch+json' ? jsonMergePatch : strategicMergePatch;
      next = merge(live, body) as JsonObject;
      if (live['status'] !== undefined) next['status'] = live['status'];
    }
    recordUpdate(live, next, w);
  }

  checkFinalizers(live, next);
  next['apiVersion'] = groupVersion(def);
  next['kind'] = def.kind;
  const meta = next['metadata'] as JsonObject;
  meta['name'] = r.name;
  if (def.namespaced) meta['namespace'] = r.namespace ?? null;
  if (!live) meta['generation'] = 1;
  else if (specOf(live) !== specOf(next))
    meta['generation'] = (((live['metadata'] as JsonObject)['generation'] as number | undefined) ?? 0) + 1;

  const dry = dryRun.length > 0;
  let result: JsonObject;
  if (live && comparable(live) === comparable(next)) result = live;
  else if (dry) {
    if (!live) {
      meta['uid'] = randomUUID();
      meta['creationTimestamp'] = nowSeconds();
    }
    result = next;
  } else if (live) {
    result = store.update(def.plural, next as unknown as KubeObject) as unknown as JsonObject;
    finishIfDone(store, def.plural, result as unknown as KubeObject); // its last finalizer removed
  } else result = store.add(def.plural, next as unknown as KubeObject) as unknown as JsonObject;

  const code = !live && apply ? 201 : 200;
  sendJson(r.res, code, r.subresource === 'scale' ? scaleOf(def, result) : result);
}
