/**
 * Which files of a directory the workspace lint reads: `*.yaml` and `*.yml` below it, skipping
 * `node_modules`, dot-directories and Helm charts' `templates/` and `charts/` (Go templates, not YAML);
 * symbolic links to directories are not followed, and the lint config itself is not linted.
 */
import { join, relative, sep, isAbsolute } from 'node:path';
import { McError } from '../../errors.js';
import { ioReason, nodeWorkspaceFs, type WorkspaceFs } from './fs.js';

/** The lint configuration's file name, looked up in the current directory, else at the git root. */
export const LINT_CONFIG_NAME = '.kubectl-mc.yaml';

/** An unreadable path or config, or nothing to lint: one line, exit 2. */
export class WorkspaceError extends McError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('IO', message, { exitCode: 2, ...options });
  }
}

const YAML_NAME = /\.ya?ml$/i;

/** A file name the directory walk takes. */
export function isLintedFileName(name: string): boolean {
  return YAML_NAME.test(name) && name !== LINT_CONFIG_NAME;
}

/** A directory the walk does not enter (`inHelmChart`: its parent holds a `Chart.yaml`). */
export function isSkippedDirectory(name: string, inHelmChart: boolean): boolean {
  if (name === 'node_modules' || name.startsWith('.')) return true;
  return inHelmChart && (name === 'templates' || name === 'charts');
}

export interface WalkOptions {
  fs?: WorkspaceFs;
  /** Keep only the files this accepts (an editor's include/exclude settings). */
  filter?: (file: string) => boolean;
  /** Called for a directory that cannot be read; without it, the walk throws `WorkspaceError`. */
  onUnreadable?: (dir: string, reason: string) => void;
}

/**
 * The lintable files below a directory, absolute when `dir` is: each directory's files by name, then
 * its subdirectories by name, depth first.
 */
export async function collectYaml(dir: string, options: WalkOptions = {}): Promise<string[]> {
  const fs = options.fs ?? nodeWorkspaceFs;
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    let entries;
    try {
      entries = await fs.readdir(d);
    } catch (e) {
      if (!options.onUnreadable) throw new WorkspaceError(`cannot read ${d}: ${ioReason(e)}`, { cause: e });
      options.onUnreadable(d, ioReason(e));
      continue;
    }
    const files: string[] = [];
    const dirs: string[] = [];
    const helmChart = entries.some((e) => e.isFile() && e.name === 'Chart.yaml');
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!isSkippedDirectory(e.name, helmChart)) dirs.push(join(d, e.name));
      } else if ((e.isFile() || e.isSymbolicLink()) && isLintedFileName(e.name)) {
        const f = join(d, e.name);
        if (!options.filter || options.filter(f)) files.push(f);
      }
    }
    out.push(...files.sort());
    stack.push(...dirs.sort().reverse());
  }
  return out;
}

/**
 * Whether the walk of `root` takes `file` (an editor asks this for a file created or changed on disk,
 * instead of walking again). Both paths absolute.
 */
export async function isWalkedFile(
  root: string,
  file: string,
  fs: WorkspaceFs = nodeWorkspaceFs,
): Promise<boolean> {
  const rel = relative(root, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return false;
  const parts = rel.split(sep);
  if (!isLintedFileName(parts.at(-1)!)) return false;
  let dir = root;
  for (const name of parts.slice(0, -1)) {
    const inHelmChart =
      (name === 'templates' || name === 'charts') && (await fs.exists(join(dir, 'Chart.yaml')));
    if (isSkippedDirectory(name, inHelmChart)) return false;
    dir = join(dir, name);
  }
  return true;
}
