import { isScalar } from 'yaml';
import type { Rule } from '../types.js';
import { getNode, getString, pairOf } from '../yaml-util.js';
import { isLegacyKubefed } from './_helpers-l2.js';

type Resolution = { ok: true } | { ok: false; reason: string; keys?: string[]; missing?: string };

/** RFC 6901 tokens of a JSON Pointer, or an error message. */
export function pointerTokens(path: string): string[] | string {
  if (path === '') return 'is empty; it must start with "/" (e.g. /spec/replicas)';
  if (!path.startsWith('/')) return `does not start with "/"; write it as a JSON Pointer (e.g. /${path})`;
  const raw = path.slice(1).split('/');
  for (const t of raw) {
    if (/~(?![01])/.test(t))
      return `has "~" not followed by 0 or 1 in "${t}"; escape "~" as ~0 and "/" as ~1`;
  }
  return raw.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const INDEX = /^(0|[1-9]\d*)$/;

/**
 * Apply one JSON Patch operation (RFC 6902) to `doc` in place, as KubeFed does: `add` needs the parent
 * (a missing key is created, `-` or an index up to the length inserts), `replace` and `remove` need the
 * target itself. Other operations (move, copy, test) are not checked.
 */
function applyOp(doc: unknown, tokens: string[], op: string, value: unknown): Resolution {
  let cur: unknown = doc;
  const walked: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const last = i === tokens.length - 1;
    const at = walked.length ? '/' + walked.join('/') : 'the template root';
    if (Array.isArray(cur)) {
      if (last && op === 'add' && (t === '-' || (INDEX.test(t) && Number(t) <= cur.length))) {
        cur.splice(t === '-' ? cur.length : Number(t), 0, value);
        return { ok: true };
      }
      if (!INDEX.test(t)) return { ok: false, reason: `"${t}" is not a list index under ${at}` };
      if (Number(t) >= cur.length) {
        return {
          ok: false,
          reason: `index ${t} is out of range under ${at} (${cur.length} item${cur.length === 1 ? '' : 's'})`,
        };
      }
      if (last) {
        if (op === 'remove') cur.splice(Number(t), 1);
        else if (op === 'replace') cur[Number(t)] = value;
        return { ok: true };
      }
      cur = cur[Number(t)];
    } else if (isObject(cur)) {
      const has = Object.prototype.hasOwnProperty.call(cur, t);
      if (last && op === 'add') {
        cur[t] = value;
        return { ok: true };
      }
      if (!has)
        return { ok: false, reason: `"${t}" is not set under ${at}`, keys: Object.keys(cur), missing: t };
      if (last) {
        if (op === 'remove') delete cur[t];
        else if (op === 'replace') cur[t] = value;
        return { ok: true };
      }
      cur = cur[t];
    } else {
      return { ok: false, reason: `${at} is a ${cur === null ? 'null' : typeof cur}, not a map or list` };
    }
    walked.push(t.replace(/~/g, '~0').replace(/\//g, '~1'));
  }
  return { ok: true }; // the empty pointer (the whole document): not reached, paths are checked first
}

/**
 * The object KubeFed patches for a cluster: a copy of spec.template with metadata.name and
 * metadata.namespace set from the federated resource, and kind/apiVersion set from the target type.
 */
function targetObject(template: unknown, name: string | undefined, namespace: string | undefined): unknown {
  const obj = isObject(template) ? structuredClone<Record<string, unknown>>(template) : {};
  const metadata = isObject(obj.metadata) ? obj.metadata : {};
  if (name !== undefined) metadata.name = name;
  if (namespace !== undefined) metadata.namespace = namespace;
  if (name !== undefined || namespace !== undefined || isObject(obj.metadata)) obj.metadata = metadata;
  obj.kind ??= 'kind';
  obj.apiVersion ??= 'apiVersion';
  return obj;
}

/** Expected types for well-known override paths. */
function expectedType(tokens: string[]): { test: (v: unknown) => boolean; what: string } | undefined {
  const p = tokens.join('/');
  if (p === 'spec/replicas') {
    return {
      test: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
      what: 'a non-negative integer',
    };
  }
  if (/^spec\/template\/spec\/(containers|initContainers)\/\d+\/image$/.test(p)) {
    return { test: (v) => typeof v === 'string' && v.length > 0, what: 'an image reference string' };
  }
  return undefined;
}

/** KubeFed override paths are JSON Pointers into spec.template; a path that does not resolve breaks propagation. */
export const rule: Rule = {
  id: 'override-path',
  severity: 'error',
  description:
    'A KubeFed clusterOverrides path does not resolve in spec.template, or its value has the wrong type.',
  docs: 'docs/rules/override-path.md',
  check(ctx) {
    for (const k of ctx.model.kubefed) {
      // The legacy API group's overrides are dotted paths (kubefed-api-group reports the group).
      if (isLegacyKubefed(k)) continue;
      for (const o of k.overrides) {
        const cluster = o.clusterName ? ` for cluster "${o.clusterName.name}"` : '';
        // KubeFed applies a cluster's whole override list as one JSON Patch, in order, to the template
        // with name and namespace set: each operation sees the object the earlier ones left.
        const target = k.template !== undefined ? targetObject(k.template, k.name, k.namespace) : undefined;
        for (const { path, node, override } of o.paths) {
          const op = (getString(override, 'op') ?? 'replace').toLowerCase();
          const tokens = pointerTokens(path);
          if (typeof tokens === 'string') {
            ctx.report({ src: k.src, node, message: `override path "${path}"${cluster} ${tokens}.` });
            continue;
          }
          const valuePair = pairOf(override, 'value');
          if ((op === 'replace' || op === 'add') && !valuePair) {
            ctx.report({
              src: k.src,
              node,
              message: `override ${op} of "${path}"${cluster} has no value, so KubeFed sets the field to null; give a value, or use op: remove to delete the field.`,
            });
            continue;
          }
          if (target !== undefined) {
            const value = (valuePair ? getNode(override, 'value')?.toJSON() : undefined) as unknown;
            const r = applyOp(target, tokens, op, value ?? null);
            if (!r.ok) {
              const alt = r.missing && r.keys ? ctx.suggest(r.missing, r.keys) : undefined;
              const hint = alt
                ? ` Did you mean "${alt}"?`
                : op === 'add'
                  ? ''
                  : ' Correct the path, or use op: add for a field the template does not set.';
              ctx.report({
                src: k.src,
                node,
                message: `override path "${path}"${cluster} does not resolve in spec.template: ${r.reason}.${hint}`,
              });
              continue;
            }
          }
          if (op === 'remove') continue;
          const expected = expectedType(tokens);
          if (!expected || !valuePair) continue;
          const valueNode = getNode(override, 'value');
          const value = valueNode?.toJSON() as unknown;
          if (expected.test(value)) continue;
          const shown =
            isScalar(valueNode) && typeof value === 'number'
              ? String(valueNode.source ?? value)
              : JSON.stringify(value);
          const kind =
            typeof value === 'string'
              ? ` (a string${isScalar(valueNode) && valueNode.type !== 'PLAIN' ? ': remove the quotes' : ''})`
              : '';
          ctx.report({
            src: k.src,
            node: valuePair,
            message: `override value ${String(shown)} for "${path}"${cluster} must be ${expected.what}${kind}.`,
          });
        }
      }
    }
  },
};
