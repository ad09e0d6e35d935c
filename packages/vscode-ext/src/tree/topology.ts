/** The clusters a workspace topology declares (for grouping the Clusters view). Pure. */
import { buildModel, parseFile } from '@kubectl-mc/core';
import type { TopologyCluster } from './model.js';

export function topologyClusters(files: readonly { path: string; text: string }[]): TopologyCluster[] {
  const parsed = files.filter((f) => f.text.includes('topology')).map((f) => parseFile(f, 10 * 1024 * 1024));
  const docs = parsed.flatMap((p) => p.docs).filter((d) => d.kind === 'topology');
  if (docs.length === 0) return [];
  const model = buildModel(docs, []);
  return model.clusters.map((c) => ({
    name: c.name,
    context: c.context,
    file: c.src.file,
    line: c.nameNode?.range ? c.src.lineCounter.linePos(c.nameNode.range[0]).line : 1,
    ...(c.region !== undefined ? { region: String(c.region) } : {}),
    ...(c.environment !== undefined ? { environment: String(c.environment) } : {}),
  }));
}
