import type { Rule } from '../types.js';
import { getNode, pairOf } from '../yaml-util.js';
import { insertAfterPair, isFederateJob } from './_helpers-l2.js';

export const DEFAULT_MATCH = '{job=~".+"}';

/** Prometheus' /federate returns nothing without a match[] selector: the job scrapes fine and collects no data. */
export const rule: Rule = {
  id: 'federate-match',
  severity: 'error',
  description: "A Prometheus federation job (metrics_path: /federate) has no params['match[]'] selector.",
  docs: 'docs/rules/federate-match.md',
  check(ctx) {
    for (const job of ctx.model.prometheusJobs) {
      if (!isFederateJob(job)) continue;
      if ((job.match ?? []).some((m) => m.trim() !== '')) continue;
      const label =
        job.name !== undefined ? `federation job "${job.name}"` : `federation job ${job.index + 1}`;
      const paramsPair = pairOf(job.node, 'params');
      const mpPair = pairOf(job.node, 'metrics_path')!;
      const message = `${label} has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['${DEFAULT_MATCH}']} (or the selectors you need).`;
      const title = `Add params['match[]'] selecting every job (${DEFAULT_MATCH})`;
      if (!paramsPair) {
        const edit = insertAfterPair(job.src, job.node, mpPair, [
          'params:',
          "  'match[]':",
          `    - '${DEFAULT_MATCH}'`,
        ]);
        ctx.report({
          src: job.src,
          node: mpPair,
          message,
          ...(edit ? { fix: { title, edits: [{ file: job.src.file, ...edit }] } } : {}),
        });
        continue;
      }
      const matchNode = getNode(paramsPair.value, 'match[]');
      ctx.report({
        src: job.src,
        node: paramsPair,
        at: 'key',
        message,
        ...(matchNode
          ? {
              fix: {
                title,
                edits: [
                  {
                    file: job.src.file,
                    range: ctx.rangeOf(job.src, matchNode),
                    newText: `['${DEFAULT_MATCH}']`,
                  },
                ],
              },
            }
          : {}),
      });
    }
  },
};
