/**
 * What an apply changes in an object: live and result compared without the metadata every write touches
 * (managedFields, resourceVersion, generation) and without status; the changed fields as paths
 * (`spec.replicas`, `spec.template.spec.containers[app].image`).
 */
import type { KubeObject } from '../../api/types.js';
import { formatYaml } from '../../render/output.js';
import { forDisplay } from '../object.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

const NOISE = ['managedFields', 'resourceVersion', 'generation'];

/** The object without what a write changes anyway (and without status, which apply does not set). */
export function withoutNoise(obj: KubeObject): KubeObject {
  const out: KubeObject = { ...obj };
  delete out['status'];
  if (isRec(obj.metadata)) {
    const meta: Rec = { ...obj.metadata };
    for (const k of NOISE) delete meta[k];
    out.metadata = meta;
  }
  return out;
}

/** The key an item of a list is shown by: its `name` (containers, env, …) or another identifying field. */
function itemKey(item: unknown): string | undefined {
  if (!isRec(item)) return undefined;
  for (const k of ['name', 'mountPath', 'containerPort', 'port']) {
    const v = item[k];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return undefined;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function walk(a: unknown, b: unknown, prefix: string, out: string[]): void {
  if (same(a, b)) return;
  if (isRec(a) && isRec(b)) {
    const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
    for (const k of keys) walk(a[k], b[k], prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const keysA = a.map(itemKey);
    const keysB = b.map(itemKey);
    if (keysA.every((k) => k !== undefined) && keysB.every((k) => k !== undefined)) {
      const order = [...keysB, ...keysA.filter((k) => !keysB.includes(k))];
      for (const k of order) {
        walk(a[keysA.indexOf(k)], b[keysB.indexOf(k)], `${prefix}[${k}]`, out);
      }
      return;
    }
  }
  out.push(prefix);
}

/** The paths of the fields that differ between `live` (undefined: absent) and `next`, noise ignored. */
export function changedFields(live: KubeObject | undefined, next: KubeObject): string[] {
  const out: string[] = [];
  walk(live ? withoutNoise(live) : {}, withoutNoise(next), '', out);
  return out;
}

/** Whether applying changes nothing that matters. */
export function isUnchanged(live: KubeObject, next: KubeObject): boolean {
  return same(withoutNoise(live), withoutNoise(next));
}

/** An object as `kubectl diff` writes it: kubectl's YAML without managedFields. */
export function formatYamlForDiff(obj: KubeObject): string {
  return formatYaml(forDisplay(obj));
}
