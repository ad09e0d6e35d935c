import type { Rule } from '../types.js';
import { pairOf } from '../yaml-util.js';
import { insertAfterPair, isFederateJob } from './_helpers-l2.js';

/** Without honor_labels the federated job/instance labels are overwritten by the federation job's own. */
export const rule: Rule = {
  id: 'federate-honor-labels',
  severity: 'warning',
  description: 'A Prometheus federation job does not set honor_labels: true.',
  docs: 'docs/rules/federate-honor-labels.md',
  check(ctx) {
    for (const job of ctx.model.prometheusJobs) {
      if (!isFederateJob(job) || job.honorLabels === true) continue;
      const label =
        job.name !== undefined ? `federation job "${job.name}"` : `federation job ${job.index + 1}`;
      const message = `${label} does not set honor_labels: true, so the federated job and instance labels are overwritten (renamed to exported_*); set honor_labels: true.`;
      const title = 'Set honor_labels: true';
      const hlPair = pairOf(job.node, 'honor_labels');
      if (hlPair) {
        ctx.report({
          src: job.src,
          node: hlPair,
          message,
          fix: {
            title,
            edits: [{ file: job.src.file, range: ctx.rangeOf(job.src, hlPair), newText: 'true' }],
          },
        });
        continue;
      }
      const mpPair = pairOf(job.node, 'metrics_path')!;
      const edit = insertAfterPair(job.src, job.node, mpPair, ['honor_labels: true']);
      ctx.report({
        src: job.src,
        node: mpPair,
        message,
        ...(edit ? { fix: { title, edits: [{ file: job.src.file, ...edit }] } } : {}),
      });
    }
  },
};
