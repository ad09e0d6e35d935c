// Field paths and field sets as server-side apply tracks them (a simplified structured-merge-diff):
// a path is a list of segments `f:<field>`, `k:<json key>` (an item of a list merged by key) and `.`
// (the item itself); a set serialises as FieldsV1 JSON (`{"f:spec":{"f:replicas":{}}}`), as the real
// server writes `metadata.managedFields[].fieldsV1`.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields that identify a list item in the lists the API merges by key (containers by name, …). */
const KEY_FIELDS: string[][] = [['name'], ['containerPort', 'protocol'], ['port', 'protocol'], ['mountPath']];

/** The key of each item when `list` is a list merged by key (every item an object with the key), else undefined. */
export function listKeys(list: Json[]): JsonObject[] | undefined {
  if (!list.length || !list.every(isObject)) return undefined;
  for (const fields of KEY_FIELDS) {
    const first = fields[0]!;
    if (!list.every((item) => item[first] !== undefined)) continue;
    return list.map((item) => {
      const key: JsonObject = {};
      for (const f of fields) {
        const v = item[f];
        if (v !== undefined) key[f] = v;
      }
      return key;
    });
  }
  return undefined;
}

export const keySegment = (key: JsonObject): string => `k:${JSON.stringify(key)}`;

/** A path as one string (set member). */
export const pathKey = (segs: string[]): string => JSON.stringify(segs);
export const pathSegs = (key: string): string[] => JSON.parse(key) as string[];

/** The leaf paths of a value: scalars, atomic lists and empty maps are leaves; keyed lists go per item. */
export function leafPaths(value: Json, prefix: string[] = [], out = new Set<string>()): Set<string> {
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (!keys.length && prefix.length) out.add(pathKey(prefix));
    for (const k of keys) {
      const v = value[k]!;
      const p = [...prefix, `f:${k}`];
      if (Array.isArray(v) && listKeys(v)) {
        const keys2 = listKeys(v)!;
        v.forEach((item, i) => {
          const ip = [...p, keySegment(keys2[i]!)];
          out.add(pathKey([...ip, '.']));
          leafPaths(item, ip, out);
        });
        if (!v.length) out.add(pathKey(p));
      } else if (isObject(v) && Object.keys(v).length) {
        leafPaths(v, p, out);
      } else {
        out.add(pathKey(p));
      }
    }
  }
  return out;
}

/** A set of paths as FieldsV1 JSON. */
export function toFieldsV1(paths: Iterable<string>): JsonObject {
  const root: JsonObject = {};
  for (const key of [...paths].sort()) {
    let node = root;
    for (const seg of pathSegs(key)) {
      const next = node[seg];
      if (isObject(next)) node = next;
      else {
        const created: JsonObject = {};
        node[seg] = created;
        node = created;
      }
    }
  }
  return root;
}

/** FieldsV1 JSON → the set of paths it names (nodes without children are leaves). */
export function fromFieldsV1(fields: unknown, prefix: string[] = [], out = new Set<string>()): Set<string> {
  if (!isObject(fields)) return out;
  const keys = Object.keys(fields);
  if (!keys.length && prefix.length) out.add(pathKey(prefix));
  for (const k of keys) {
    if (k === '.') out.add(pathKey([...prefix, '.']));
    else fromFieldsV1(fields[k], [...prefix, k], out);
  }
  return out;
}

function matchesKey(item: Json, key: JsonObject): boolean {
  return (
    isObject(item) && Object.entries(key).every(([k, v]) => JSON.stringify(item[k]) === JSON.stringify(v))
  );
}

/** The value at a path, or undefined. */
export function valueAt(root: Json | undefined, segs: string[]): Json | undefined {
  let node: Json | undefined = root;
  for (const seg of segs) {
    if (node === undefined) return undefined;
    if (seg === '.') return node;
    if (seg.startsWith('f:')) node = isObject(node) ? node[seg.slice(2)] : undefined;
    else if (seg.startsWith('k:')) {
      const key = JSON.parse(seg.slice(2)) as JsonObject;
      node = Array.isArray(node) ? node.find((i) => matchesKey(i, key)) : undefined;
    } else return undefined;
  }
  return node;
}

/** Removes the field (or list item, for a `.` path) at a path; missing parents are fine. */
export function removeAt(root: Json, segs: string[]): void {
  const last = segs[segs.length - 1];
  const parentSegs = last === '.' ? segs.slice(0, -2) : segs.slice(0, -1);
  const parent = valueAt(root, parentSegs);
  if (last === '.') {
    const key = JSON.parse(segs[segs.length - 2]!.slice(2)) as JsonObject;
    if (Array.isArray(parent)) {
      const i = parent.findIndex((x) => matchesKey(x, key));
      if (i >= 0) parent.splice(i, 1);
    }
  } else if (last?.startsWith('f:') && isObject(parent)) {
    delete parent[last.slice(2)];
  }
}

/** A path as the API server prints it in conflicts: `.spec.template.spec.containers[name="app"].image`. */
export function formatPath(segs: string[]): string {
  let s = '';
  for (const seg of segs) {
    if (seg === '.') continue;
    if (seg.startsWith('f:')) s += `.${seg.slice(2)}`;
    else if (seg.startsWith('k:')) {
      const key = JSON.parse(seg.slice(2)) as JsonObject;
      s += `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    }
  }
  return s;
}
