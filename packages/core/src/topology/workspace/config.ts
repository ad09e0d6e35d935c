/** Finding and reading the workspace's `.kubectl-mc.yaml`. */
import { dirname, join } from 'node:path';
import { parseLintConfig } from '../config.js';
import type { LintConfig } from '../types.js';
import { ioReason, nodeWorkspaceFs, type WorkspaceFs } from './fs.js';
import { LINT_CONFIG_NAME, WorkspaceError } from './walk.js';

/**
 * The project's `.kubectl-mc.yaml`: in `cwd`, else at the enclosing git root (the nearest ancestor with a
 * `.git`); undefined when neither has one. `cwd` absolute.
 */
export async function findLintConfig(
  cwd: string,
  fs: WorkspaceFs = nodeWorkspaceFs,
): Promise<string | undefined> {
  const here = join(cwd, LINT_CONFIG_NAME);
  if (await fs.exists(here)) return here;
  let dir = cwd;
  for (;;) {
    if (await fs.exists(join(dir, '.git'))) {
      const f = join(dir, LINT_CONFIG_NAME);
      return (await fs.exists(f)) ? f : undefined;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export interface ReadConfigOptions {
  fs?: WorkspaceFs;
  /** An editor's unsaved text of the file, used instead of the disk's. */
  textOf?: (file: string) => string | undefined;
  /** How to name the file in messages (default: its path). */
  name?: string;
  /** How to name it when it cannot be read (default: `name`). */
  readName?: string;
}

/**
 * Read and parse a lint config. Throws `WorkspaceError` when it cannot be read and `LintConfigError`
 * (file:line:col) when it is not a usable config.
 */
export async function readLintConfig(file: string, options: ReadConfigOptions = {}): Promise<LintConfig> {
  const fs = options.fs ?? nodeWorkspaceFs;
  const name = options.name ?? file;
  let text = options.textOf?.(file);
  if (text === undefined) {
    try {
      text = new TextDecoder().decode(await fs.readFile(file));
    } catch (e) {
      throw new WorkspaceError(`cannot read config ${options.readName ?? name}: ${ioReason(e)}`, {
        cause: e,
      });
    }
  }
  return parseLintConfig(text, name);
}
