/** One object of one cluster, as front ends show it: for reading, for comparing across clusters, by row. */
import type { TableRow } from '../api/types.js';
import { valueText } from '../util/text.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An object for reading: without `metadata.managedFields`, as `kubectl get -o yaml` shows it (its
 * `--show-managed-fields` is off by default). The input is not modified.
 */
export function forDisplay<T>(obj: T): T {
  if (!isRecord(obj) || !isRecord(obj['metadata']) || !('managedFields' in obj['metadata'])) return obj;
  const { managedFields: _drop, ...metadata } = obj['metadata'];
  return { ...obj, metadata };
}

const VOLATILE_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
  'generation',
  'selfLink',
];
const VOLATILE_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
];

/**
 * An object as compared across clusters: what differs by nature between two clusters (uid,
 * resourceVersion, timestamps, managed fields, status) is dropped, so a diff shows configuration drift
 * only. The input is not modified.
 */
export function normalizeForCompare<T>(obj: T): T {
  if (!isRecord(obj)) return obj;
  const out: Record<string, unknown> = { ...obj };
  delete out['status'];
  const meta = out['metadata'];
  if (isRecord(meta)) {
    const m: Record<string, unknown> = { ...meta };
    for (const k of VOLATILE_METADATA) delete m[k];
    const ann = m['annotations'];
    if (isRecord(ann)) {
      const a: Record<string, unknown> = { ...ann };
      for (const k of VOLATILE_ANNOTATIONS) delete a[k];
      if (Object.keys(a).length > 0) m['annotations'] = a;
      else delete m['annotations'];
    }
    out['metadata'] = m;
  }
  return out as T;
}

/**
 * Which object a server-printed row is: its metadata's name and namespace, else the first cell. Raw
 * text, as the cluster sent it (to ask for the object again); escape it for display.
 */
export function rowRef(row: TableRow): { name: string; namespace?: string } {
  const meta = row.object?.metadata;
  const name = typeof meta?.name === 'string' ? meta.name : valueText(row.cells[0]);
  return typeof meta?.namespace === 'string' && meta.namespace !== ''
    ? { name, namespace: meta.namespace }
    : { name };
}
