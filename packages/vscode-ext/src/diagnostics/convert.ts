/**
 * Pure conversion of the topology linter's diagnostics (1-based lines and columns, file paths) into the
 * shapes the editor needs (0-based positions, grouped by file). No `vscode` import: unit-tested in Node.
 */
import type { Diagnostic, Range } from '@kubectl-mc/core';

/** 0-based, end exclusive, as `vscode.Range`. */
export interface ZeroRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/** The numeric values of `vscode.DiagnosticSeverity`. */
export const SEVERITY = { error: 0, warning: 1, info: 2 } as const;

export interface EditorEdit {
  file: string;
  range: ZeroRange;
  newText: string;
}

export interface EditorDiagnostic {
  rule: string;
  severity: 0 | 1 | 2;
  message: string;
  range: ZeroRange;
  /** The rule's page, relative to the repository root (`docs/rules/<id>.md`). */
  docs: string;
  related: { file: string; range: ZeroRange; message: string }[];
  fix?: { title: string; edits: EditorEdit[] };
}

export function toZeroRange(r: Range): ZeroRange {
  const startLine = Math.max(0, r.start.line - 1);
  const startCharacter = Math.max(0, r.start.column - 1);
  let endLine = Math.max(0, r.end.line - 1);
  let endCharacter = Math.max(0, r.end.column - 1);
  // Never hand the editor an inverted range.
  if (endLine < startLine || (endLine === startLine && endCharacter < startCharacter)) {
    endLine = startLine;
    endCharacter = startCharacter;
  }
  return { startLine, startCharacter, endLine, endCharacter };
}

export function toEditorDiagnostic(
  d: Diagnostic,
  docsOf?: (rule: string) => string | undefined,
): EditorDiagnostic {
  const out: EditorDiagnostic = {
    rule: d.rule,
    severity: SEVERITY[d.severity] ?? SEVERITY.warning,
    message: d.message,
    range: toZeroRange(d.range),
    docs: docsOf?.(d.rule) ?? `docs/rules/${d.rule}.md`,
    related: (d.related ?? []).map((r) => ({
      file: r.file,
      range: toZeroRange(r.range),
      message: r.message,
    })),
  };
  if (d.fix && d.fix.edits.length > 0) {
    out.fix = {
      title: d.fix.title,
      edits: d.fix.edits.map((e) => ({ file: e.file, range: toZeroRange(e.range), newText: e.newText })),
    };
  }
  return out;
}

/** Diagnostics grouped by file, in the linter's order. */
export function groupByFile(
  diags: readonly Diagnostic[],
  docsOf?: (rule: string) => string | undefined,
): Map<string, EditorDiagnostic[]> {
  const byFile = new Map<string, EditorDiagnostic[]>();
  for (const d of diags) {
    const list = byFile.get(d.file) ?? [];
    list.push(toEditorDiagnostic(d, docsOf));
    byFile.set(d.file, list);
  }
  return byFile;
}

/** Do two 0-based ranges overlap or touch (a cursor at a diagnostic's end still offers its fix)? */
export function rangesTouch(a: ZeroRange, b: ZeroRange): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 < c2);
  return (
    !before(a.endLine, a.endCharacter, b.startLine, b.startCharacter) &&
    !before(b.endLine, b.endCharacter, a.startLine, a.startCharacter)
  );
}
