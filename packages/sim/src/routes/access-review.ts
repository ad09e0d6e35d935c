// POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews, what `kubectl auth can-i` asks: the
// review comes back with `status.allowed` by the same rules the server refuses requests with (admins
// may do anything; the restricted user may get/list/watch namespaced resources in `default`, never
// secrets).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendStatus } from '../http.js';
import { BY_PLURAL } from '../resources.js';
import type { UserInfo } from './auth.js';

export const ACCESS_REVIEW_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

const MAX_BODY = 64 * 1024;

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** The length-delimited fields of one protobuf message, by field number (other wire types skipped). */
function protoFields(buf: Buffer): Map<number, Buffer[]> | undefined {
  const out = new Map<number, Buffer[]>();
  let i = 0;
  const varint = (): number | undefined => {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (i >= buf.length) return undefined;
      const b = buf[i++] as number;
      v += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return v;
    }
    return undefined;
  };
  while (i < buf.length) {
    const key = varint();
    if (key === undefined) return undefined;
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (wire === 0) {
      if (varint() === undefined) return undefined;
    } else if (wire === 2) {
      const len = varint();
      if (len === undefined || i + len > buf.length) return undefined;
      out.set(field, [...(out.get(field) ?? []), buf.subarray(i, i + len)]);
      i += len;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else return undefined;
  }
  return out;
}

const K8S_PROTO_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/**
 * kubectl sends the review as Kubernetes protobuf: the magic `k8s\0`, a runtime.Unknown whose field 2
 * holds the SelfSubjectAccessReview (spec = 2, resourceAttributes = 1: namespace 1, verb 2, group 3,
 * version 4, resource 5, subresource 6, name 7).
 */
function reviewFromProto(body: Buffer): Review | undefined {
  if (!body.subarray(0, 4).equals(K8S_PROTO_MAGIC)) return undefined;
  const unknown = protoFields(body.subarray(4));
  const typeMeta = unknown?.get(1)?.[0];
  const kind = typeMeta ? protoFields(typeMeta)?.get(2)?.[0]?.toString('utf8') : undefined;
  const raw = unknown?.get(2)?.[0];
  if (kind !== 'SelfSubjectAccessReview' || raw === undefined) return undefined;
  const spec = protoFields(raw)?.get(2)?.[0];
  const specFields = spec ? protoFields(spec) : new Map<number, Buffer[]>();
  if (specFields === undefined) return undefined;
  const ra = specFields.get(1)?.[0];
  if (ra === undefined) return { kind, spec: {} };
  const f = protoFields(ra);
  if (f === undefined) return undefined;
  const str = (n: number) => f.get(n)?.[0]?.toString('utf8') ?? '';
  const resourceAttributes: ResourceAttributes = {
    namespace: str(1),
    verb: str(2),
    group: str(3),
    version: str(4),
    resource: str(5),
    subresource: str(6),
    name: str(7),
  };
  return { kind, spec: { resourceAttributes } };
}

interface Review {
  kind?: unknown;
  spec?: { resourceAttributes?: ResourceAttributes };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
  });
}

function allowed(user: UserInfo, attrs: ResourceAttributes | undefined): boolean {
  if (!user.restricted) return true;
  if (attrs === undefined) return false; // non-resource URLs
  const def = BY_PLURAL.get(attrs.resource ?? '');
  return (
    def !== undefined &&
    def.namespaced &&
    (attrs.group ?? '') === def.group &&
    attrs.namespace === 'default' &&
    def.plural !== 'secrets' &&
    ['get', 'list', 'watch'].includes(attrs.verb ?? '') &&
    (attrs.subresource ?? '') === ''
  );
}

export async function sendAccessReview(
  req: IncomingMessage,
  res: ServerResponse,
  user: UserInfo,
): Promise<void> {
  const body = (await readBody(req)) ?? Buffer.alloc(0);
  let review: Review | undefined;
  if ((req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf')) {
    review = reviewFromProto(body);
  } else {
    try {
      review = JSON.parse(body.toString('utf8')) as Review;
    } catch {
      review = undefined;
    }
  }
  if (review === null || typeof review !== 'object' || review.kind !== 'SelfSubjectAccessReview') {
    return sendStatus(res, 400, 'the request body is not a SelfSubjectAccessReview', 'BadRequest');
  }
  const ok = allowed(user, review.spec?.resourceAttributes);
  sendJson(res, 201, {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: review.spec ?? {},
    status: ok
      ? { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "cluster-admin"' }
      : { allowed: false },
  });
}
