import type { Node } from 'yaml';
import { inSourceOrder } from '../order.js';
import type { Rule, SourceDoc } from '../types.js';
import { getNode } from '../yaml-util.js';
import { parseCidr } from './_helpers-l2.js';
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
    // Blocks in canonical document order: "the earliest" colliding block never depends on the input order.
    for (const c of inSourceOrder(ctx.model.clusters)) {
      for (const field of ['cidr', 'pod_cidr', 'service_cidr']) {
        const node = getNode(c.node, field);
        const text = typeof c.value[field] === 'string' ? c.value[field] : undefined;
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
    for (const n of inSourceOrder(ctx.model.networking)) {
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
    // Sweep in address order (two CIDRs overlap exactly when one contains the other), keeping for each
    // block the earliest block in document order it collides with; O(n log n) for disjoint fleets.
    const bits = (b: Block) => (b.cidr.family === 4 ? 32 : 128);
    const span = blocks.map((b, index) => {
      const size = 1n << BigInt(bits(b) - b.cidr.prefix);
      return { b, index, start: b.cidr.base, end: b.cidr.base + size - 1n };
    });
    span.sort(
      (x, y) => x.b.cidr.family - y.b.cidr.family || (x.start < y.start ? -1 : x.start > y.start ? 1 : 0),
    );
    const partner = new Map<number, number>(); // later block index → earliest colliding block index
    let open: typeof span = [];
    for (const cur of span) {
      open = open.filter((o) => o.b.cidr.family === cur.b.cidr.family && o.end >= cur.start);
      for (const o of open) {
        if (allowed(o.b, cur.b)) continue;
        const [early, late] = o.index < cur.index ? [o.index, cur.index] : [cur.index, o.index];
        const known = partner.get(late);
        if (known === undefined || early < known) partner.set(late, early);
      }
      open.push(cur);
    }
    for (const [late, early] of [...partner].sort((x, y) => x[0] - y[0])) {
      const a = blocks[early]!;
      const b = blocks[late]!;
      const line = ctx.rangeOf(a.src, a.node).start.line;
      ctx.report({
        src: b.src,
        node: b.node,
        message: `${describe(b)} overlaps ${describe(a)} (${a.src.file}:${line}), so routes between them are ambiguous; give each its own address range.`,
        related: [{ src: a.src, node: a.node, message: `overlapping ${describe(a)}` }],
      });
    }
  },
};
