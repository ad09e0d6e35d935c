import type { Rule, SourceDoc } from '../types.js';
import type { PrometheusJob } from '../types.js';
import { getMap, getSeq, getString, mapItems, pairOf, scalarItems, scalarString } from '../yaml-util.js';
import { isFederateJob } from './_helpers-l2.js';

/** A job that sets `cluster` on every series itself: relabel_configs or metric_relabel_configs. */
function relabelsCluster(job: PrometheusJob): boolean {
  return ['relabel_configs', 'metric_relabel_configs'].some((k) =>
    mapItems(getSeq(job.node, k)).some((r) => getString(r, 'target_label') === 'cluster'),
  );
}

/**
 * Federated series of different source servers collide unless something tells them apart: a `cluster`
 * label on the target group, a relabelling that sets one, or distinct `global.external_labels` on each
 * source (which /federate attaches to every series it returns). The sources' configs are not known here,
 * so this is a warning, and only where two or more servers are federated into one Prometheus.
 */
export const rule: Rule = {
  id: 'federate-cluster-label',
  severity: 'warning',
  description: 'Prometheus federates several servers and a target group has no cluster label.',
  docs: 'docs/rules/federate-cluster-label.md',
  check(ctx) {
    const byDoc = new Map<SourceDoc, PrometheusJob[]>();
    for (const job of ctx.model.prometheusJobs) {
      if (!isFederateJob(job)) continue;
      const list = byDoc.get(job.src);
      if (list) list.push(job);
      else byDoc.set(job.src, [job]);
    }
    for (const jobs of byDoc.values()) {
      // One federated server cannot collide with another.
      const servers = new Set(jobs.flatMap((j) => j.targets.map((t) => t.target)));
      if (servers.size < 2) continue;
      for (const job of jobs) {
        if (relabelsCluster(job)) continue;
        const label =
          job.name !== undefined ? `federation job "${job.name}"` : `federation job ${job.index + 1}`;
        for (const sc of mapItems(getSeq(job.node, 'static_configs'))) {
          const cluster = getString(getMap(sc, 'labels'), 'cluster');
          if (cluster !== undefined && cluster.trim() !== '') continue;
          const targets = scalarItems(getSeq(sc, 'targets'))
            .map((t) => scalarString(t))
            .filter((t): t is string => t !== undefined);
          if (targets.length === 0) continue;
          const where = pairOf(sc, 'labels') ?? pairOf(sc, 'targets');
          ctx.report({
            src: job.src,
            node: where ?? sc,
            at: 'key',
            message: `target group of ${label} (${targets.join(', ')}) has no cluster label; this Prometheus federates ${servers.size} servers, whose series collide unless each source sets a distinct cluster in global.external_labels (not visible here); add labels: {cluster: <cluster name>}, one target group per cluster.`,
          });
        }
      }
    }
  },
};
