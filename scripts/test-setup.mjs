#!/usr/bin/env node
// The system tools that `npm test` drives, made sure of before any suite runs. Every tool the tests need
// is listed here with the Debian package that brings it and the tests that use it. When one is missing and
// this process runs as root with apt-get, it installs just the missing ones (`apt-get update` once, then
// `apt-get install -y`) and says what it installed; otherwise it stops at once naming what is missing and
// the exact command that installs it. No test skips because a tool is missing: this is where it is caught.
//
// Then code-server, the real VS Code of the editor's end-to-end test, is installed once into `.cache/`
// (about 600 MB): a one-time install is set-up, not part of any test's time.
//
//   node scripts/test-setup.mjs           check, and install what is missing when it can
//   node scripts/test-setup.mjs --check   check only (exit 1 when anything is missing)
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

/** @typedef {{ name: string, pkg: string, why: string, present: () => boolean }} Tool */

const onPath = (cmd) =>
  (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(path.join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

const command = (name, pkg, why) => ({ name, pkg, why, present: () => onPath(name) });

/** @type {Tool[]} */
const TOOLS = [
  command('kubectl', 'kubectl', 'the oracle: the simulator and `kubectl mc get` are checked against it'),
  command('tmux', 'tmux', 'the dashboard and terminal tests run in a real terminal'),
  command('script', 'bsdutils', 'the Ctrl-C test runs the CLI under a pseudo-terminal'),
  command('openssl', 'openssl', "the transport tests' certificates"),
  command('zsh', 'zsh', 'the zsh completion script is parsed by zsh'),
  command('fish', 'fish', 'the fish completion script is run by fish'),
  command('chromium', 'chromium', 'the VS Code test drives code-server through headless Chromium'),
  command('pkg-config', 'pkg-config', "code-server's kerberos module builds from source"),
  {
    name: 'gssapi.h',
    pkg: 'libkrb5-dev',
    why: "code-server's kerberos module builds from source against it",
    present: () => existsSync('/usr/include/gssapi/gssapi.h'),
  },
  command('make', 'make', 'native modules (code-server) build with node-gyp'),
  command('g++', 'g++', 'native modules (code-server) build with node-gyp'),
  command('python3', 'python3', 'node-gyp runs on it'),
  command('strip', 'binutils', 'the standalone binary is stripped before its signature is injected'),
];

const log = (line) => process.stdout.write(`test-setup: ${line}\n`);

/** apt-get, its output shown only when it fails (an install of chromium prints hundreds of lines). */
function apt(args) {
  const r = spawnSync('apt-get', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? r.error?.message ?? ''}\n`);
  return r.status === 0;
}

function stop(missing, reason) {
  const pkgs = [...new Set(missing.map((t) => t.pkg))].join(' ');
  process.stderr.write(
    `test-setup: missing ${missing.map((t) => t.name).join(', ')}, which the tests need:\n` +
      missing.map((t) => `  ${t.name.padEnd(10)} ${t.why}\n`).join('') +
      `${reason}\nInstall them with:\n  sudo apt-get update && sudo apt-get install -y ${pkgs}\n`,
  );
  process.exit(1);
}

function systemTools(checkOnly) {
  const missing = TOOLS.filter((t) => !t.present());
  if (missing.length === 0) {
    log(`all ${TOOLS.length} system tools the tests drive are present`);
    return;
  }
  if (checkOnly) stop(missing, 'Nothing was installed (--check).');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) stop(missing, 'This process is not root, so it installs nothing itself.');
  if (!onPath('apt-get')) stop(missing, 'There is no apt-get here, so it installs nothing itself.');

  const pkgs = [...new Set(missing.map((t) => t.pkg))];
  log(`installing ${pkgs.join(' ')} (for ${missing.map((t) => t.name).join(', ')}) with apt-get`);
  if (!apt(['update', '-qq'])) stop(missing, '`apt-get update` failed.');
  if (!apt(['install', '-y', '-qq', ...pkgs])) stop(missing, '`apt-get install` failed.');
  const still = missing.filter((t) => !t.present());
  if (still.length) stop(still, 'apt-get ran, but these are still not there.');
  log(`installed ${pkgs.join(' ')}`);
}

/** The editor test's code-server, through the same function the test uses (a no-op once installed). */
async function codeServer() {
  const { tsImport } = await import('tsx/esm/api');
  const { ensureCodeServer } = await tsImport('../test/e2e/vscode/codeServer.ts', import.meta.url);
  const entry = await ensureCodeServer(log);
  log(`code-server ready (${path.relative(process.cwd(), entry)})`);
}

const checkOnly = process.argv.includes('--check');
systemTools(checkOnly);
if (!checkOnly) await codeServer();
