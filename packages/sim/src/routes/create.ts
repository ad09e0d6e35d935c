// POST to a collection: create, as kube-apiserver does it (what client-side `kubectl apply` and
// `kubectl create` send): the body's apiVersion/kind/namespace checked against the URL, generateName,
// 409 AlreadyExists, dryRun=All (answered, not stored), managedFields for the fieldManager (operation
// Update), uid/creationTimestamp/generation set, 201 Created. A Service without a clusterIP gets one.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http.js';
import { groupVersion, servesGroupVersion, type ResourceDef } from '../resources.js';
import { isObject, type JsonObject } from '../ssa/fields.js';
import { recordUpdate } from '../ssa/managers.js';
import type { KubeObject, ResourceStore } from '../store.js';
import { authorize, type UserInfo } from './auth.js';
import { HttpError, readBody, sendError } from './write.js';
import type { FaultSpec } from '../faults.js';

export interface CreateRequest {
  req: IncomingMessage;
  res: ServerResponse;
  user: UserInfo;
  fault: FaultSpec;
  def: ResourceDef;
  namespace?: string;
  query: URLSearchParams;
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const SUFFIX = 'bcdfghjklmnpqrstvwxz2456789';
const nowSeconds = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const qualified = (def: ResourceDef): string => `${def.plural}${def.group ? '.' + def.group : ''}`;

function suffix(): string {
  return [...randomBytes(5)].map((b) => SUFFIX[b % SUFFIX.length]).join('');
}

export async function serveCreate(store: ResourceStore, r: CreateRequest): Promise<void> {
  try {
    await create(store, r);
  } catch (e) {
    sendError(r.res, e);
  }
}

async function create(store: ResourceStore, r: CreateRequest): Promise<void> {
  const { def, query: q } = r;
  const denied = authorize(r.user, 'create', def, r.namespace, undefined);
  if (denied) throw new HttpError(403, denied.message, 'Forbidden', denied.details);
  if (r.fault.forbid) {
    const where = r.namespace ? `in the namespace "${r.namespace}"` : 'at the cluster scope';
    throw new HttpError(
      403,
      `${qualified(def)} is forbidden: User "${r.user.name}" cannot create resource "${def.plural}" in API group "${def.group}" ${where}`,
      'Forbidden',
      { group: def.group, kind: def.plural },
    );
  }
  if (def.namespaced && r.namespace === undefined)
    throw new HttpError(
      405,
      'the server does not allow this method on the requested resource',
      'MethodNotAllowed',
    );
  const dryRun = q.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All'))
    throw new HttpError(
      400,
      `dryRun: Unsupported value: "${dryRun.find((d) => d !== 'All')}": supported values: "All"`,
    );
  const contentType = String(r.req.headers['content-type'] ?? 'application/json')
    .split(';')[0]!
    .trim();
  if (contentType !== 'application/json')
    throw new HttpError(
      415,
      `the body of the request was in an unknown format - accepted media types include: application/json`,
      'UnsupportedMediaType',
    );
  let body: unknown;
  try {
    body = JSON.parse(await readBody(r.req));
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(
      400,
      `error decoding body: ${e instanceof Error ? e.message : String(e)}`,
      'BadRequest',
    );
  }
  if (!isObject(body))
    throw new HttpError(400, 'error decoding body: the body is not an object', 'BadRequest');
  const gv = groupVersion(def);
  const sent = body['apiVersion'];
  if (typeof sent !== 'string' || !servesGroupVersion(def, sent) || body['kind'] !== def.kind)
    throw new HttpError(
      400,
      `the API version in the data (${typeof sent === 'string' ? sent : ''}) does not match the expected API version (${gv})`,
      'BadRequest',
    );
  const meta: JsonObject = isObject(body['metadata']) ? { ...body['metadata'] } : {};
  if (def.namespaced) {
    if (meta['namespace'] !== undefined && meta['namespace'] !== r.namespace)
      throw new HttpError(
        400,
        'the namespace of the provided object does not match the namespace sent on the request',
        'BadRequest',
      );
    meta['namespace'] = r.namespace ?? '';
  } else delete meta['namespace'];
  if (typeof meta['name'] !== 'string' || !meta['name']) {
    if (typeof meta['generateName'] === 'string' && meta['generateName'])
      meta['name'] = `${meta['generateName']}${suffix()}`;
    else
      throw new HttpError(
        422,
        `${def.kind}.${def.group || 'core'} "" is invalid: metadata.name: Required value: name or generateName is required`,
        'Invalid',
      );
  }
  const name = meta['name'];
  if (!NAME.test(name) || name.length > 253)
    throw new HttpError(
      422,
      `${def.kind}.${def.group || 'core'} "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      'Invalid',
      { name, group: def.group, kind: def.kind },
    );
  if (store.get(def.plural, def.namespaced ? r.namespace : undefined, name))
    throw new HttpError(409, `${qualified(def)} "${name}" already exists`, 'AlreadyExists', {
      name,
      ...(def.group ? { group: def.group } : {}),
      kind: def.plural,
    });
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'managedFields'])
    delete meta[k];
  meta['uid'] = randomUUID();
  meta['creationTimestamp'] = nowSeconds();
  meta['generation'] = 1;
  const next: JsonObject = { ...body, apiVersion: gv, kind: def.kind, metadata: meta };
  defaults(def, next);
  const manager = q.get('fieldManager') ?? String(r.req.headers['user-agent'] ?? '').split('/')[0]!;
  recordUpdate({ metadata: {} }, next, { manager, apiVersion: gv, now: nowSeconds() });
  const result = dryRun.length
    ? next
    : (store.add(def.plural, next as unknown as KubeObject) as unknown as JsonObject);
  sendJson(r.res, 201, result);
}

/** The few defaults the simulator's readers need on a created object. */
function defaults(def: ResourceDef, o: JsonObject): void {
  if (def.plural === 'namespaces' && !def.group) {
    const meta = o['metadata'] as JsonObject;
    const labels: JsonObject = isObject(meta['labels']) ? meta['labels'] : {};
    labels['kubernetes.io/metadata.name'] = meta['name'] as string;
    meta['labels'] = labels;
    o['spec'] = { finalizers: ['kubernetes'] };
    o['status'] = { phase: 'Active' };
  }
  if (def.plural === 'services' && !def.group) {
    const spec: JsonObject = isObject(o['spec']) ? o['spec'] : {};
    spec['type'] ??= 'ClusterIP';
    if (spec['type'] !== 'ExternalName' && spec['clusterIP'] === undefined) {
      const b = randomBytes(2);
      spec['clusterIP'] = `10.96.${b[0]}.${Math.max(1, b[1]! % 255)}`;
      spec['clusterIPs'] = [spec['clusterIP']];
    }
    spec['sessionAffinity'] ??= 'None';
    if (Array.isArray(spec['ports']))
      spec['ports'] = spec['ports'].map((p) =>
        isObject(p)
          ? { protocol: 'TCP', ...(p['port'] !== undefined ? { targetPort: p['port'] } : {}), ...p }
          : p,
      );
    o['spec'] = spec;
    o['status'] ??= { loadBalancer: {} };
  }
}
