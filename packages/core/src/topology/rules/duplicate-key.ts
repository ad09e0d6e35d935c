import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Pair } from 'yaml';
import { MAX_DEPTH } from '../parse.js';
import type { Rule } from '../types.js';

/** YAML allows a parser to keep either value of a repeated key; tools disagree, so the file is ambiguous. */
export const rule: Rule = {
  id: 'duplicate-key',
  severity: 'error',
  description: 'A mapping repeats a key; which value wins depends on the tool reading the file.',
  docs: 'docs/rules/duplicate-key.md',
  check(ctx) {
    for (const src of ctx.model.docs) {
      // Iterative walk, bounded by depth; aliases are never followed.
      const stack: [unknown, number][] = [[src.doc.contents, 0]];
      while (stack.length > 0) {
        const [node, depth] = stack.pop()!;
        if (depth > MAX_DEPTH) continue;
        if (isMap(node)) {
          const seen = new Map<string, Pair>();
          for (const p of node.items) {
            if (isScalar(p.key)) {
              const k = String(p.key.value);
              const first = seen.get(k);
              if (first) {
                ctx.report({
                  src,
                  node: p,
                  at: 'key',
                  message: `duplicate key "${k}" (first at line ${ctx.rangeOf(src, first, 'key').start.line}); the later value silently replaces the earlier one`,
                  related: [{ src, range: ctx.rangeOf(src, first, 'key'), message: 'first occurrence' }],
                });
              } else {
                seen.set(k, p);
              }
            }
            stack.push([p.value, depth + 1]);
          }
        } else if (isSeq(node)) {
          for (const item of node.items) stack.push([item, depth + 1]);
        } else if (isPair(node)) {
          stack.push([node.value, depth + 1]);
        }
      }
    }
  },
};
