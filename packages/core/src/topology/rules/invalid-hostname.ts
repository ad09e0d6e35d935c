import { getNode, pairOf } from '../yaml-util.js';
import type { Rule } from '../types.js';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Why a name is not a DNS name, or undefined when it is one. */
export function hostnameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return 'is a URL, not a host name (drop the scheme)';
  if (/:\d+$/.test(name)) return 'carries a port; a host name has none';
  if (name.includes('/')) return 'contains a path';
  const host = name.endsWith('.') ? name.slice(0, -1) : name;
  if (host.length > 253) return 'is longer than 253 characters';
  for (const label of host.split('.')) {
    if (label.length === 0) return 'has an empty label (two dots in a row, or a leading dot)';
    if (label.length > 63) return `has the label "${label.slice(0, 20)}…" longer than 63 characters`;
    if (!LABEL.test(label)) return `has the label "${label}", which is not letters, digits and inner hyphens`;
  }
  return undefined;
}

/** `ingress` is what clients resolve; a malformed name never resolves. */
export const rule: Rule = {
  id: 'invalid-hostname',
  severity: 'error',
  description: "A cluster's `ingress` is not a valid DNS host name.",
  docs: 'docs/rules/invalid-hostname.md',
  check(ctx) {
    for (const c of ctx.model.clusters) {
      const node = getNode(c.node, 'ingress');
      if (!pairOf(c.node, 'ingress') || !node) continue;
      if (c.ingress === undefined) continue; // not a scalar: the schema rule reports the type
      const problem = hostnameProblem(c.ingress);
      if (!problem) continue;
      const stripped = c.ingress.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/:].*$/, '');
      const fixable = stripped !== c.ingress && hostnameProblem(stripped) === undefined;
      ctx.report({
        src: c.src,
        node,
        message: `ingress "${c.ingress}" of cluster "${c.name}" ${problem}`,
        ...(fixable
          ? {
              fix: {
                title: `Use "${stripped}"`,
                edits: [{ file: c.src.file, range: ctx.rangeOf(c.src, node), newText: stripped }],
              },
            }
          : {}),
      });
    }
  },
};
