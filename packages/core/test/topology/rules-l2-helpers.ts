/** Shared assertions of the rules-l2-*.test.ts files: exact findings of one rule on its fixtures. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lintDocuments } from '../../src/topology/index.js';
import type { Diagnostic, LintFile, Position, TextEdit } from '../../src/topology/index.js';
import { fixturesDir, show, yamlFiles } from './helpers.js';

export type Expect = [file: string, line: number, column: number, message: RegExp];

export const doc = (path: string, text: string): LintFile => ({ path, text });

export function lintRule(id: string, files: LintFile[]): Diagnostic[] {
  return lintDocuments(files).filter((d) => d.rule === id);
}

/** The findings of one rule on its bad fixtures, in order, at exact positions, with the rule's severity. */
export function expectBad(id: string, severity: string, expected: Expect[]): Diagnostic[] {
  const ds = lintRule(id, yamlFiles(join(fixturesDir, id, 'bad')));
  assert.equal(ds.length, expected.length, show(ds));
  expected.forEach(([file, line, column, re], i) => {
    const d = ds[i]!;
    assert.equal(d.severity, severity);
    assert.deepEqual([d.file, d.range.start.line, d.range.start.column], [file, line, column], show([d]));
    assert.match(d.message, re);
  });
  return ds;
}

export function expectGoodClean(id: string): void {
  const ds = lintRule(id, yamlFiles(join(fixturesDir, id, 'good')));
  assert.deepEqual(ds, [], show(ds));
}

export function fixtureFile(id: string, kind: 'good' | 'bad', name: string): { path: string; text: string } {
  const f = yamlFiles(join(fixturesDir, id, kind)).find((x) => x.path === name);
  assert.ok(f && typeof f.text === 'string', `missing fixture ${id}/${kind}/${name}`);
  return { path: f.path, text: f.text };
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

/** Apply a fix's edits (same file) to a text, last edit first. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offsetOf(out, e.range.start)) + e.newText + out.slice(offsetOf(out, e.range.end));
  }
  return out;
}
