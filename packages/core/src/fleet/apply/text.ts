/**
 * The text of an apply, as `kubectl mc apply` prints it and the editor shows it: the plan and result
 * tables (CLUSTER first), one line per failed object, the question. Everything a cluster sent is escaped.
 */
import type { ClusterError } from '../../errors.js';
import { escapeTerminal } from '../../util/index.js';
import type { PlanItem } from './plan.js';
import type { Applied } from './run.js';

/** Columns aligned with three spaces between them, as kubectl's tables. */
export function alignRows(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('   ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

const MAX_FIELDS = 8;

function fieldsText(fields: string[]): string {
  const shown = fields.slice(0, MAX_FIELDS).join(', ');
  return fields.length > MAX_FIELDS ? `${shown}, … (${fields.length - MAX_FIELDS} more)` : shown;
}

/** One line for a failed object: `Conflict: Apply failed with 1 conflict: …`, every conflict named. */
export function itemErrorText(e: ClusterError): string {
  const conflicts = (e.causes ?? []).filter((c) => c.type === 'FieldManagerConflict');
  if (e.status === 409 && conflicts.length > 1) {
    const list = conflicts.map((c) => `${c.message ?? ''}: ${c.field ?? ''}`).join('; ');
    return escapeTerminal(`Conflict: Apply failed with ${conflicts.length} conflicts: ${list}`);
  }
  return escapeTerminal(`${e.reason ?? e.kind}: ${e.message}`);
}

export function planRows(plans: [string, PlanItem[]][]): string {
  const rows = [['CLUSTER', 'OBJECT', 'NAMESPACE', 'RESULT', 'CHANGES']];
  for (const [context, items] of plans) {
    for (const i of items) {
      rows.push([
        escapeTerminal(context),
        escapeTerminal(i.ref),
        escapeTerminal(i.namespace ?? ''),
        i.error ? `error: ${i.error.reason ?? i.error.kind}` : (i.result ?? ''),
        i.error ? '' : escapeTerminal(fieldsText(i.fields)),
      ]);
    }
  }
  return alignRows(rows);
}

export function resultRows(results: [string, Applied[]][]): string {
  const rows = [['CLUSTER', 'OBJECT', 'NAMESPACE', 'RESULT']];
  for (const [context, applied] of results) {
    for (const a of applied) {
      rows.push([
        escapeTerminal(context),
        escapeTerminal(a.item.ref),
        escapeTerminal(a.item.namespace ?? ''),
        a.error ? `error: ${a.error.reason ?? a.error.kind}` : (a.result ?? ''),
      ]);
    }
  }
  return alignRows(rows);
}

/** `Apply 7 changes to 4 clusters (a, b, c, d)?` */
export function questionText(changes: number, contexts: string[]): string {
  const c = changes === 1 ? '1 change' : `${changes} changes`;
  const n = contexts.length === 1 ? '1 cluster' : `${contexts.length} clusters`;
  return `Apply ${c} to ${n} (${contexts.map(escapeTerminal).join(', ')})?`;
}
