import { inSourceOrder } from '../order.js';
import type { Rule } from '../types.js';
import { resolvePath } from '../yaml-util.js';

/** A multi-cluster Istio install without a network name is assumed to be on a flat network with the others. */
export const rule: Rule = {
  id: 'mesh-network-missing',
  severity: 'warning',
  description:
    'An IstioOperator sets values.global.multiCluster.clusterName without values.global.network, or a network meshNetworks does not list.',
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
    // Where meshNetworks is declared, every cluster's network should be one of its entries.
    const declaring = inSourceOrder(ctx.model.istioOperators).filter((io) => io.meshNetworks !== undefined);
    const first = declaring[0];
    if (!first) return;
    const names = new Set(declaring.flatMap((io) => io.meshNetworks!.map((n) => n.name)));
    const at = `${first.src.file}:${ctx.rangeOf(first.src, first.meshNetworks![0]?.node ?? null, 'key').start.line}`;
    for (const io of ctx.model.istioOperators) {
      if (!io.clusterName || io.network === undefined || io.network === '' || names.has(io.network)) continue;
      const r = resolvePath(io.src.doc.contents, ['spec', 'values', 'global', 'network']);
      ctx.report({
        src: io.src,
        node: r.lastPair ?? io.clusterName.node,
        at: 'value',
        message: `network "${io.network}" of cluster "${io.clusterName.name}" is not in values.global.meshNetworks (${at}), so other networks reach its endpoints only through a gateway labelled topology.istio.io/network=${io.network}; add meshNetworks.${io.network} with its endpoints (fromRegistry: ${io.clusterName.name}) and gateways.`,
      });
    }
  },
};
