import type { Rule } from '../types.js';
import { getNode } from '../yaml-util.js';

/** When VPCs are declared, every peering must name declared VPCs. */
export const rule: Rule = {
  id: 'unknown-vpc',
  severity: 'error',
  description: 'A VPC peering names a VPC that is not declared under vpcs:.',
  docs: 'docs/rules/unknown-vpc.md',
  check(ctx) {
    const declared = [...new Set(ctx.model.networking.flatMap((n) => n.vpcs.map((v) => v.name)))];
    if (declared.length === 0) return;
    for (const n of ctx.model.networking) {
      for (const peer of n.peers) {
        for (const side of ['source', 'destination'] as const) {
          const name = peer[side];
          if (name === undefined || name === '' || declared.includes(name)) continue;
          const alt = ctx.suggest(name, declared);
          ctx.report({
            src: n.src,
            node: getNode(peer.node, side) ?? peer.node,
            message: `VPC peering ${side} "${name}" is not declared under vpcs:; ${alt ? `did you mean "${alt}"? Otherwise ` : ''}correct the name or declare the VPC.`,
          });
        }
      }
    }
  },
};
