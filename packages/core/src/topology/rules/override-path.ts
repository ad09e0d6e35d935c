import { isScalar } from 'yaml';
import type { Rule } from '../types.js';
import { getNode, getString, pairOf } from '../yaml-util.js';

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

/** Resolve tokens in a plain value; `add` only needs the parent of the last token. */
function resolve(root: unknown, tokens: string[], op: string): Resolution {
  let cur: unknown = root;
  const walked: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const last = i === tokens.length - 1;
    const at = walked.length ? '/' + walked.join('/') : 'the template root';
    if (Array.isArray(cur)) {
      if (last && op === 'add' && (t === '-' || (/^(0|[1-9]\d*)$/.test(t) && Number(t) <= cur.length)))
        return { ok: true };
      if (!/^(0|[1-9]\d*)$/.test(t)) return { ok: false, reason: `"${t}" is not a list index under ${at}` };
      if (Number(t) >= cur.length) {
        return {
          ok: false,
          reason: `index ${t} is out of range under ${at} (${cur.length} item${cur.length === 1 ? '' : 's'})`,
        };
      }
      cur = cur[Number(t)];
    } else if (isObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, t)) {
        if (last && op === 'add') return { ok: true };
        return { ok: false, reason: `"${t}" is not set under ${at}`, keys: Object.keys(cur), missing: t };
      }
      cur = cur[t];
    } else {
      return { ok: false, reason: `${at} is a ${cur === null ? 'null' : typeof cur}, not a map or list` };
    }
    walked.push(t.replace(/~/g, '~0').replace(/\//g, '~1'));
  }
  return { ok: true };
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
      for (const o of k.overrides) {
        const cluster = o.clusterName ? ` for cluster "${o.clusterName.name}"` : '';
        for (const { path, node, override } of o.paths) {
          const op = (getString(override, 'op') ?? 'replace').toLowerCase();
          const tokens = pointerTokens(path);
          if (typeof tokens === 'string') {
            ctx.report({ src: k.src, node, message: `override path "${path}"${cluster} ${tokens}.` });
            continue;
          }
          if (k.template !== undefined) {
            const r = resolve(k.template, tokens, op);
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
          const valuePair = pairOf(override, 'value');
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
