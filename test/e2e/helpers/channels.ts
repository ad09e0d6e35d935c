// Shared by the install-channel tests (npm, standalone binary, krew): running a command to completion
// whatever its exit code, and building the standalone binary once per test process.
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const exec = promisify(execFile);
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `cmd` to its end and return its exit code and output (a failure is a result, not a throw). */
export async function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { cwd?: string; timeout?: number } = {},
): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(cmd, args, {
      env,
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      timeout: opts.timeout ?? 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof err.code === 'number' ? err.code : -1,
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
    };
  }
}

/**
 * One standalone binary per test process: the channel tests of one mocha run share the build (~10 s),
 * removed when the process exits.
 */
export async function sharedBinary(): Promise<string> {
  const dir = path.join(tmpdir(), `kmc-e2e-binary-${process.pid}`);
  const bin = path.join(dir, 'kubectl-mc');
  if (existsSync(bin)) return bin;
  await mkdir(dir, { recursive: true });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  await exec(process.execPath, [path.join(repo, 'scripts/build-binary.mjs'), '--out', bin], {
    timeout: 120_000,
  });
  return bin;
}
