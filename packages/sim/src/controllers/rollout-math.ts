// The arithmetic of kube-controller-manager's deployment controller: maxSurge / maxUnavailable from an
// int or a percentage, the pod-template-hash, template equality ignoring that hash, and the annotations
// a Deployment hands to its ReplicaSets.

export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const HASH_LABEL = 'pod-template-hash';

/** Annotations the controller never copies from a Deployment to its ReplicaSets (kube's skip list). */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

/**
 * An image that never starts in the simulator: its name contains `doesnotexist` (e.g.
 * `registry.example.com/payment:doesnotexist`). Its pods stay unready, so the rollout ends in
 * ProgressDeadlineExceeded.
 */
export const BROKEN_IMAGE_MARK = 'doesnotexist';

/** kube's GetScaledValueFromIntOrPercent: `3`, `"25%"` of `total`, rounded up or down. */
export function scaled(v: unknown, total: number, roundUp: boolean, fallback: string): number {
  const value = v === undefined || v === null ? fallback : v;
  if (typeof value === 'number') return Math.max(0, Math.trunc(value));
  const s = typeof value === 'string' ? value : '';
  const m = /^(\d+)%$/.exec(s);
  if (m) {
    const exact = (Number(m[1]) * total) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }
  return /^\d+$/.test(s) ? Number(s) : 0;
}

/** maxSurge and maxUnavailable of a RollingUpdate Deployment (both 0 → maxUnavailable 1, as kube). */
export function surgeAndUnavailable(spec: Json, replicas: number): { surge: number; unavailable: number } {
  const strategy = isObj(spec['strategy']) ? spec['strategy'] : {};
  if (strategy['type'] === 'Recreate') return { surge: 0, unavailable: replicas };
  const ru = isObj(strategy['rollingUpdate']) ? strategy['rollingUpdate'] : {};
  const surge = scaled(ru['maxSurge'], replicas, true, '25%');
  let unavailable = scaled(ru['maxUnavailable'], replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, replicas) };
}

/** JSON without nulls, empty objects and empty arrays, keys sorted: what typed decoding cannot tell apart. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (!isObj(v)) return v;
  const out: Json = {};
  for (const k of Object.keys(v).sort()) {
    const c = canonical(v[k]);
    if (c === null || c === undefined) continue;
    if (isObj(c) && Object.keys(c).length === 0) continue;
    if (Array.isArray(c) && c.length === 0) continue;
    out[k] = c;
  }
  return out;
}

/** The template without the pod-template-hash label. */
export function withoutHash(template: unknown): Json {
  const t = structuredClone(isObj(template) ? template : {});
  const meta = isObj(t['metadata']) ? t['metadata'] : undefined;
  if (meta && isObj(meta['labels'])) {
    delete meta['labels'][HASH_LABEL];
  }
  return t;
}

/** kube's EqualIgnoreHash: the two templates are the same but for the pod-template-hash label. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(withoutHash(a))) === JSON.stringify(canonical(withoutHash(b)));
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** A pod-template-hash as kube writes it: fnv-32a of the template, its decimal digits safe-encoded. */
export function templateHash(template: unknown, collisionCount = 0): string {
  const text =
    JSON.stringify(canonical(withoutHash(template))) + (collisionCount ? String(collisionCount) : '');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h)].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}

/** The revision a ReplicaSet (or Deployment) carries in its annotation, 0 when none. */
export function revisionOf(obj: Json): number {
  const meta = isObj(obj['metadata']) ? obj['metadata'] : {};
  const ann = isObj(meta['annotations']) ? meta['annotations'] : {};
  const n = Number(ann[REVISION]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The Deployment's annotations a ReplicaSet inherits. */
export function copiedAnnotations(deployment: Json): Record<string, string> {
  const meta = isObj(deployment['metadata']) ? deployment['metadata'] : {};
  const ann = isObj(meta['annotations']) ? meta['annotations'] : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ann)) if (!NOT_COPIED.has(k) && typeof v === 'string') out[k] = v;
  return out;
}

/** Whether a pod of this template can never start (an image marked broken). */
export function templateBroken(template: unknown): boolean {
  const spec = isObj(template) && isObj(template['spec']) ? template['spec'] : {};
  const containers = Array.isArray(spec['containers']) ? spec['containers'] : [];
  return containers.some(
    (c) => isObj(c) && typeof c['image'] === 'string' && c['image'].includes(BROKEN_IMAGE_MARK),
  );
}
