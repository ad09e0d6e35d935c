import type { Node, Pair } from 'yaml';
import { inSourceOrder } from '../order.js';
import type { IstioOperatorDecl, Rule, RuleContext } from '../types.js';
import { plainAt } from '../parse.js';
import { pairOf, resolvePath } from '../yaml-util.js';

const DEFAULT_TRUST_DOMAIN = 'cluster.local';

/** Where an operator's trust domain is (or would be) declared. */
function trustDomainAnchor(io: IstioOperatorDecl): { node: Node | Pair | null; at: 'key' | 'value' } {
  const root = io.src.doc.contents;
  const td = resolvePath(root, ['spec', 'meshConfig', 'trustDomain']);
  if (td.complete && td.lastPair) return { node: td.lastPair, at: 'value' };
  const mc = resolvePath(root, ['spec', 'meshConfig']);
  if (mc.complete && mc.lastPair) return { node: mc.lastPair, at: 'key' };
  return { node: pairOf(root, 'spec') ?? root, at: 'key' };
}

/** `meshConfig.trustDomainAliases` of an operator. */
function aliases(io: IstioOperatorDecl): string[] {
  const v = plainAt(io.src.value, 'spec', 'meshConfig', 'trustDomainAliases');
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * The operator the others are compared with: the first (by file path and document) of the trust domain
 * that the most clusters use, ties going to the domain seen first. One odd operator is then reported,
 * not every operator that agrees with each other, and the choice never depends on the input order.
 */
function reference(ops: readonly IstioOperatorDecl[]): IstioOperatorDecl | undefined {
  const clustersOf = new Map<string, Set<string>>();
  const firstOf = new Map<string, IstioOperatorDecl>();
  for (const io of ops) {
    const domain = io.trustDomain ?? DEFAULT_TRUST_DOMAIN;
    if (!firstOf.has(domain)) firstOf.set(domain, io);
    clustersOf.set(domain, (clustersOf.get(domain) ?? new Set()).add(io.clusterName!.name));
  }
  let best: string | undefined;
  for (const [domain, clusters] of clustersOf) {
    if (best === undefined || clusters.size > clustersOf.get(best)!.size) best = domain;
  }
  return best === undefined ? undefined : firstOf.get(best);
}

/** Every cluster of one mesh must share its trust domain, or mTLS between the clusters fails. */
export const rule: Rule = {
  id: 'trust-domain-mismatch',
  severity: 'error',
  description: 'IstioOperators of different clusters declare different meshConfig.trustDomain.',
  docs: 'docs/rules/trust-domain-mismatch.md',
  check(ctx) {
    const all = inSourceOrder(ctx.model.istioOperators.filter((io) => io.clusterName !== undefined));
    // Clusters of different meshes (values.global.meshID) keep their own trust domains; operators
    // without a meshID are compared with each other.
    const meshes = new Map<string, IstioOperatorDecl[]>();
    for (const io of all) {
      const list = meshes.get(io.meshID ?? '');
      if (list) list.push(io);
      else meshes.set(io.meshID ?? '', [io]);
    }
    for (const ops of meshes.values()) checkMesh(ctx, ops);
  },
};

function checkMesh(ctx: RuleContext, ops: IstioOperatorDecl[]): void {
  const ref = reference(ops);
  if (!ref) return;
  const refDomain = ref.trustDomain ?? DEFAULT_TRUST_DOMAIN;
  const refCluster = ref.clusterName!.name;
  const refAnchor = trustDomainAnchor(ref);
  for (const io of ops) {
    const cluster = io.clusterName!.name;
    if (io === ref || cluster === refCluster) continue;
    const domain = io.trustDomain ?? DEFAULT_TRUST_DOMAIN;
    if (domain === refDomain) continue;
    // Domains each side accepts through meshConfig.trustDomainAliases are a deliberate migration, not a mismatch.
    if (aliases(io).includes(refDomain) && aliases(ref).includes(domain)) continue;
    const anchor = trustDomainAnchor(io);
    const own =
      io.trustDomain !== undefined
        ? `"${domain}"`
        : `"${domain}" (Istio's default: no meshConfig.trustDomain)`;
    const line = ctx.rangeOf(ref.src, refAnchor.node, refAnchor.at).start.line;
    ctx.report({
      src: io.src,
      node: anchor.node,
      at: anchor.at,
      message: `trust domain ${own} of cluster "${cluster}" differs from "${refDomain}" of cluster "${refCluster}" (${ref.src.file}:${line}), so mTLS between them fails; use one trust domain for the whole mesh.`,
      related: [
        {
          src: ref.src,
          node: refAnchor.node,
          message: `trust domain "${refDomain}" of cluster "${refCluster}"`,
        },
      ],
    });
  }
}
