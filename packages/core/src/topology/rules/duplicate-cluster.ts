import { inSourceOrder } from '../order.js';
import type { Rule } from '../types.js';

/** A cluster name declared twice (in one topology or across files) makes every reference ambiguous. */
export const rule: Rule = {
  id: 'duplicate-cluster',
  severity: 'error',
  description: 'A cluster name is declared more than once across the topology documents.',
  docs: 'docs/rules/duplicate-cluster.md',
  check(ctx) {
    for (const [name, unordered] of ctx.model.clustersByName) {
      // "First" by file path and document, so which one is reported never depends on the input order.
      const decls = inSourceOrder(unordered);
      const first = decls[0];
      if (!first || decls.length < 2) continue;
      for (const dup of decls.slice(1)) {
        ctx.report({
          src: dup.src,
          node: dup.nameNode ?? dup.node,
          message: `cluster "${name}" is already declared (${first.src.file}:${ctx.rangeOf(first.src, first.nameNode ?? first.node).start.line})`,
          related: [{ src: first.src, node: first.nameNode ?? first.node, message: 'first declared here' }],
        });
      }
    }
  },
};
