/**
 * The workspace lint: what `kubectl mc lint [PATH...]` and the editor both run, so they always agree.
 * Config lookup (`.kubectl-mc.yaml`), the directory walk, reading (an editor's open documents override
 * the disk), a canonical order of the files, then `lintDocuments`.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LintConfigError } from '../config.js';
import { lintDocuments, lintReport } from '../engine.js';
import type { FileDocuments } from '../engine.js';
import { comparePaths } from '../order.js';
import type { Diagnostic, LintConfig, LintFile, LintOptions, TopologyModel } from '../types.js';
import { findLintConfig, readLintConfig } from './config.js';
import { ioReason, nodeWorkspaceFs, type WorkspaceFs } from './fs.js';
import { collectYaml, WorkspaceError } from './walk.js';

/** How standard input is named in findings. */
export const STDIN_PATH = '<stdin>';

export interface WorkspaceOptions {
  /** The directory relative paths (and the config lookup) start from; absolute. */
  cwd: string;
  /** Files and directories to lint, relative to `cwd` or absolute; `-` is standard input. Default `['.']`. */
  paths?: readonly string[];
  /** A config file to use instead of looking one up (relative to `cwd`); named as given in messages. */
  configFile?: string;
  /** Name files by absolute path (an editor) instead of relative to `cwd` where they are below it (a CLI). */
  absolutePaths?: boolean;
  /** The text to lint for a file instead of the disk's: an editor's open documents. Absolute paths. */
  textOf?: (file: string) => string | undefined;
  /** Keep only the walked files this accepts (an editor's include/exclude settings); absolute paths. */
  filter?: (file: string) => boolean;
  /** Read at most this many files (the walk's first ones); `truncated` says when there were more. */
  maxFiles?: number;
  /** Standard input, for `-`. */
  stdin?: () => Promise<Uint8Array>;
  fs?: WorkspaceFs;
  /**
   * Keep going where a CLI stops (an editor): unreadable files and directories are skipped and listed in
   * `skipped`, and a broken config is returned as `configError` (the files are then linted with the
   * default severities). Without it, both throw (`WorkspaceError`, `LintConfigError`).
   */
  tolerant?: boolean;
}

export interface Workspace {
  /** Every file read, once each, in canonical order (by path). */
  files: LintFile[];
  config?: LintConfig;
  /** The config file used (absolute), when there is one. */
  configFile?: string;
  /** Why the config was not used (`tolerant` only). */
  configError?: LintConfigError | WorkspaceError;
  /** Files and directories that could not be read (`tolerant` only). */
  skipped: { path: string; reason: string }[];
  /** More files than `maxFiles`. */
  truncated: boolean;
}

/** `file` as findings name it: relative to `cwd` with `/` when below it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

const READ_CONCURRENCY = 32;

export type WorkspaceConfig = Pick<Workspace, 'config' | 'configFile' | 'configError'>;

/**
 * The workspace's lint config: `configFile`, else `.kubectl-mc.yaml` in `cwd` or at the git root (the
 * part of `readWorkspace` an editor runs again when a config file changes).
 */
export async function loadWorkspaceConfig(
  options: Pick<WorkspaceOptions, 'cwd' | 'configFile' | 'absolutePaths' | 'textOf' | 'fs' | 'tolerant'>,
): Promise<WorkspaceConfig> {
  const fs = options.fs ?? nodeWorkspaceFs;
  const { cwd } = options;
  const configFile = options.configFile ? resolve(cwd, options.configFile) : await findLintConfig(cwd, fs);
  if (!configFile) return {};
  try {
    const config = await readLintConfig(configFile, {
      fs,
      name: options.absolutePaths ? configFile : displayPath(configFile, cwd),
      readName: options.configFile ?? configFile,
      ...(options.textOf ? { textOf: options.textOf } : {}),
    });
    return { config, configFile };
  } catch (e) {
    if (!options.tolerant || !(e instanceof LintConfigError || e instanceof WorkspaceError)) throw e;
    return { configFile, configError: e };
  }
}

