/**
 * A RuleTester for topology lint rules (modelled on typescript-eslint's): each rule's test file lists
 * `valid` inputs (no finding of the rule) and `invalid` inputs with every expected finding of the rule —
 * exact message (or a precise regex), file, start and end positions, severity, related locations, the
 * quick fix's title — and, for rules that offer fixes, the text after applying every fix (`output`).
 *
 * Only the rule under test runs, so findings of other rules never interfere. An input is one text
 * (`code`, named `filename`, default `test.yaml`) or several files linted together (`files`), with lint
 * options (e.g. kubeconfig `contexts`). `fixture(id, 'good' | 'bad')` reads a rule's fixture folder.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintDocuments, rules } from '../../../src/topology/index.js';
import type {
  Diagnostic,
  LintFile,
  LintOptions,
  Position,
  Rule,
  Severity,
  TextEdit,
} from '../../../src/topology/index.js';
import { fixturesDir, show, yamlFiles } from '../helpers.js';

/** One expected finding. Positions are 1-based; the end is exclusive (the column after the last character). */
export interface Finding {
  message: string | RegExp;
  /** Default: the input's only (or first) file. */
  file?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Default: the rule's registered severity. */
  severity?: Severity;
  /** When given: exactly these related locations, in order. */
  related?: { file?: string; line: number; column: number; message?: string | RegExp }[];
  /** When given: the title of the quick fix this finding offers (`null`: it offers none). */
  fix?: string | null;
}

export interface Input {
  name: string;
  /** One file's text, named `filename` (default `test.yaml`). */
  code?: string;
  filename?: string;
  /** Several files linted together (instead of `code`). */
  files?: LintFile[];
  options?: LintOptions;
}

export type ValidCase = Input;

export interface InvalidCase extends Input {
  /** Every finding of the rule, in the engine's order (file, line, column). */
  errors: Finding[];
  /**
   * The text after applying the quick fixes of every finding: a string for a one-file input, or file →
   * text for the files the fixes change. Required when any finding offers a fix, forbidden otherwise.
   */
  output?: string | Record<string, string>;
}

export const DEFAULT_FILENAME = 'test.yaml';

export function ruleById(id: string): Rule {
  const rule = rules.find((r) => r.id === id);
  assert.ok(rule, `no registered rule "${id}"`);
  return rule;
}

function filesOf(input: Input): LintFile[] {
  if (input.files && input.code !== undefined) throw new Error(`${input.name}: give code or files, not both`);
  if (input.files) return input.files;
  if (input.code === undefined) throw new Error(`${input.name}: give code or files`);
  return [{ path: input.filename ?? DEFAULT_FILENAME, text: input.code }];
}

/** The findings of one rule only (it alone runs), after asserting no rule failed internally. */
export function lintWith(id: string, files: LintFile[], options: LintOptions = {}): Diagnostic[] {
  const all = lintDocuments(files, { ...options, rules: [ruleById(id)] });
  const internal = all.filter((d) => d.rule === 'rule-error');
  assert.deepEqual(internal, [], show(internal));
  return all.filter((d) => d.rule === id);
}

/** A one-file input for ad-hoc checks. */
export const doc = (path: string, text: string): LintFile => ({ path, text });

/** A rule's fixture folder as lint input: its YAML files and its `lint-options.json`, when present. */
export function fixture(id: string, kind: 'good' | 'bad'): { files: LintFile[]; options: LintOptions } {
  const dir = join(fixturesDir, id, kind);
  const files = yamlFiles(dir);
  assert.ok(files.length > 0, `missing fixtures/${id}/${kind}/*.yaml`);
  const optFile = join(dir, 'lint-options.json');
  const options = existsSync(optFile) ? (JSON.parse(readFileSync(optFile, 'utf8')) as LintOptions) : {};
  return { files, options };
}

/** The text of one fixture file. */
export function fixtureText(id: string, kind: 'good' | 'bad', name: string): string {
  return readFileSync(join(fixturesDir, id, kind, name), 'utf8');
}

