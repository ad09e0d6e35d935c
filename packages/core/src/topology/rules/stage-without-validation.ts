import type { Rule } from '../types.js';
import { pairOf } from '../yaml-util.js';
import { stageLabel } from './_helpers-l2.js';

/** A stage without validation promotes a release whatever its error rate. */
export const rule: Rule = {
  id: 'stage-without-validation',
  severity: 'warning',
  description:
    'A pipeline stage has no validation (no error-rate or latency threshold) before the rollout proceeds.',
  docs: 'docs/rules/stage-without-validation.md',
  check(ctx) {
    for (const p of ctx.model.pipelines) {
      for (const stage of p.stages) {
        const label = stageLabel(stage);
        const vPair = pairOf(stage.node, 'validation');
        if (!vPair) {
          ctx.report({
            src: p.src,
            node: pairOf(stage.node, 'name') ?? stage.node,
            at: 'key',
            message: `${label} has no validation, so the rollout proceeds whatever the error rate; add validation: with error_rate_threshold (or latency_p99_threshold) and duration.`,
          });
          continue;
        }
        const v = stage.validation;
        if (v && (pairOf(v, 'error_rate_threshold') || pairOf(v, 'latency_p99_threshold'))) continue;
        ctx.report({
          src: p.src,
          node: vPair,
          at: 'key',
          message: `${label}: validation has no error_rate_threshold or latency_p99_threshold, so it checks nothing; add at least one threshold.`,
        });
      }
    }
  },
};
