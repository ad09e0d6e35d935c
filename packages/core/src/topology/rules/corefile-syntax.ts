import type { Rule } from '../types.js';

/**
 * A Corefile CoreDNS cannot parse: an unclosed or unopened server block, a nested block left open
 * (often a file cut short), or a Corefile whose lines YAML folded into one. CoreDNS refuses to start
 * with it (and the `reload` plugin keeps the previous configuration), so the change never applies.
 */
export const rule: Rule = {
  id: 'corefile-syntax',
  severity: 'error',
  description: 'A CoreDNS Corefile in a ConfigMap has unbalanced braces or lost its line breaks.',
  docs: 'docs/rules/corefile-syntax.md',
  check(ctx) {
    for (const d of ctx.model.coredns) {
      for (const f of d.files) {
        for (const p of f.problems) {
          ctx.report({
            src: d.src,
            range: p.range,
            message: `${f.key}: ${p.message}; CoreDNS refuses to load this Corefile.`,
          });
        }
      }
    }
  },
};
