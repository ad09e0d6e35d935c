import type { Rule } from '../types.js';
import { productionClusters } from './_helpers-l2.js';

/** A production cluster that no pipeline stage deploys to keeps running the old version. */
export const rule: Rule = {
  id: 'uncovered-cluster',
  severity: 'warning',
  description: 'A production cluster is not deployed to by any pipeline stage.',
  docs: 'docs/rules/uncovered-cluster.md',
  check(ctx) {
    const { model } = ctx;
    if (model.pipelines.length === 0 || model.clusters.length === 0) return;
    const deployed = new Set(
      model.pipelines.flatMap((p) => p.stages.flatMap((s) => s.clusters.map((c) => c.name))),
    );
    for (const c of productionClusters(model)) {
      if (deployed.has(c.name) || deployed.has(c.context)) continue;
      ctx.report({
        src: c.src,
        node: c.nameNode ?? c.node,
        message: `production cluster "${c.name}" is not deployed to by any pipeline stage, so it will drift from the rest of the fleet; add it to a stage (cluster: or clusters:).`,
      });
    }
  },
};
