// RFC 6902 JSON patch (`application/json-patch+json`), as kube-apiserver applies it: what
// `kubectl rollout undo` sends (replace /spec/template and /metadata/annotations).
import { isObject, type JsonObject } from './fields.js';

export class JsonPatchError extends Error {}

const decode = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

function pointer(path: unknown): string[] {
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/')))
    throw new JsonPatchError(`invalid JSON pointer: ${JSON.stringify(path)}`);
  return path === '' ? [] : path.slice(1).split('/').map(decode);
}

function parentOf(doc: unknown, parts: string[]): { parent: unknown; key: string } {
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObject(cur)) cur = cur[p];
    else cur = undefined;
    if (cur === undefined) throw new JsonPatchError(`doc is missing path: /${parts.join('/')}`);
  }
  return { parent: cur, key: parts[parts.length - 1] ?? '' };
}

function get(doc: unknown, parts: string[]): unknown {
  if (!parts.length) return doc;
  const { parent, key } = parentOf(doc, parts);
  const v: unknown = Array.isArray(parent)
    ? (parent as unknown[])[Number(key)]
    : isObject(parent)
      ? parent[key]
      : undefined;
  if (v === undefined) throw new JsonPatchError(`doc is missing path: /${parts.join('/')}`);
  return v;
}

function put(doc: unknown, parts: string[], value: unknown, mode: 'add' | 'replace'): unknown {
  if (!parts.length) return value;
  const { parent, key } = parentOf(doc, parts);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length - (mode === 'replace' ? 1 : 0))
      throw new JsonPatchError(`index out of range: /${parts.join('/')}`);
    if (mode === 'add') parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (isObject(parent)) {
    if (mode === 'replace' && !(key in parent))
      throw new JsonPatchError(`replace operation does not apply: doc is missing key: /${parts.join('/')}`);
    (parent as Record<string, unknown>)[key] = value;
  } else throw new JsonPatchError(`doc is missing path: /${parts.join('/')}`);
  return doc;
}

function remove(doc: unknown, parts: string[]): unknown {
  const { parent, key } = parentOf(doc, parts);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length)
      throw new JsonPatchError(`index out of range: /${parts.join('/')}`);
    parent.splice(i, 1);
  } else if (isObject(parent) && key in parent) delete parent[key];
  else throw new JsonPatchError(`remove operation does not apply: doc is missing path: /${parts.join('/')}`);
  return doc;
}

/** `doc` with the operations applied (a copy); throws JsonPatchError when one does not apply. */
export function jsonPatch(doc: JsonObject, ops: unknown): JsonObject {
  if (!Array.isArray(ops)) throw new JsonPatchError('a JSON patch is an array of operations');
  let out: unknown = structuredClone(doc);
  for (const op of ops) {
    if (!isObject(op)) throw new JsonPatchError('a JSON patch operation is an object');
    const parts = pointer(op['path']);
    switch (op['op']) {
      case 'add':
        out = put(out, parts, structuredClone(op['value']), 'add');
        break;
      case 'replace':
        out = put(out, parts, structuredClone(op['value']), 'replace');
        break;
      case 'remove':
        out = remove(out, parts);
        break;
      case 'copy':
        out = put(out, parts, structuredClone(get(out, pointer(op['from']))), 'add');
        break;
      case 'move': {
        const from = pointer(op['from']);
        const v = get(out, from);
        out = put(remove(out, from), parts, v, 'add');
        break;
      }
      case 'test':
        if (JSON.stringify(get(out, parts)) !== JSON.stringify(op['value']))
          throw new JsonPatchError(`testing value /${parts.join('/')} failed`);
        break;
      default:
        throw new JsonPatchError(`Unexpected kind: ${JSON.stringify(op['op'])}`);
    }
  }
  if (!isObject(out)) throw new JsonPatchError('the patched document is not an object');
  return out;
}
