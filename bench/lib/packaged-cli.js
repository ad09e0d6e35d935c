// The CLI as npm or krew installs it: a copy of the built package with a fresh oclif manifest, so oclif
// loads only the command it runs (the dev tree has no manifest, and oclif then imports every command).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Copy `cliDir` (a built packages/cli) into a temp dir beside `nodeModules` and write its manifest.
 * Returns the copy's `bin/run.js` and the dir to remove when done. The working tree is not touched.
 */
export async function packagedCli(cliDir, nodeModules) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kmc-bench-cli-'));
  for (const f of ['package.json', 'bin', 'dist'])
    await cp(path.join(cliDir, f), path.join(dir, f), { recursive: true });
  await symlink(nodeModules, path.join(dir, 'node_modules'));
  execFileSync(path.join(nodeModules, '.bin', 'oclif'), ['manifest', dir], { stdio: 'ignore', cwd: dir });
  if (!existsSync(path.join(dir, 'oclif.manifest.json'))) throw new Error('oclif manifest was not written');
  return { bin: path.join(dir, 'bin', 'run.js'), dir };
}
