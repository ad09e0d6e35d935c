import type { Rule } from '../types.js';
import { getMap, getSeq, getString, mapItems, pairOf, scalarItems, scalarString } from '../yaml-util.js';
import { isFederateJob } from './_helpers-l2.js';

/** Federated series of different clusters collide unless each target group carries a `cluster` label. */
export const rule: Rule = {
  id: 'federate-cluster-label',
  severity: 'error',
  description: 'A Prometheus federation target group has no cluster label.',
  docs: 'docs/rules/federate-cluster-label.md',
  check(ctx) {
    for (const job of ctx.model.prometheusJobs) {
      if (!isFederateJob(job)) continue;
      const relabelled = mapItems(getSeq(job.node, 'relabel_configs')).some(
        (r) => getString(r, 'target_label') === 'cluster',
      );
      if (relabelled) continue;
      const label =
        job.name !== undefined ? `federation job "${job.name}"` : `federation job ${job.index + 1}`;
      for (const sc of mapItems(getSeq(job.node, 'static_configs'))) {
        const cluster = getString(getMap(sc, 'labels'), 'cluster');
        if (cluster !== undefined && cluster.trim() !== '') continue;
        const targets = scalarItems(getSeq(sc, 'targets'))
          .map((t) => scalarString(t))
          .filter((t): t is string => t !== undefined);
        const where = pairOf(sc, 'labels') ?? pairOf(sc, 'targets');
        ctx.report({
          src: job.src,
          node: where ?? sc,
          at: 'key',
          message: `target group of ${label}${targets.length ? ` (${targets.join(', ')})` : ''} has no cluster label, so its series collide with other clusters'; add labels: {cluster: <cluster name>}.`,
        });
      }
    }
  },
};