function offsetOf(text: string, p: Position): number {
  let off = 0;
  for (let line = 1; line < p.line; line++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off + p.column - 1;
}

/** Apply edits to one file's text, last edit first; overlapping edits are a test failure. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const spans = edits
    .map((e) => ({ e, start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end) }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const s of spans) {
    assert.ok(s.end <= limit, `overlapping fix edits: ${JSON.stringify(edits)}`);
    out = out.slice(0, s.start) + s.e.newText + out.slice(s.end);
    limit = s.start;
  }
  return out;
}

/** The files' texts after applying every fix of the findings (only files an edit touches). */
export function fixedFiles(files: LintFile[], ds: Diagnostic[]): Record<string, string> {
  const byFile = new Map<string, TextEdit[]>();
  for (const d of ds)
    for (const e of d.fix?.edits ?? []) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const out: Record<string, string> = {};
  for (const [file, edits] of byFile) {
    const f = files.find((x) => x.path === file);
    assert.ok(f && typeof f.text === 'string', `a fix edits ${file}, which is not among the inputs`);
    out[file] = applyEdits(f.text, edits);
  }
  return out;
}

function checkFinding(rule: Rule, input: Input, files: LintFile[], d: Diagnostic, want: Finding): void {
  const where = `${input.name}: finding ${show([d])}`;
  assert.equal(d.file, want.file ?? files[0]!.path, where);
  assert.deepEqual(
    [d.range.start.line, d.range.start.column],
    [want.line, want.column],
    `${where}: start position`,
  );
  if (want.endLine !== undefined || want.endColumn !== undefined) {
    assert.deepEqual(
      [d.range.end.line, d.range.end.column],
      [want.endLine ?? want.line, want.endColumn],
      `${where}: end position`,
    );
  }
  if (typeof want.message === 'string') assert.equal(d.message, want.message, where);
  else assert.match(d.message, want.message, where);
  assert.equal(d.severity, want.severity ?? rule.severity, `${where}: severity`);
  if (want.related) {
    const got = d.related ?? [];
    assert.equal(got.length, want.related.length, `${where}: related ${JSON.stringify(got)}`);
    want.related.forEach((r, i) => {
      const g = got[i]!;
      assert.deepEqual(
        [g.file, g.range.start.line, g.range.start.column],
        [r.file ?? d.file, r.line, r.column],
        `${where}: related ${i + 1}`,
      );
      if (typeof r.message === 'string') assert.equal(g.message, r.message, where);
      else if (r.message) assert.match(g.message, r.message, where);
    });
  }
  if (want.fix !== undefined) assert.equal(d.fix?.title ?? null, want.fix, `${where}: fix title`);
}

/** Run one invalid case and return its findings (for extra assertions). */
export function runInvalid(id: string, c: InvalidCase): Diagnostic[] {
  const rule = ruleById(id);
  const files = filesOf(c);
  const ds = lintWith(id, files, c.options);
  assert.equal(
    ds.length,
    c.errors.length,
    `${c.name}: expected ${c.errors.length} findings, got:\n${show(ds)}`,
  );
  ds.forEach((d, i) => checkFinding(rule, c, files, d, c.errors[i]!));
  const fixes = ds.some((d) => d.fix);
  if (c.output === undefined) {
    assert.ok(!fixes, `${c.name}: the rule offers a fix; give the expected output`);
  } else {
    assert.ok(fixes, `${c.name}: an output is given but no finding offers a fix`);
    const fixed = fixedFiles(files, ds);
    if (typeof c.output === 'string') {
      assert.equal(files.length, 1, `${c.name}: a string output needs a one-file input`);
      assert.equal(fixed[files[0]!.path], c.output, `${c.name}: output`);
    } else {
      assert.deepEqual(fixed, c.output, `${c.name}: output`);
    }
  }
  return ds;
}

export function runValid(id: string, c: ValidCase): void {
  const ds = lintWith(id, filesOf(c), c.options);
  assert.deepEqual(ds, [], `${c.name}:\n${show(ds)}`);
}

/** Mocha cases for one rule: `valid` inputs give no finding, `invalid` inputs give exactly `errors`. */
export function ruleTester(id: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  ruleById(id);
  describe('valid', () => {
    for (const c of cases.valid) it(c.name, () => runValid(id, c));
  });
  describe('invalid', () => {
    for (const c of cases.invalid) it(c.name, () => void runInvalid(id, c));
  });
}

/**
 * One file of a rule's `fixtures/<id>/cases/` folder as lint input: an input a single test case is
 * about (often a real-world shape from issue 21), kept apart from the good/bad sets linted as a whole.
 */
export function caseFixture(id: string, name: string): { files: LintFile[] } {
  return { files: [{ path: name, text: readFileSync(join(fixturesDir, id, 'cases', name), 'utf8') }] };
}
