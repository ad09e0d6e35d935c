import type { Rule } from '../types.js';
import { resolvePath } from '../yaml-util.js';

/** A multi-cluster Istio install without a network name is assumed to be on a flat network with the others. */
export const rule: Rule = {
  id: 'mesh-network-missing',
  severity: 'warning',
  description: 'An IstioOperator sets values.global.multiCluster.clusterName without values.global.network.',
  docs: 'docs/rules/mesh-network-missing.md',
  check(ctx) {
    for (const io of ctx.model.istioOperators) {
      if (!io.clusterName || (io.network !== undefined && io.network !== '')) continue;
      const r = resolvePath(io.src.doc.contents, ['spec', 'values', 'global', 'multiCluster', 'clusterName']);
      ctx.report({
        src: io.src,
        node: r.lastPair ?? io.clusterName.node,
        at: 'key',
        message: `cluster "${io.clusterName.name}" joins a multi-cluster mesh but values.global.network is not set, so Istio assumes a flat network and sends cross-cluster traffic to unroutable pod IPs; add values.global.network (e.g. ${io.clusterName.name}-network).`,
      });
    }
  },
};
