import { getNode } from '../yaml-util.js';
import type { Rule } from '../types.js';
import { quoteLike } from './unknown-cluster.js';
import { isScalar } from 'yaml';

/** A declared cluster the kubeconfig cannot reach: `kubectl mc` would skip or fail on it. */
export const rule: Rule = {
  id: 'missing-context',
  severity: 'warning',
  description:
    "A declared cluster's kubeconfig context (`context`, default its name) is not in the kubeconfig.",
  docs: 'docs/rules/missing-context.md',
  check(ctx) {
    const contexts = ctx.options.contexts;
    if (!contexts) return; // only with --check-contexts / a kubeconfig
    const known = new Set(contexts);
    for (const c of ctx.model.clusters) {
      if (known.has(c.context)) continue;
      const ctxNode = getNode(c.node, 'context');
      const node = ctxNode ?? c.nameNode ?? c.node;
      const s = ctx.suggest(c.context, contexts);
      ctx.report({
        src: c.src,
        node,
        message: `cluster "${c.name}": kubeconfig has no context "${c.context}"${ctxNode ? '' : ' (the cluster name; set `context:` if it differs)'}${s ? ` (did you mean "${s}"?)` : ''}`,
        ...(s && ctxNode && isScalar(ctxNode)
          ? {
              fix: {
                title: `Use context "${s}"`,
                edits: [
                  { file: c.src.file, range: ctx.rangeOf(c.src, ctxNode), newText: quoteLike(ctxNode, s) },
                ],
              },
            }
          : {}),
      });
    }
  },
};
