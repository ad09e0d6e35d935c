/**
 * The workspace lint session, pure (no `vscode`): core's workspace lint, the one `kubectl mc lint` runs,
 * kept in memory. `load` takes the config (`.kubectl-mc.yaml`) and the files exactly as the CLI finds
 * them, open documents overriding the disk; then one changed file's text is taken again and the whole set
 * is relinted (references cross files), and `run` says which files gained, changed or lost diagnostics.
 */
import { basename, join, sep } from 'node:path';
import {
  LINT_CONFIG_NAME,
  LintConfigError,
  isWalkedFile,
  lintWorkspaceFiles,
  loadWorkspaceConfig,
  readWorkspace,
} from '@kubectl-mc/core';
import type { Diagnostic, LintFile, LintOptions, WorkspaceConfig, WorkspaceFs } from '@kubectl-mc/core';
import { groupByFile, type EditorDiagnostic } from './convert.js';

export type Linter = (files: LintFile[], options?: LintOptions) => Diagnostic[];

/** The rule id of the finding that a broken `.kubectl-mc.yaml` becomes. */
export const CONFIG_RULE = 'lint-config';

export interface LintOutcome {
  /** Diagnostics per file for every file that has any. */
  byFile: Map<string, EditorDiagnostic[]>;
  /** Files that had diagnostics after the previous run and have none now (clear them). */
  cleared: string[];
  /** How many files were linted together. */
  files: number;
}

export interface SourceOptions {
  /** The text of an open document (absolute path), which wins over the disk's. */
  textOf?: (file: string) => string | undefined;
  fs?: WorkspaceFs;
}

export interface LoadOptions extends SourceOptions {
  /**
   * Workspace folders, absolute. The first is where the config is looked up, as for
   * `cd first && kubectl mc lint first second …`.
   */
  folders: readonly string[];
  /** Narrow the files further (the `kubectl-mc.lint.include`/`exclude` settings); absolute paths. */
  filter?: (file: string) => boolean;
  maxFiles?: number;
  /** Asked once everything is read: false leaves the session as it was (a newer load superseded this one). */
  stillWanted?: () => boolean;
}

export interface LoadOutcome {
  /** False when `stillWanted` said no and nothing was taken. */
  applied: boolean;
  /** Files and directories that could not be read. */
  skipped: { path: string; reason: string }[];
  /** More files than `maxFiles`. */
  truncated: boolean;
}

export class LintSession {
  /** Text as read: bytes from the disk (decoded by the linter exactly as for the CLI), strings from editors. */
  private readonly byPath = new Map<string, string | Uint8Array>();
  private previous = new Set<string>();
  private folders: readonly string[] = [];
  private filter: ((file: string) => boolean) | undefined;
  private settings: WorkspaceConfig = {};

  constructor(
    private readonly lint: Linter = lintWorkspaceFiles,
    private readonly docsOf?: (rule: string) => string | undefined,
  ) {}

  /** Take the config and every file afresh, as `kubectl mc lint` run in the first folder finds them. */
  async load(options: LoadOptions): Promise<LoadOutcome> {
    const folders = [...options.folders];
    if (folders.length === 0) {
      this.folders = folders;
      this.byPath.clear();
      this.settings = {};
      return { applied: true, skipped: [], truncated: false };
    }
    const ws = await readWorkspace({
      cwd: folders[0]!,
      paths: folders,
      absolutePaths: true,
      tolerant: true,
      ...(options.textOf ? { textOf: options.textOf } : {}),
      ...(options.filter ? { filter: options.filter } : {}),
      ...(options.fs ? { fs: options.fs } : {}),
      ...(options.maxFiles !== undefined ? { maxFiles: options.maxFiles } : {}),
    });
    if (options.stillWanted && !options.stillWanted())
      return { applied: false, skipped: ws.skipped, truncated: ws.truncated };
    this.folders = folders;
    this.filter = options.filter;
    this.settings = {
      ...(ws.config ? { config: ws.config } : {}),
      ...(ws.configFile ? { configFile: ws.configFile } : {}),
      ...(ws.configError ? { configError: ws.configError } : {}),
    };
    this.byPath.clear();
    for (const f of ws.files) this.byPath.set(f.path, f.text);
    return { applied: true, skipped: ws.skipped, truncated: ws.truncated };
  }

