import type { Rule } from '../types.js';

/** Reports what the YAML parser (and the engine's bounds: size, encoding, aliases, depth) rejected. */
export const rule: Rule = {
  id: 'yaml-syntax',
  severity: 'error',
  description: 'The file is not valid, readable YAML (syntax, tabs, encoding, size, alias bombs, nesting).',
  docs: 'docs/rules/yaml-syntax.md',
  check(ctx) {
    for (const p of ctx.model.syntaxProblems) {
      ctx.report({ file: p.file, range: p.range, message: p.message, severity: p.severity });
    }
  },
};
