import { readFile } from 'node:fs/promises';
import { buildModel, escapeTerminal, parseFile, UsageError } from '@kubectl-mc/core';
import type { ClusterMeta } from './state.js';

/**
 * Region and environment of each selected context from a topology file (the linter's model): a cluster
 * matches by its `context` (default: its name). `purpose` stands in for a missing `environment`.
 */
export async function clusterMeta(contexts: string[], topologyFile?: string): Promise<ClusterMeta[]> {
  if (topologyFile === undefined) return contexts.map((name) => ({ name }));
  let text: string;
  try {
    text = await readFile(topologyFile, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read --topology ${topologyFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  const parsed = parseFile({ path: topologyFile, text });
  const model = buildModel(parsed.docs, parsed.problems);
  const byContext = new Map<string, { region?: string; environment?: string }>();
  for (const c of model.clusters) {
    const env = c.environment ?? c.purpose;
    const meta = {
      ...(c.region !== undefined ? { region: escapeTerminal(c.region) } : {}),
      ...(env !== undefined ? { environment: escapeTerminal(env) } : {}),
    };
    if (!byContext.has(c.context)) byContext.set(c.context, meta);
    if (!byContext.has(c.name)) byContext.set(c.name, meta);
  }
  return contexts.map((name) => ({ name, ...byContext.get(name) }));
}
