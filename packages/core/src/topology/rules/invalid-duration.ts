import { isScalar } from 'yaml';
import { valueText } from '../../util/text.js';
import type { Rule } from '../types.js';
import { pairOf } from '../yaml-util.js';
import { parseDuration, stageLabel } from './_helpers-l2.js';

const KEYS = ['latency_p99_threshold', 'duration'] as const;

/** Validation windows and latency thresholds must be durations with units (`500ms`, `15m`, `1h30m`). */
export const rule: Rule = {
  id: 'invalid-duration',
  severity: 'error',
  description:
    'A pipeline validation duration or latency threshold is not a duration like 500ms, 15m or 1h30m.',
  docs: 'docs/rules/invalid-duration.md',
  check(ctx) {
    for (const p of ctx.model.pipelines) {
      for (const stage of p.stages) {
        for (const key of KEYS) {
          const pair = pairOf(stage.validation, key);
          if (!pair) continue;
          const v = pair.value;
          const how =
            'write <number><unit> with units ms, s, m, h or d, largest first (e.g. 500ms, 15m, 1h30m)';
          let problem: string | undefined;
          if (!isScalar(v) || v.value === null || v.value === undefined || v.value === '') {
            problem = isScalar(v) || v === null ? 'is empty' : 'is not a single value';
          } else if (typeof v.value === 'number') {
            problem = `is the bare number ${String(v.source ?? v.value)} with no unit`;
          } else if (typeof v.value !== 'string' || parseDuration(v.value.trim()) === undefined) {
            problem = `"${valueText(v.value)}" is not a duration`;
          }
          if (problem === undefined) continue;
          ctx.report({
            src: p.src,
            node: pair,
            at: isScalar(v) && v.value !== null ? 'value' : 'key',
            message: `${stageLabel(stage)}: validation.${key} ${problem}; ${how}.`,
          });
        }
      }
    }
  },
};
