import type { Node } from 'yaml';
import type { Rule, SourceDoc } from '../types.js';
import { getNode } from '../yaml-util.js';
import { cidrsOverlap, parseCidr } from './_helpers-l2.js';
import type { Cidr } from './_helpers-l2.js';

interface Block {
  kind: 'cluster' | 'vpc';
  owner: string;
  field: string;
  text: string;
  cidr: Cidr;
  src: SourceDoc;
  node: Node;
  /** For clusters: the VPC it names; for VPCs: the cluster it names. */
  link?: string;
}

const describe = (b: Block) => `${b.field} ${b.text} of ${b.kind} "${b.owner}"`;

/** Whether two blocks may legitimately overlap. */
function allowed(a: Block, b: Block): boolean {
  if (a.kind === 'cluster' && b.kind === 'cluster' && a.owner === b.owner) {
    // Pods may take addresses of the node/VPC range; the service range must stay apart from both.
    return (a.field === 'service_cidr') === (b.field === 'service_cidr');
  }
  if (a.kind === 'vpc' && b.kind === 'vpc' && a.owner === b.owner) return true;
  if (a.kind !== b.kind) {
    const c = a.kind === 'cluster' ? a : b;
    const v = a.kind === 'vpc' ? a : b;
    if (v.link === c.owner || c.link === v.owner) return true; // a cluster inside its own VPC
  }
  return false;
}

/** Overlapping address ranges make routes between clusters and VPCs ambiguous. */
export const rule: Rule = {
  id: 'cidr-overlap',
  severity: 'error',
  description: 'CIDR ranges of two clusters or VPCs (cidr, pod_cidr, service_cidr, vpcs) overlap.',
  docs: 'docs/rules/cidr-overlap.md',
  check(ctx) {
    const blocks: Block[] = [];
    for (const c of ctx.model.clusters) {
      for (const field of ['cidr', 'pod_cidr', 'service_cidr']) {
        const node = getNode(c.node, field);
        const text = typeof c.value[field] === 'string' ? (c.value[field] as string) : undefined;
        const cidr = text !== undefined ? parseCidr(text) : undefined;
        if (!node || text === undefined || !cidr) continue;
        blocks.push({
          kind: 'cluster',
          owner: c.name,
          field,
          text,
          cidr,
          src: c.src,
          node,
          ...(c.vpc ? { link: c.vpc } : {}),
        });
      }
    }
    for (const n of ctx.model.networking) {
      for (const v of n.vpcs) {
        const node = getNode(v.pair.value, 'cidr');
        const cidr = v.cidr !== undefined ? parseCidr(v.cidr) : undefined;
        if (!node || v.cidr === undefined || !cidr) continue;
        blocks.push({
          kind: 'vpc',
          owner: v.name,
          field: 'cidr',
          text: v.cidr,
          cidr,
          src: v.src,
          node,
          ...(v.cluster ? { link: v.cluster } : {}),
        });
      }
    }
    for (let i = 1; i < blocks.length; i++) {
      const b = blocks[i]!;
      for (let j = 0; j < i; j++) {
        const a = blocks[j]!;
        if (!cidrsOverlap(a.cidr, b.cidr) || allowed(a, b)) continue;
        const line = ctx.rangeOf(a.src, a.node).start.line;
        ctx.report({
          src: b.src,
          node: b.node,
          message: `${describe(b)} overlaps ${describe(a)} (${a.src.file}:${line}), so routes between them are ambiguous; give each its own address range.`,
          related: [{ src: a.src, node: a.node, message: `overlapping ${describe(a)}` }],
        });
        break; // one finding per block: the first range it collides with
      }
    }
  },
};
