import { getNode } from '../yaml-util.js';
import type { Rule } from '../types.js';
import { isUnset } from './_settings.js';

/** Failing over inside one region does not survive that region's outage. */
export const rule: Rule = {
  id: 'failover-needs-regions',
  severity: 'error',
  description: 'A failover traffic-routing strategy needs clusters in at least two distinct regions.',
  docs: 'docs/rules/failover-needs-regions.md',
  check(ctx) {
    for (const topo of ctx.model.topologies) {
      const tr = topo.trafficRouting;
      if (!tr) continue;
      const strategyFailover = /failover/i.test(tr.strategy ?? '');
      const failoverSet = !isUnset(tr.failover);
      if (!strategyFailover && !failoverSet) continue;
      // Regions of every declared cluster: a fleet's topology may be split over several files.
      const regions = new Set(
        ctx.model.clusters.flatMap((c) => (c.region ? [c.region.trim().toLowerCase()] : [])),
      );
      if (regions.size >= 2) continue;
      const at = failoverSet ? getNode(tr.node, 'failover') : getNode(tr.node, 'strategy');
      const what = failoverSet ? `failover "${tr.failover}"` : `strategy "${tr.strategy}"`;
      ctx.report({
        src: topo.src,
        node: at ?? tr.node,
        message: `traffic routing ${what} needs clusters in at least two regions, but the declared clusters have ${
          regions.size === 0 ? 'no cluster with a region' : `only region ${[...regions][0]}`
        }`,
      });
    }
  },
};
