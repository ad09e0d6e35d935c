import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, LintFile } from '../../src/topology/index.js';

export const here = fileURLToPath(new URL('.', import.meta.url));
export const repoRoot = join(here, '..', '..', '..', '..');
export const seedDir = join(here, 'seed');
export const fixturesDir = join(here, 'fixtures');

/** The YAML files of a folder, as lint input named by their base name. */
export function yamlFiles(dir: string): LintFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
}

export function show(ds: Diagnostic[]): string {
  return ds
    .map(
      (d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.message} [${d.rule}]`,
    )
    .join('\n');
}

/** Structural check of one diagnostic (positions 1-based, end not before start). */
export function assertWellFormed(d: Diagnostic): void {
  const ok =
    typeof d.rule === 'string' &&
    d.rule.length > 0 &&
    ['error', 'warning', 'info'].includes(d.severity) &&
    typeof d.message === 'string' &&
    d.message.length > 0 &&
    typeof d.file === 'string' &&
    Number.isInteger(d.range.start.line) &&
    Number.isInteger(d.range.start.column) &&
    Number.isInteger(d.range.end.line) &&
    Number.isInteger(d.range.end.column) &&
    d.range.start.line >= 1 &&
    d.range.start.column >= 1 &&
    d.range.end.line >= d.range.start.line &&
    (d.range.end.line > d.range.start.line || d.range.end.column >= d.range.start.column);
  if (!ok) throw new Error(`malformed diagnostic: ${JSON.stringify(d)}`);
}
