// Field ownership as the API server keeps it in `metadata.managedFields`: server-side apply (conflicts
// with other managers unless forced, fields the applier stopped applying are removed unless someone
// else owns them) and updates (a patch's manager takes the fields it changed from everyone else).
import {
  formatPath,
  isObject,
  leafPaths,
  pathSegs,
  removeAt,
  toFieldsV1,
  fromFieldsV1,
  valueAt,
  type Json,
  type JsonObject,
} from './fields.js';
import { applyMerge } from './merge.js';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
  subresource?: string;
}

interface Manager {
  entry: ManagedFieldsEntry;
  paths: Set<string>;
}

export interface Conflict {
  manager: ManagedFieldsEntry;
  path: string[];
}

/** Who writes and how. */
export interface Writer {
  manager: string;
  apiVersion: string;
  subresource?: string;
  /** RFC 3339, seconds */
  now: string;
}

const SYSTEM_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
]);

/** The part of an object whose fields have owners: no apiVersion/kind/status, no system metadata. */
export function ownable(obj: JsonObject | undefined): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj ?? {})) {
    if (k === 'apiVersion' || k === 'kind' || k === 'status') continue;
    if (k === 'metadata' && isObject(v)) {
      const meta: JsonObject = {};
      for (const [mk, mv] of Object.entries(v)) if (!SYSTEM_META.has(mk)) meta[mk] = mv;
      if (Object.keys(meta).length) out[k] = meta;
      continue;
    }
    out[k] = v;
  }
  return out;
}

const same = (a: Json | undefined, b: Json | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

function readManagers(obj: JsonObject | undefined): Manager[] {
  const meta = obj?.['metadata'];
  const list = isObject(meta) && Array.isArray(meta['managedFields']) ? meta['managedFields'] : [];
  return list.filter(isObject).map((e) => ({
    entry: e as unknown as ManagedFieldsEntry,
    paths: fromFieldsV1(e['fieldsV1']),
  }));
}

function writeManagers(obj: JsonObject, managers: Manager[]): void {
  const meta = isObject(obj['metadata']) ? obj['metadata'] : (obj['metadata'] = {});
  const kept = managers.filter((m) => m.paths.size);
  meta['managedFields'] = kept.map((m) => ({
    ...m.entry,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(m.paths),
  }));
  if (!kept.length) delete meta['managedFields'];
}

const isSelf = (m: Manager, w: Writer, op: 'Apply' | 'Update'): boolean =>
  m.entry.manager === w.manager &&
  m.entry.operation === op &&
  (m.entry.subresource ?? '') === (w.subresource ?? '');

function entryFor(managers: Manager[], w: Writer, op: 'Apply' | 'Update'): Manager {
  let m = managers.find((x) => isSelf(x, w, op));
  if (!m) {
    m = {
      entry: {
        manager: w.manager,
        operation: op,
        apiVersion: w.apiVersion,
        fieldsType: 'FieldsV1',
        fieldsV1: {},
        ...(w.subresource ? { subresource: w.subresource } : {}),
      },
      paths: new Set(),
    };
    managers.push(m);
  }
  m.entry = { ...m.entry, apiVersion: w.apiVersion, time: w.now };
  return m;
}

/**
 * Server-side apply of `applied` over `live` (undefined: create). Conflicts come back instead of an
 * object unless `force`, which takes the fields from their managers.
 */
export function applyObject(
  live: JsonObject | undefined,
  applied: JsonObject,
  w: Writer,
  force: boolean,
): { object: JsonObject } | { conflicts: Conflict[] } {
  const managers = readManagers(live);
  const want = ownable(applied);
  const liveOwn = ownable(live);
  const newSet = leafPaths(want);
  const conflicts: Conflict[] = [];
  for (const m of managers) {
    if (isSelf(m, w, 'Apply')) continue;
    for (const p of m.paths) {
      if (!newSet.has(p)) continue;
      const segs = pathSegs(p);
      if (segs[segs.length - 1] === '.') continue;
      if (!same(valueAt(want, segs), valueAt(liveOwn, segs)))
        conflicts.push({ manager: m.entry, path: segs });
    }
  }
  if (conflicts.length && !force) return { conflicts };
  for (const c of conflicts) {
    for (const m of managers) if (m.entry === c.manager) m.paths.delete(JSON.stringify(c.path));
  }
  const merged = applyMerge(live ?? {}, want) as JsonObject;
  const mine = entryFor(managers, w, 'Apply');
  const others = managers.filter((m) => m !== mine);
  const ownedByOthers = (p: string): boolean => {
    const segs = pathSegs(p);
    const prefix = segs[segs.length - 1] === '.' ? JSON.stringify(segs.slice(0, -1)).slice(0, -1) : p;
    return others.some((m) => [...m.paths].some((q) => q === p || q.startsWith(prefix)));
  };
  for (const p of mine.paths) {
    if (!newSet.has(p) && !ownedByOthers(p)) removeAt(merged, pathSegs(p));
  }
  mine.paths = newSet;
  writeManagers(merged, managers);
  return { object: merged };
}

/** An update (patch) from `before` to `after`: the writer takes ownership of every field it changed. */
export function recordUpdate(before: JsonObject, after: JsonObject, w: Writer): void {
  const managers = readManagers(before);
  const oldOwn = ownable(before);
  const newOwn = ownable(after);
  const newLeaves = leafPaths(newOwn);
  const changed = [...newLeaves].filter(
    (p) => !same(valueAt(oldOwn, pathSegs(p)), valueAt(newOwn, pathSegs(p))),
  );
  const removed = [...leafPaths(oldOwn)].filter((p) => !newLeaves.has(p));
  if (!changed.length && !removed.length) {
    writeManagers(after, managers);
    return;
  }
  for (const m of managers) for (const p of [...changed, ...removed]) m.paths.delete(p);
  const mine = entryFor(managers, w, 'Update');
  for (const p of changed) mine.paths.add(p);
  writeManagers(after, managers);
}

/** A manager as the API server names it in a conflict. */
function printManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update')
    s += e.time ? ` using ${e.apiVersion} at ${e.time}` : ` using ${e.apiVersion}`;
  return s;
}

/** The 409 Status message and causes kube-apiserver sends for apply conflicts. */
export function conflictStatus(conflicts: Conflict[]): {
  message: string;
  causes: { type: string; message: string; field: string }[];
} {
  const causes = conflicts.map((c) => ({
    type: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: formatPath(c.path),
  }));
  if (conflicts.length === 1) {
    const c = conflicts[0]!;
    return {
      message: `Apply failed with 1 conflict: conflict with ${printManager(c.manager)}: ${formatPath(c.path)}`,
      causes,
    };
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const k = printManager(c.manager);
    byManager.set(k, [...(byManager.get(k) ?? []), formatPath(c.path)]);
  }
  const lines: string[] = [];
  for (const [m, paths] of [...byManager].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`conflicts with ${m}:`, ...paths.map((p) => `- ${p}`));
  }
  return { message: `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`, causes };
}
