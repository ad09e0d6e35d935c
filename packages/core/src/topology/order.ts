/**
 * The canonical order of lint input: by file path (UTF-16 code units, as `compareDiagnostics`), then by
 * document within the file. When a rule has to pick one of several declarations ("the first", "the
 * reference"), it picks by this order, so its findings never depend on the order the files were given in
 * (a CLI's argument order, an editor's read-completion order).
 */
import type { SourceDoc } from './types.js';

export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareSources(a: SourceDoc, b: SourceDoc): number {
  return comparePaths(a.file, b.file) || a.index - b.index;
}

/**
 * A copy of `items` in canonical order of their documents. The sort is stable, so items of one document
 * keep their order in it (the model lists them in document order).
 */
export function inSourceOrder<T extends { src: SourceDoc }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareSources(a.src, b.src));
}

/** The first path in canonical order (for findings that belong to no particular file). */
export function firstPath(paths: Iterable<string>): string | undefined {
  let first: string | undefined;
  for (const p of paths) if (first === undefined || comparePaths(p, first) < 0) first = p;
  return first;
}
