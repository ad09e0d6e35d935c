/** The engine: parse every file, build one model, run the rules, turn their reports into diagnostics. */
import type { Node, Pair } from 'yaml';
import { buildModel } from './model.js';
import { firstPath } from './order.js';
import { DEFAULT_MAX_FILE_BYTES, parseFile } from './parse.js';
import type { ParsedFile } from './parse.js';
import { rules as registry } from './rules/index.js';
import { suggest } from './suggest.js';
import type {
  Diagnostic,
  LintFile,
  LintOptions,
  Range,
  ReportInput,
  Rule,
  RuleContext,
  Severity,
  SourceDoc,
  TopologyModel,
} from './types.js';
import { nodeOffsets, offsetsToRange, resolvePath } from './yaml-util.js';

const START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export function rangeOf(
  src: SourceDoc,
  node: Node | Pair | null | undefined,
  at: 'key' | 'value' = 'value',
): Range {
  const off = nodeOffsets(node, at);
  if (!off) return START;
  return offsetsToRange(src.lineCounter, off[0], off[1]);
}

function rangeForReport(d: ReportInput): Range {
  if (d.range) return d.range;
  const src = d.src;
  if (!src) return START;
  const base = d.node === undefined || d.node === null ? (src.doc.contents as Node | null) : d.node;
  if (!d.path || d.path.length === 0) return rangeOf(src, base, d.at);
  const r = resolvePath(base, d.path);
  if (r.complete) return rangeOf(src, r.node, d.at ?? 'value');
  // Incomplete path: the deepest existing node; its key when it is a pair.
  return rangeOf(src, r.node, 'key');
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/**
 * Lint files (each possibly multi-document) together: cluster references resolve across all of them.
 * Never throws for any input; returns diagnostics sorted by file, line and column.
 */
export function lintDocuments(files: LintFile[], options: LintOptions = {}): Diagnostic[] {
  return lintReport(files, options).diagnostics;
}

/** How many documents of a file the linter read (topology, KubeFed, Istio, CoreDNS, Prometheus…). */
export interface FileDocuments {
  file: string;
  documents: number;
}

export interface LintReport {
  diagnostics: Diagnostic[];
  /** Every file, in input order, with the number of its documents the rules read. */
  files: FileDocuments[];
  /** The model the rules read (pipelines, clusters…), for callers that act on what was linted. */
  model: TopologyModel;
}

/** `lintDocuments`, also saying which files held documents the linter reads (none: nothing was checked). */
export function lintReport(files: LintFile[], options: LintOptions = {}): LintReport {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const parsed: ParsedFile[] = files.map((f) => parseFile(f, maxBytes));
  const model = buildModel(
    parsed.flatMap((p) => p.docs),
    parsed.flatMap((p) => p.problems),
  );
  const disabledByFile = new Map(parsed.map((p) => [p.path, p.disabled]));
  const settings = options.config?.rules ?? {};
  const out: Diagnostic[] = [];
  const rules = options.rules ?? registry;
  // Where a finding that names no file goes: the same file whatever the input order.
  const fallbackFile = firstPath(files.map((f) => f.path)) ?? '';

  for (const rule of rules) {
    const setting = settings[rule.id];
    if (setting === 'off') continue;
    const ctx: RuleContext = {
      model,
      options,
      rangeOf,
      suggest,
      report(d: ReportInput) {
        const file = d.src?.file ?? d.file ?? fallbackFile;
        const severity: Severity = setting ?? d.severity ?? rule.severity;
        const diag: Diagnostic = {
          rule: rule.id,
          severity,
          message: d.message,
          file,
          range: rangeForReport(d),
        };
        if (d.related && d.related.length > 0) {
          diag.related = d.related.map((r) => ({
            file: r.src?.file ?? r.file ?? file,
            range: r.range ?? (r.src ? rangeOf(r.src, r.node ?? (r.src.doc.contents as Node | null)) : START),
            message: r.message,
          }));
        }
        if (d.fix) diag.fix = d.fix;
        out.push(diag);
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      out.push(ruleError(rule, e, fallbackFile));
    }
  }

  const kept = out.filter((d) => {
    const dis = disabledByFile.get(d.file)?.get(d.range.start.line);
    return !dis || !(dis.has('*') || dis.has(d.rule));
  });
  return {
    diagnostics: dedupe(kept.sort(compareDiagnostics)),
    files: parsed.map((p) => ({ file: p.path, documents: p.docs.length })),
    model,
  };
}

function ruleError(rule: Rule, e: unknown, file: string): Diagnostic {
  const msg = e instanceof Error ? e.message : String(e);
  return {
    rule: 'rule-error',
    severity: 'error',
    message: `internal error in rule ${rule.id}: ${msg.split('\n')[0]}`,
    file,
    range: START,
  };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.file}\0${d.rule}\0${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}\0${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
