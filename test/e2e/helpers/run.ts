/** Running the built `kubectl-mc` (and the real kubectl) from end-to-end tests: exit code and output. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `cmd` with no terminal and an empty stdin; a minute at most. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024, ...(cwd ? { cwd } : {}) },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}