/** Find and read the configuration and every file to lint. */
export async function readWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const fs = options.fs ?? nodeWorkspaceFs;
  const { cwd } = options;
  const name = (f: string) => (options.absolutePaths ? f : displayPath(f, cwd));
  const skipped: Workspace['skipped'] = [];
  const out: Workspace = { files: [], skipped, truncated: false };

  Object.assign(out, await loadWorkspaceConfig(options));

  // Which files: each path once, directories walked.
  const wanted: string[] = [];
  const seen = new Set<string>(); // a file named twice (`lint a.yaml .`) is linted once
  let stdinUsed = false;
  for (const p of options.paths ?? ['.']) {
    if (p === '-') {
      if (stdinUsed) continue;
      stdinUsed = true;
      if (!options.stdin) throw new WorkspaceError('cannot read standard input here');
      out.files.push({ path: STDIN_PATH, text: await options.stdin() });
      continue;
    }
    const abs = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = await fs.isDirectory(abs);
    } catch (e) {
      if (!options.tolerant) throw new WorkspaceError(`cannot read ${p}: ${ioReason(e)}`, { cause: e });
      skipped.push({ path: abs, reason: ioReason(e) });
      continue;
    }
    const list = isDir
      ? await collectYaml(abs, {
          fs,
          ...(options.filter ? { filter: options.filter } : {}),
          ...(options.tolerant ? { onUnreadable: (path, reason) => skipped.push({ path, reason }) } : {}),
        })
      : [abs];
    for (const f of list) {
      if (seen.has(f)) continue;
      seen.add(f);
      wanted.push(f);
    }
  }
  if (options.maxFiles !== undefined && wanted.length > options.maxFiles) {
    wanted.length = options.maxFiles;
    out.truncated = true;
  }

  // Reading, a bounded number at a time; the order the reads finish in does not matter.
  const read: (LintFile | { error: unknown })[] = [];
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const i = next++;
      const f = wanted[i]!;
      const open = options.textOf?.(f);
      try {
        read[i] = { path: name(f), text: open ?? (await fs.readFile(f)) };
      } catch (error) {
        read[i] = { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, wanted.length) }, worker));
  read.forEach((r, i) => {
    if (!('error' in r)) return void out.files.push(r);
    const f = wanted[i]!;
    // The first unreadable file in walk order, whichever read failed first.
    if (!options.tolerant)
      throw new WorkspaceError(`cannot read ${name(f)}: ${ioReason(r.error)}`, { cause: r.error });
    skipped.push({ path: f, reason: ioReason(r.error) });
  });
  out.files = canonical(out.files);
  return out;
}

/** Files once each (the last text of a path wins), sorted by path. */
function canonical(files: readonly LintFile[]): LintFile[] {
  const byPath = new Map<string, LintFile>();
  for (const f of files) byPath.set(f.path, f);
  return [...byPath.values()].sort((a, b) => comparePaths(a.path, b.path));
}

/**
 * Lint a workspace's files together, in canonical order whatever order they are given in (an editor's
 * set of files grows in the order its reads finish).
 */
export function lintWorkspaceFiles(files: readonly LintFile[], options: LintOptions = {}): Diagnostic[] {
  return lintDocuments(canonical(files), options);
}

export interface WorkspaceLint extends Workspace {
  diagnostics: Diagnostic[];
  /** Each file with the number of its documents the linter read (0: none it understands). */
  documents: FileDocuments[];
  /** The model the rules read. */
  model: TopologyModel;
}

/** Read a workspace and lint it: `kubectl mc lint` in one call. */
export async function lintWorkspace(
  options: WorkspaceOptions,
  lintOptions: Omit<LintOptions, 'config'> = {},
): Promise<WorkspaceLint> {
  const ws = await readWorkspace(options);
  const report = lintReport(canonical(ws.files), {
    ...lintOptions,
    ...(ws.config ? { config: ws.config } : {}),
  });
  return { ...ws, diagnostics: report.diagnostics, documents: report.files, model: report.model };
}
