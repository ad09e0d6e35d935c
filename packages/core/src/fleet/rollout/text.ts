/**
 * The text of the rollout verbs that change a workload (restart, pause, resume, undo), as
 * `kubectl mc rollout …` prints it and the editor shows it: the plan table (CLUSTER first) and the
 * question. Everything a cluster sent is escaped.
 */
import { escapeTerminal } from '../../util/index.js';
import { alignRows } from '../apply/text.js';
import type { RolloutAction, RolloutPlanItem } from './change.js';

/** CLUSTER, OBJECT, NAMESPACE, CHANGE: what each cluster would get, or why nothing. */
export function rolloutPlanTable(items: RolloutPlanItem[]): string {
  const rows = [['CLUSTER', 'OBJECT', 'NAMESPACE', 'CHANGE']];
  for (const i of items)
    rows.push([
      escapeTerminal(i.context),
      escapeTerminal(i.ref),
      escapeTerminal(i.namespace ?? ''),
      escapeTerminal(i.change ?? `unchanged (${i.note ?? 'nothing to do'})`),
    ]);
  return alignRows(rows);
}

const ACTION_WORD: Record<RolloutAction, string> = {
  restart: 'Restart',
  pause: 'Pause',
  resume: 'Resume',
  undo: 'Roll back',
};

/** `Restart deployment.apps/payment on 3 clusters (a, b, c)?` */
export function rolloutQuestion(action: RolloutAction, ref: string, contexts: string[]): string {
  const n = contexts.length === 1 ? '1 cluster' : `${contexts.length} clusters`;
  return `${ACTION_WORD[action]} ${escapeTerminal(ref)} on ${n} (${contexts.map(escapeTerminal).join(', ')})?`;
}
