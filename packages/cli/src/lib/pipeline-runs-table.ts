// `kubectl mc rollout runs`: the run records of a state directory as a table (ID PIPELINE STATUS STAGE
// CLUSTERS AGE MESSAGE), or as JSON, YAML or bare ids. Everything read from a record is escaped.
import type { RunRecord } from '@kubectl-mc/core/fleet';
import { escapeTerminal, humanDuration, oneLine } from '@kubectl-mc/core/util';
import { stringify } from 'yaml';
import { alignRows } from './apply-output.js';

export type RunsOutput = 'table' | 'json' | 'yaml' | 'name';

/** `2/3 deploy-canary`: the stage the run is in or stopped at (1-based). */
export function runStageText(r: RunRecord): string {
  const n = r.pipeline?.stages?.length ?? r.stages?.length ?? 0;
  const name = r.stages?.[r.stage]?.name ?? r.pipeline?.stages?.[r.stage]?.name ?? '';
  if (r.status === 'succeeded') return `${n}/${n} done`;
  return `${r.stage + 1}/${n}${name ? ` ${name}` : ''}`;
}

/** The distinct clusters of the pipeline. */
export function runClusterCount(r: RunRecord): number {
  return new Set((r.pipeline?.stages ?? []).flatMap((s) => s.clusters.map((c) => c.context))).size;
}

export function runsTable(records: readonly RunRecord[], now: number = Date.now()): string {
  const rows = [['ID', 'PIPELINE', 'STATUS', 'STAGE', 'CLUSTERS', 'AGE', 'MESSAGE']];
  for (const r of records) {
    const created = Date.parse(r.createdAt);
    rows.push([
      escapeTerminal(r.id),
      escapeTerminal(r.pipeline?.file ?? ''),
      escapeTerminal(r.status),
      escapeTerminal(runStageText(r)),
      String(runClusterCount(r)),
      Number.isFinite(created) ? humanDuration(now - created) : '<unknown>',
      oneLine(r.message ?? '', 120),
    ]);
  }
  return alignRows(rows);
}

/** The text `rollout runs -o OUTPUT` prints. */
export function runsText(
  records: readonly RunRecord[],
  output: RunsOutput,
  now: number = Date.now(),
): string {
  switch (output) {
    case 'json':
      return `${JSON.stringify(records, null, 2)}\n`;
    case 'yaml':
      return records.length ? stringify(records) : '[]\n';
    case 'name':
      return records.map((r) => `${escapeTerminal(r.id)}\n`).join('');
    case 'table':
      return records.length ? runsTable(records, now) : '';
  }
}
