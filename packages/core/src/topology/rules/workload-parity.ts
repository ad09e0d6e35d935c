import { getNode } from '../yaml-util.js';
import type { ClusterDecl, Rule } from '../types.js';

/** Strategies that send a region's traffic to another region's cluster. */
const INTERCHANGEABLE = /geo|proximity|failover|latency|round[-_ ]?robin|active[-_ ]?active|anycast|nearest/i;

const key = (c: ClusterDecl) => [...new Set(c.workloads)].sort().join(',');

/** Traffic routed to another region must find the same workloads there. */
export const rule: Rule = {
  id: 'workload-parity',
  severity: 'warning',
  description:
    'Production clusters in different regions run different workloads while traffic routing treats them as interchangeable.',
  docs: 'docs/rules/workload-parity.md',
  check(ctx) {
    for (const topo of ctx.model.topologies) {
      const tr = topo.trafficRouting;
      if (!tr) continue;
      const routing = [tr.strategy, tr.failover]
        .filter((s): s is string => !!s)
        .find((s) => INTERCHANGEABLE.test(s));
      if (!routing) continue;
      const prod = topo.clusters.filter((c) => c.production && c.region && c.workloads.length > 0);
      if (new Set(prod.map((c) => c.region)).size < 2) continue;
      // The most common workload set is the reference; clusters that differ are reported.
      const counts = new Map<string, ClusterDecl[]>();
      for (const c of prod) counts.set(key(c), [...(counts.get(key(c)) ?? []), c]);
      if (counts.size < 2) continue;
      const [refKey, refClusters] = [...counts.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
      const ref = refClusters[0]!;
      const refSet = new Set(refKey.split(','));
      for (const c of prod) {
        if (key(c) === refKey) continue;
        const mine = new Set(c.workloads);
        const missing = [...refSet].filter((w) => !mine.has(w));
        const extra = [...mine].filter((w) => !refSet.has(w));
        const parts = [
          missing.length ? `lacks ${missing.join(', ')}` : '',
          extra.length ? `also runs ${extra.join(', ')}` : '',
        ].filter(Boolean);
        ctx.report({
          src: c.src,
          node: getNode(c.node, 'workloads') ?? c.nameNode ?? c.node,
          message: `production cluster "${c.name}" (${c.region}) ${parts.join(' and ')} compared with "${ref.name}" (${ref.region}), yet traffic routing "${routing}" sends traffic between them`,
          related: [
            {
              src: ref.src,
              node: getNode(ref.node, 'workloads') ?? ref.node,
              message: `workloads of ${ref.name}`,
            },
          ],
        });
      }
    }
  },
};
