/**
 * The text of a mutating verb (delete, scale, label, annotate), as `kubectl mc delete …` prints it and the
 * editor shows it: the plan and result tables (CLUSTER first) and the one question. Everything a cluster
 * sent is escaped.
 */
import { escapeTerminal } from '../../util/index.js';
import { alignRows } from '../apply/text.js';
import type { Changed, PlanRow } from './plan.js';

/** CLUSTER, OBJECT, NAMESPACE, ACTION: what each cluster would get (or why not). */
export function mutationPlanTable(plans: [string, PlanRow[]][]): string {
  const rows = [['CLUSTER', 'OBJECT', 'NAMESPACE', 'ACTION']];
  for (const [ctx, items] of plans) {
    for (const r of items) {
      const what = r.error
        ? `error: ${r.error.reason ?? r.error.kind}`
        : [r.action, r.note ? `(${r.note})` : ''].filter(Boolean).join(' ');
      rows.push([
        escapeTerminal(ctx),
        escapeTerminal(r.target.ref),
        escapeTerminal(r.target.namespace ?? ''),
        escapeTerminal(what),
      ]);
    }
  }
  return alignRows(rows);
}

/** CLUSTER, OBJECT, NAMESPACE, RESULT: each object's outcome. */
export function mutationResultTable(results: [string, Changed[]][]): string {
  const rows = [['CLUSTER', 'OBJECT', 'NAMESPACE', 'RESULT']];
  for (const [ctx, changed] of results) {
    for (const c of changed) {
      rows.push([
        escapeTerminal(ctx),
        escapeTerminal(c.row.target.ref),
        escapeTerminal(c.row.target.namespace ?? ''),
        c.error ? `error: ${c.error.reason ?? c.error.kind}` : escapeTerminal(c.result ?? ''),
      ]);
    }
  }
  return alignRows(rows);
}

/** `Delete 3 objects on 2 clusters (a, b)?` */
export function mutationQuestion(verb: string, count: number, contexts: string[]): string {
  const o = count === 1 ? '1 object' : `${count} objects`;
  const n = contexts.length === 1 ? '1 cluster' : `${contexts.length} clusters`;
  return `${verb} ${o} on ${n} (${contexts.map(escapeTerminal).join(', ')})?`;
}
