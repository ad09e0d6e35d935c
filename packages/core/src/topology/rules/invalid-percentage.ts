import { isScalar } from 'yaml';
import type { Pair } from 'yaml';
import { valueText } from '../../util/text.js';
import type { Rule } from '../types.js';
import { pairOf } from '../yaml-util.js';
import { parsePercentage, stageLabel } from './_helpers-l2.js';

/** `traffic` and `error_rate_threshold` must be percentages with a `%` sign, within 0–100 %. */
export const rule: Rule = {
  id: 'invalid-percentage',
  severity: 'error',
  description:
    'A pipeline traffic share or error-rate threshold is not a percentage like 5% or 0.1% within 0-100%.',
  docs: 'docs/rules/invalid-percentage.md',
  check(ctx) {
    for (const p of ctx.model.pipelines) {
      for (const stage of p.stages) {
        const checks: [string, Pair | undefined][] = [
          ['traffic', pairOf(stage.node, 'traffic')],
          ['validation.error_rate_threshold', pairOf(stage.validation, 'error_rate_threshold')],
        ];
        for (const [label, pair] of checks) {
          if (!pair) continue;
          const v = pair.value;
          let problem: string | undefined;
          if (!isScalar(v) || v.value === null || v.value === undefined || v.value === '') {
            problem = 'is empty or not a single value; write a percentage such as 5%';
          } else if (typeof v.value === 'number') {
            const src = String(v.source ?? v.value);
            problem = `is the bare number ${src}, which could be a ratio or a percent; write it with a % sign (e.g. ${src}%)`;
          } else if (typeof v.value !== 'string') {
            problem = `"${valueText(v.value)}" is not a percentage; write a number between 0 and 100 followed by % (e.g. 5%)`;
          } else {
            const n = parsePercentage(v.value);
            if (n === undefined) {
              problem = `"${v.value}" is not a percentage; write a number between 0 and 100 followed by % (e.g. 5%)`;
            } else if (n < 0 || n > 100) {
              problem = `${v.value} is outside 0-100%; use a share between 0% and 100%`;
            }
          }
          if (problem === undefined) continue;
          ctx.report({
            src: p.src,
            node: pair,
            at: isScalar(v) && v.value !== null ? 'value' : 'key',
            message: `${stageLabel(stage)}: ${label} ${problem}.`,
          });
        }
      }
    }
  },
};
