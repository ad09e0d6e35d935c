import type { Rule } from '../types.js';
import { getNode, pairOf } from '../yaml-util.js';
import { isProductionName, stageTraffic, stageLabel } from './_helpers-l2.js';

/**
 * Progressive rollout limits blast radius: the first stage must target one cluster, and no stage may send
 * 100% of the traffic to a production cluster before an earlier stage sent a smaller share.
 */
export const rule: Rule = {
  id: 'rollout-blast-radius',
  severity: 'warning',
  description:
    'The first stage targets several clusters, or a stage sends 100% of the traffic to production with no earlier smaller stage.',
  docs: 'docs/rules/rollout-blast-radius.md',
  check(ctx) {
    for (const p of ctx.model.pipelines) {
      const first = p.stages[0];
      const firstNames = [...new Set(first?.clusters.map((c) => c.name) ?? [])];
      if (first && firstNames.length > 1) {
        ctx.report({
          src: p.src,
          node: getNode(first.node, 'clusters') ?? first.node,
          message: `the first ${stageLabel(first)} deploys to ${firstNames.length} clusters at once (${firstNames.join(', ')}); start with a single cluster and a small share of traffic, then widen in later stages.`,
        });
      }
      let canarySeen = false;
      for (const stage of p.stages) {
        const share = stageTraffic(stage.traffic);
        if (share === 100 && !canarySeen) {
          const prod = [...new Set(stage.clusters.map((c) => c.name))].filter((n) =>
            isProductionName(ctx.model, n),
          );
          if (prod.length > 0) {
            const trafficPair = pairOf(stage.node, 'traffic');
            const where = trafficPair ?? pairOf(stage.node, 'cluster') ?? pairOf(stage.node, 'clusters');
            const what = trafficPair ? 'sends 100% of the traffic' : 'sends all traffic (no traffic: share)';
            ctx.report({
              src: p.src,
              node: where ?? stage.node,
              message: `${stageLabel(stage)} ${what} to production cluster${prod.length > 1 ? 's' : ''} ${prod.join(', ')} with no earlier canary stage; add an earlier stage with a small share (e.g. traffic: 5%) and validation.`,
            });
          }
        }
        if (share !== undefined && share < 100) canarySeen = true;
      }
    }
  },
};
