import { getNode } from '../yaml-util.js';
import type { Rule } from '../types.js';
import { isUnset } from './_settings.js';

const SPOT = /spot|preemptible/i;

/** Spot capacity is reclaimed with minutes of notice; work must survive it. */
export const rule: Rule = {
  id: 'spot-interruption',
  severity: 'warning',
  description:
    'A cluster on spot/preemptible nodes does not say how it handles interruptions (`interruption_handling`).',
  docs: 'docs/rules/spot-interruption.md',
  check(ctx) {
    for (const c of ctx.model.clusters) {
      const nt = c.nodeType;
      if (!nt || !SPOT.test(nt)) continue;
      if (!isUnset(c.interruptionHandling)) continue;
      ctx.report({
        src: c.src,
        node: getNode(c.node, 'node_type') ?? c.node,
        message: `cluster "${c.name}" runs on ${nt} nodes without interruption_handling (e.g. checkpoint-restart)`,
      });
    }
  },
};
