import type { Rule, StageDecl } from '../types.js';
import { getNode } from '../yaml-util.js';

/** Two stages of one pipeline with the same name make progress, resume and approvals ambiguous. */
export const rule: Rule = {
  id: 'duplicate-stage',
  severity: 'error',
  description: 'Two stages of the same pipeline have the same name.',
  docs: 'docs/rules/duplicate-stage.md',
  check(ctx) {
    for (const p of ctx.model.pipelines) {
      const first = new Map<string, StageDecl>();
      for (const stage of p.stages) {
        if (stage.name === undefined || stage.name === '') continue;
        const prev = first.get(stage.name);
        if (!prev) {
          first.set(stage.name, stage);
          continue;
        }
        const prevNode = getNode(prev.node, 'name');
        const line = ctx.rangeOf(p.src, prevNode).start.line;
        ctx.report({
          src: p.src,
          node: getNode(stage.node, 'name') ?? stage.node,
          message: `stage name "${stage.name}" is already used by stage ${prev.index + 1} (line ${line}); give each stage a unique name.`,
          related: [
            { src: p.src, node: prevNode ?? prev.node, message: `first stage named "${stage.name}"` },
          ],
        });
      }
    }
  },
};
