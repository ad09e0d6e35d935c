import type { Rule } from '../types.js';
import { pairOf } from '../yaml-util.js';

/** KubeFed only propagates to placed clusters: an override for any other cluster never applies. */
export const rule: Rule = {
  id: 'override-not-placed',
  severity: 'warning',
  description: 'A KubeFed override names a cluster that is not in placement.clusters.',
  docs: 'docs/rules/override-not-placed.md',
  check(ctx) {
    for (const k of ctx.model.kubefed) {
      if (!pairOf(k.placementNode, 'clusters')) continue; // clusterSelector or no placement: unknown set
      const placed = [...new Set(k.placement.map((r) => r.name))];
      for (const o of k.overrides) {
        const ref = o.clusterName;
        if (!ref || placed.includes(ref.name)) continue;
        const alt = ctx.suggest(ref.name, placed);
        const fix = alt
          ? `did you mean "${alt}"? Otherwise add the cluster to placement.clusters or remove the override`
          : 'add the cluster to placement.clusters or remove the override';
        ctx.report({
          src: k.src,
          node: ref.node,
          message: `override for cluster "${ref.name}" never applies: it is not in placement.clusters (${placed.join(', ') || 'empty'}); ${fix}.`,
        });
      }
    }
  },
};
