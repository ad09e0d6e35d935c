import type { Scalar } from 'yaml';
import type { ClusterRef, Rule } from '../types.js';

const WHERE: Record<ClusterRef['via'], string> = {
  pipeline: 'pipeline stage',
  'kubefed-placement': 'KubeFed placement',
  'kubefed-override': 'KubeFed override clusterName',
  istio: 'Istio multiCluster.clusterName',
  prometheus: 'Prometheus `cluster` label',
  vpc: 'VPC',
};

/** Keeps the scalar's quoting style when replacing its text. */
export function quoteLike(node: Scalar, text: string): string {
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(text);
  if (node.type === 'QUOTE_SINGLE') return `'${text.replace(/'/g, "''")}'`;
  return text;
}

/** A reference to a cluster that no topology declares: a typo, or a cluster that was removed. */
export const rule: Rule = {
  id: 'unknown-cluster',
  severity: 'error',
  description:
    'A pipeline stage, KubeFed placement/override, Istio clusterName or Prometheus cluster label names an undeclared cluster.',
  docs: 'docs/rules/unknown-cluster.md',
  check(ctx) {
    const { model } = ctx;
    if (!model.hasTopology) return; // nothing to resolve against
    const names = [...model.clustersByName.keys()];
    for (const ref of model.clusterRefs) {
      if (ref.via === 'vpc' || model.clustersByName.has(ref.name)) continue;
      const s = ctx.suggest(ref.name, names);
      const range = ctx.rangeOf(ref.src, ref.node);
      ctx.report({
        src: ref.src,
        node: ref.node,
        message: `${WHERE[ref.via]} names cluster "${ref.name}", which no topology declares${s ? ` (did you mean "${s}"?)` : ''}`,
        ...(s
          ? {
              fix: {
                title: `Replace with "${s}"`,
                edits: [{ file: ref.src.file, range, newText: quoteLike(ref.node, s) }],
              },
            }
          : {}),
      });
    }
  },
};
