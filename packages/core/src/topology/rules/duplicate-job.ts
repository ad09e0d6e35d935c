import type { PrometheusJob, Rule } from '../types.js';
import { getNode } from '../yaml-util.js';
import { isFederateJob } from './_helpers-l2.js';

/** Prometheus refuses a configuration with two scrape jobs of the same name. */
export const rule: Rule = {
  id: 'duplicate-job',
  severity: 'error',
  description: 'Two scrape_configs of one Prometheus configuration have the same job_name.',
  docs: 'docs/rules/duplicate-job.md',
  check(ctx) {
    const firstByDoc = new Map<string, Map<string, PrometheusJob>>();
    for (const job of ctx.model.prometheusJobs) {
      if (job.name === undefined || job.name === '') continue;
      const docKey = `${job.src.file}\0${job.src.index}`;
      let first = firstByDoc.get(docKey);
      if (!first) firstByDoc.set(docKey, (first = new Map<string, PrometheusJob>()));
      const prev = first.get(job.name);
      if (!prev) {
        first.set(job.name, job);
        continue;
      }
      const prevNode = getNode(prev.node, 'job_name');
      const line = ctx.rangeOf(prev.src, prevNode).start.line;
      ctx.report({
        src: job.src,
        node: getNode(job.node, 'job_name') ?? job.node,
        message: `job_name "${job.name}" is already used by the job at line ${line}, and Prometheus refuses duplicate job names; rename this job (e.g. ${isFederateJob(job) ? 'federate-<region>' : `${job.name}-2`}).`,
        related: [{ src: prev.src, node: prevNode ?? prev.node, message: `first job named "${job.name}"` }],
      });
    }
  },
};
