/**
 * The workspace lint session, pure: it holds the text of every recognised file, relints the whole set
 * when one file changes (cross-file references), and says which files gained, changed or lost diagnostics.
 */
import type { Diagnostic, LintFile, LintOptions } from '@kubectl-mc/core';
import { groupByFile, type EditorDiagnostic } from './convert.js';

export type Linter = (files: LintFile[], options?: LintOptions) => Diagnostic[];

export interface LintOutcome {
  /** Diagnostics per file for every file that has any. */
  byFile: Map<string, EditorDiagnostic[]>;
  /** Files that had diagnostics after the previous run and have none now (clear them). */
  cleared: string[];
  /** How many files were linted together. */
  files: number;
}

export class LintSession {
  private readonly texts = new Map<string, string>();
  private previous = new Set<string>();

  constructor(
    private readonly lint: Linter,
    private readonly docsOf?: (rule: string) => string | undefined,
  ) {}

  /** Record a file's current text; returns false when nothing changed. */
  set(path: string, text: string): boolean {
    if (this.texts.get(path) === text) return false;
    this.texts.set(path, text);
    return true;
  }

  delete(path: string): boolean {
    return this.texts.delete(path);
  }

  has(path: string): boolean {
    return this.texts.has(path);
  }

  get size(): number {
    return this.texts.size;
  }

  /** Every file with its current text. */
  files(): { path: string; text: string }[] {
    return [...this.texts].map(([path, text]) => ({ path, text }));
  }

  paths(): string[] {
    return [...this.texts.keys()];
  }

  run(options: LintOptions = {}): LintOutcome {
    const files = this.files();
    const byFile = groupByFile(files.length > 0 ? this.lint(files, options) : [], this.docsOf);
    const cleared = [...this.previous].filter((f) => !byFile.has(f));
    this.previous = new Set(byFile.keys());
    return { byFile, cleared, files: files.length };
  }
}

/** A trailing-edge debounce: the last call within `ms` wins. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): ((...args: A) => void) & {
  cancel(): void;
} {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  wrapped.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return wrapped;
}
