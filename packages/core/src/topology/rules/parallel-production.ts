import type { Rule } from '../types.js';
import { pairOf } from '../yaml-util.js';
import { isProductionName, stageLabel } from './_helpers-l2.js';

/** Deploying to several production clusters at once removes the isolation separate clusters give. */
export const rule: Rule = {
  id: 'parallel-production',
  severity: 'warning',
  description: 'A pipeline stage deploys to several production clusters in parallel.',
  docs: 'docs/rules/parallel-production.md',
  check(ctx) {
    for (const p of ctx.model.pipelines) {
      for (const stage of p.stages) {
        if (stage.parallel !== true) continue;
        const prod = [...new Set(stage.clusters.map((c) => c.name))].filter((n) =>
          isProductionName(ctx.model, n),
        );
        if (prod.length < 2) continue;
        const label = stageLabel(stage);
        ctx.report({
          src: p.src,
          node: pairOf(stage.node, 'parallel') ?? stage.node,
          message: `${label} deploys to ${prod.length} production clusters in parallel (${prod.join(', ')}), so a bad release reaches all of them before validation; set parallel: false or give each production cluster its own stage.`,
        });
      }
    }
  },
};
