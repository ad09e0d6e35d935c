/**
 * The real-world corpus (test/topology/realworld/, copied from public repositories; SOURCES.md gives
 * each file's origin) as lint cases: every file alone, read as bytes like the CLI reads it, and the
 * folders whose files describe one deployment together (each Istio multicluster install, two meshes).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintDocuments } from '../../src/topology/index.js';
import type { LintFile } from '../../src/topology/index.js';
import { here } from './helpers.js';

export const realworldDir = join(here, 'realworld');

/** Folders (relative to realworld/) linted together as well as file by file. */
export const GROUPS = [
  'corpus/istio.io/multi-primary',
  'corpus/istio.io/multi-primary_multi-network',
  'corpus/istio.io/primary-remote_multi-network',
  'corpus/istio.io/shared-control-plane',
  'hostile/h34-two-meshes',
];

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/** Every corpus file (relative path with `/`), SOURCES.md excepted. */
export function corpusFiles(): string[] {
  return walk(realworldDir)
    .map((p) => relative(realworldDir, p).split('\\').join('/'))
    .filter((p) => !p.endsWith('.md'));
}

const read = (rel: string): LintFile => ({
  path: rel,
  text: new Uint8Array(readFileSync(join(realworldDir, rel))),
});

/** Findings as one line each: `file:line:col severity rule: message`. */
export function findingLines(files: LintFile[]): string[] {
  return lintDocuments(files).map(
    (d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.rule}: ${d.message}`,
  );
}

/** Case name → findings: `file:<path>` for each file alone, `group:<folder>` for each group. */
export function actualFindings(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of corpusFiles()) out[`file:${f}`] = findingLines([read(f)]);
  for (const g of GROUPS) {
    const files = corpusFiles().filter((f) => f.startsWith(g + '/'));
    out[`group:${g}`] = findingLines(files.map(read));
  }
  return out;
}
