import { execFile } from 'node:child_process';
import { toVersionInfo, type VersionInfo } from '@kubectl-mc/core/fleet';

/** How long `kubectl version --client` may take before it is taken as absent. */
const KUBECTL_TIMEOUT_MS = 5_000;

/**
 * The client version of the `kubectl` on PATH (`kubectl version --client -o json`), or undefined when
 * there is none, it fails, or it answers something else. Never throws.
 */
export function kubectlClientVersion(
  env: NodeJS.ProcessEnv = process.env,
  command = 'kubectl',
): Promise<VersionInfo | undefined> {
  return new Promise((resolve) => {
    execFile(
      command,
      ['version', '--client', '-o', 'json'],
      { env, timeout: KUBECTL_TIMEOUT_MS, maxBuffer: 64 * 1024, windowsHide: true },
      (err, stdout) => {
        if (err) return resolve(undefined);
        try {
          const info = toVersionInfo((JSON.parse(stdout) as { clientVersion?: unknown }).clientVersion);
          resolve(info.gitVersion || info.major ? info : undefined);
        } catch {
          resolve(undefined);
        }
      },
    );
  });
}