  /** Look the config up and read it again (a `.kubectl-mc.yaml` was created, changed or deleted). */
  async reloadConfig(options: SourceOptions = {}): Promise<void> {
    if (this.folders.length === 0) return;
    this.settings = await loadWorkspaceConfig({
      cwd: this.folders[0]!,
      absolutePaths: true,
      tolerant: true,
      ...(options.textOf ? { textOf: options.textOf } : {}),
      ...(options.fs ? { fs: options.fs } : {}),
    });
  }

  /** The config in use, where it came from, and why it could not be used. */
  get config(): Readonly<WorkspaceConfig> {
    return this.settings;
  }

  /** Whether a change to this file can change the config: the one in use, or one the lookup may find. */
  isConfigFile(file: string): boolean {
    return file === this.settings.configFile || basename(file) === LINT_CONFIG_NAME;
  }

  /** Whether the CLI's walk of a workspace folder takes this file (and the settings keep it). */
  async accepts(file: string, fs?: WorkspaceFs): Promise<boolean> {
    if (this.filter && !this.filter(file)) return false;
    for (const folder of this.folders) if (await isWalkedFile(folder, file, fs)) return true;
    return false;
  }

  /** Whether the walk enters this directory (so files appearing in it may count). */
  async walksInto(dir: string, fs?: WorkspaceFs): Promise<boolean> {
    const probe = join(dir, 'probe.yaml');
    for (const folder of this.folders) if (await isWalkedFile(folder, probe, fs)) return true;
    return false;
  }

  /** Record a file's current text; returns false when nothing changed. */
  set(path: string, text: string | Uint8Array): boolean {
    const old = this.byPath.get(path);
    if (old !== undefined && sameText(old, text)) return false;
    this.byPath.set(path, text);
    return true;
  }

  delete(path: string): boolean {
    return this.byPath.delete(path);
  }

  /** Forget a file, or every file below a deleted directory; returns the paths forgotten. */
  deleteUnder(path: string): string[] {
    const dir = path.endsWith(sep) ? path : path + sep;
    const gone = this.paths().filter((p) => p === path || p.startsWith(dir));
    for (const p of gone) this.byPath.delete(p);
    return gone;
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  get size(): number {
    return this.byPath.size;
  }

  /** Every file with its current text, as linted. */
  files(): LintFile[] {
    return [...this.byPath].map(([path, text]) => ({ path, text }));
  }

  /** Every file with its current text as a string. */
  texts(): { path: string; text: string }[] {
    return [...this.byPath].map(([path, text]) => ({ path, text: decode(text) }));
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  run(options: Omit<LintOptions, 'config'> = {}): LintOutcome {
    const files = this.files();
    const { config, configError } = this.settings;
    const diags = files.length > 0 ? this.lint(files, { ...options, ...(config ? { config } : {}) }) : [];
    if (configError instanceof LintConfigError) diags.unshift(configDiagnostic(configError));
    const byFile = groupByFile(diags, this.docsOf);
    const cleared = [...this.previous].filter((f) => !byFile.has(f));
    this.previous = new Set(byFile.keys());
    return { byFile, cleared, files: files.length };
  }
}

/** A broken config as a finding on the config file (the CLI stops with it; the editor lints on). */
function configDiagnostic(e: LintConfigError): Diagnostic {
  return {
    rule: CONFIG_RULE,
    severity: 'error',
    message: `${e.reason}; linting with the default severities until it is fixed`,
    file: e.file,
    range: { start: e.position, end: e.position },
  };
}

function decode(text: string | Uint8Array): string {
  return typeof text === 'string' ? text : new TextDecoder().decode(text);
}

function sameText(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
