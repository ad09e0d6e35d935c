import type { Rule } from '../types.js';
import { isFederateJob, productionClusters } from './_helpers-l2.js';

/** A production cluster missing from federation is invisible on the central dashboards. */
export const rule: Rule = {
  id: 'unmonitored-cluster',
  severity: 'warning',
  description: 'A production cluster has no Prometheus federation job whose cluster label names it.',
  docs: 'docs/rules/unmonitored-cluster.md',
  check(ctx) {
    const { model } = ctx;
    if (model.docsOf('prometheus').length === 0 || model.clusters.length === 0) return;
    const monitored = new Set(
      model.prometheusJobs.filter(isFederateJob).flatMap((j) => j.clusterLabels.map((r) => r.name)),
    );
    for (const c of productionClusters(model)) {
      if (monitored.has(c.name) || monitored.has(c.context)) continue;
      ctx.report({
        src: c.src,
        node: c.nameNode ?? c.node,
        message: `production cluster "${c.name}" is not federated by any Prometheus /federate job, so it is invisible on the central dashboards; add a federate job (or target group) with labels: {cluster: ${c.name}}.`,
      });
    }
  },
};
