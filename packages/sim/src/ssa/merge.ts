// Merging a change into an object: the applied configuration (server-side apply: maps field by field,
// lists of named items item by item, other lists and scalars replaced), a JSON merge patch (RFC 7386)
// and a strategic merge patch (a merge patch whose lists of named items merge by key, as for containers).
import { isObject, listKeys, type Json, type JsonObject } from './fields.js';

const sameKey = (a: JsonObject, b: JsonObject): boolean => JSON.stringify(a) === JSON.stringify(b);

function mergeKeyed(live: Json[], change: Json[], item: (l: Json | undefined, c: Json) => Json): Json[] {
  const lk = listKeys(live) ?? [];
  const ck = listKeys(change)!;
  const used = new Set<number>();
  const out: Json[] = live.map((l, i) => {
    const j = ck.findIndex((k) => sameKey(k, lk[i]!));
    if (j < 0) return l;
    used.add(j);
    return item(l, change[j]!);
  });
  change.forEach((c, j) => {
    if (!used.has(j)) out.push(item(undefined, c));
  });
  return out;
}

/** Server-side apply's merge of an applied configuration into the live object. */
export function applyMerge(live: Json | undefined, applied: Json): Json {
  if (isObject(applied)) {
    const out: JsonObject = isObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(applied)) out[k] = applyMerge(out[k], v);
    return out;
  }
  if (
    Array.isArray(applied) &&
    Array.isArray(live) &&
    listKeys(applied) &&
    (!live.length || listKeys(live))
  ) {
    return mergeKeyed(live, applied, (l, c) => applyMerge(l, c));
  }
  return structuredClone(applied);
}

/** RFC 7386: maps merge, `null` deletes, everything else replaces. */
export function jsonMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v);
  }
  return out;
}

/** A strategic merge patch, basic: like a merge patch, but lists of named items merge by their key. */
export function strategicMergePatch(target: Json | undefined, patch: Json): Json {
  if (isObject(patch)) {
    const out: JsonObject = isObject(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(patch)) {
      if (k.startsWith('$')) continue; // directives ($patch, $setElementOrder/…): not modelled
      if (v === null) delete out[k];
      else out[k] = strategicMergePatch(out[k], v);
    }
    return out;
  }
  if (
    Array.isArray(patch) &&
    Array.isArray(target) &&
    listKeys(patch) &&
    (!target.length || listKeys(target))
  ) {
    return mergeKeyed(target, patch, (l, c) => strategicMergePatch(l, c));
  }
  return structuredClone(patch);
}
