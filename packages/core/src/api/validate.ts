/**
 * The edge of core: what a cluster sends (Tables, lists, objects, watch events, /version) is checked
 * here into the typed values the rest of core and the printers rely on. Anything that does not fit is
 * that cluster's `InvalidResponse` with a message a user can read, never a JavaScript internal error.
 */
import { ClusterError } from '../errors.js';
import { oneLine } from '../util/text.js';
import type { KubeObject, RowObjectMeta, TableColumn, TableRow } from './types.js';

/** A JSON value's kind as a user reads it: `a number`, `null`, `a list`, … */
export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

export function invalid(context: string, message: string): ClusterError {
  return new ClusterError('InvalidResponse', context, oneLine(message, 300));
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `v` must be a JSON object (`what` names it in the error). */
export function expectObject(v: unknown, what: string, context: string): Record<string, unknown> {
  if (!isObject(v)) throw invalid(context, `the server sent ${what} that is ${jsonKind(v)}, not an object`);
  return v;
}

/** An optional string field; anything else but absent is invalid. */
function optString(
  o: Record<string, unknown>,
  key: string,
  what: string,
  context: string,
): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw invalid(context, `the server sent ${what}.${key} that is ${jsonKind(v)}, not a string`);
  return v;
}

/** `metadata` of a list or an object: an object (or absent), its well-known fields of the right types. */
export function checkMeta(v: unknown, what: string, context: string): RowObjectMeta | undefined {
  if (v === undefined) return undefined;
  const m = expectObject(v, `${what}.metadata`, context);
  for (const key of ['name', 'namespace', 'resourceVersion', 'continue', 'uid', 'creationTimestamp']) {
    optString(m, key, `${what}.metadata`, context);
  }
  for (const key of ['labels', 'annotations']) {
    const map = m[key];
    if (map === undefined || map === null) continue;
    const o = expectObject(map, `${what}.metadata.${key}`, context);
    for (const k of Object.keys(o)) {
      if (typeof o[k] !== 'string') {
        throw invalid(
          context,
          `the server sent a ${key.slice(0, -1)} value that is ${jsonKind(o[k])}, not a string`,
        );
      }
    }
  }
  return m;
}

/** The list's own metadata: resourceVersion and continue token, when they are strings. */
export function listMeta(
  body: Record<string, unknown>,
  what: string,
  context: string,
): { rv?: string; cont?: string } {
  const m = checkMeta(body['metadata'], what, context);
  return {
    ...(m?.resourceVersion ? { rv: m.resourceVersion } : {}),
    ...(typeof m?.['continue'] === 'string' && m['continue'] ? { cont: m['continue'] } : {}),
  };
}

/** One object of a list or a watch event. */
export function checkObject(v: unknown, what: string, context: string): KubeObject {
  const o = expectObject(v, what, context);
  checkMeta(o['metadata'], what, context);
  optString(o, 'kind', what, context);
  optString(o, 'apiVersion', what, context);
  return o;
}

/** A list's items: a list of objects (absent or null: none). */
export function checkItems(v: unknown, context: string): KubeObject[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    throw invalid(context, `the server sent list items that are ${jsonKind(v)}, not a list`);
  for (let i = 0; i < v.length; i++) checkObject(v[i], `list item ${i}`, context);
  return v as KubeObject[];
}

/** A Table's column definitions: a list of objects with a string name. */
export function checkColumns(v: unknown, context: string): TableColumn[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    throw invalid(context, `the server sent Table columns that are ${jsonKind(v)}, not a list`);
  return v.map((c, i) => {
    const o = expectObject(c, `Table column ${i}`, context);
    const name = o['name'];
    if (typeof name !== 'string') {
      throw invalid(
        context,
        `the server sent Table column ${i} with a name that is ${name === undefined ? 'missing' : jsonKind(name)}`,
      );
    }
    const type = typeof o['type'] === 'string' ? o['type'] : 'string';
    const priority = typeof o['priority'] === 'number' && Number.isFinite(o['priority']) ? o['priority'] : 0;
    const col: TableColumn = { name, type, priority };
    if (typeof o['format'] === 'string') col.format = o['format'];
    if (typeof o['description'] === 'string') col.description = o['description'];
    return col;
  });
}

/** A Table's rows: objects with a list of cells and, optionally, an object with valid metadata. */
export function checkRows(v: unknown, context: string): TableRow[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    throw invalid(context, `the server sent Table rows that are ${jsonKind(v)}, not a list`);
  for (let i = 0; i < v.length; i++) {
    const row = expectObject(v[i], `Table row ${i}`, context);
    if (!Array.isArray(row['cells'])) {
      throw invalid(
        context,
        `the server sent Table row ${i} with cells that are ${jsonKind(row['cells'])}, not a list`,
      );
    }
    if (row['object'] !== undefined) checkObject(row['object'], `the object of Table row ${i}`, context);
  }
  return v as TableRow[];
}

/** Longest version field kept (versions are short). */
const MAX_VERSION_FIELD = 256;

/**
 * A `/version` document: an object whose version fields, when present, are strings (each bounded); a
 * number, a list or an object there is `InvalidResponse`.
 */
export function checkVersion(
  v: unknown,
  context: string,
): { gitVersion?: string; major?: string; minor?: string; platform?: string } {
  const o = expectObject(v, 'a /version document', context);
  const out: Record<string, string> = {};
  for (const key of ['gitVersion', 'major', 'minor', 'platform']) {
    const f = o[key];
    if (f === undefined) continue;
    if (typeof f !== 'string') {
      throw invalid(context, `the server sent a /version whose ${key} is ${jsonKind(f)}, not a string`);
    }
    out[key] = f.slice(0, MAX_VERSION_FIELD);
  }
  return out;
}
