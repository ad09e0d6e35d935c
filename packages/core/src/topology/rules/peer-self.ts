import type { Rule } from '../types.js';
import { getNode } from '../yaml-util.js';

/** A VPC cannot be peered with itself: the entry is a copy-paste mistake and the intended peering is missing. */
export const rule: Rule = {
  id: 'peer-self',
  severity: 'error',
  description: 'A VPC peering has the same VPC as source and destination.',
  docs: 'docs/rules/peer-self.md',
  check(ctx) {
    for (const n of ctx.model.networking) {
      for (const peer of n.peers) {
        if (peer.source === undefined || peer.source === '' || peer.source !== peer.destination) continue;
        ctx.report({
          src: n.src,
          node: getNode(peer.node, 'destination') ?? peer.node,
          message: `VPC peering ${peer.index + 1} connects "${peer.source}" with itself; set destination to the other VPC of the peering.`,
        });
      }
    }
  },
};
