import { execFileSync } from 'node:child_process';

/**
 * Fails the calling test (or hook) when a system tool it drives is missing or broken. `npm test` installs
 * every such tool before the suites run (scripts/test-setup.mjs), so a missing one is a broken set-up to
 * report, never a reason to skip.
 */
export function requireTool(cmd: string, args: string[] = ['--version']): void {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 30_000 });
  } catch (err) {
    throw new Error(
      `\`${cmd} ${args.join(' ')}\` failed (${(err as Error).message}): this test drives ${cmd}; ` +
        '`node scripts/test-setup.mjs` installs it',
    );
  }
}
