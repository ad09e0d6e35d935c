/**
 * A real VS Code for the extension's end-to-end test: code-server from the npm registry, installed once
 * into the repository's git-ignored `.cache/` (outside the workspaces' dependency tree), started on
 * loopback in its own process group and always stopped with everything it spawned.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CODE_SERVER_VERSION = '4.139.1';
/** The install cache: `.cache/` of the repository (git-ignored), or `KUBECTL_MC_CACHE_DIR` (CI caches). */
const CACHE = process.env.KUBECTL_MC_CACHE_DIR
  ? resolve(process.env.KUBECTL_MC_CACHE_DIR)
  : join(REPO_ROOT, '.cache');
const INSTALL_DIR = join(CACHE, 'code-server');
const ENTRY = join(INSTALL_DIR, 'node_modules/code-server/out/node/entry.js');
const MARKER = join(INSTALL_DIR, `.installed-${CODE_SERVER_VERSION}-node${process.versions.node}`);

/** `npm` next to the Node that runs the tests (Node 24), so native modules build for it. */
function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Drop the outer npm's own settings (we run under `npm test`, whose npm may run on the system Node):
  // npm reads `npm_config_*` from the environment, so the inner npm would inherit e.g. the outer
  // user-agent `node/v20…`, which code-server's postinstall takes as the Node version and refuses.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_(config|package|lifecycle|node|execpath)/i.test(k)),
  );
  return {
    ...inherited,
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

/**
 * Node's headers for building code-server's native modules (kerberos, …) against THIS Node: the
 * `node-<platform>-<arch>` package of the `node` devDependency ships `include/node`; when npm has pruned
 * it, install that one package into the cache.
 */
async function nodeHeaders(log: (s: string) => void): Promise<string> {
  const pkg = `node-${process.platform}-${process.arch}`;
  const candidates = [
    join(REPO_ROOT, 'node_modules/node/node_modules', pkg),
    join(CACHE, 'node-headers/node_modules', pkg),
  ];
  for (const c of candidates) if (existsSync(join(c, 'include/node/node.h'))) return c;
  log(`installing ${pkg}@${process.versions.node} for Node headers`);
  mkdirSync(join(CACHE, 'node-headers'), { recursive: true });
  await run(
    'npm',
    [
      'install',
      '--prefix',
      join(CACHE, 'node-headers'),
      '--no-save',
      '--ignore-scripts',
      `${pkg}@${process.versions.node}`,
    ],
    { env: npmEnv(), maxBuffer: 64 * 1024 * 1024 },
  );
  const dir = candidates[1]!;
  if (!existsSync(join(dir, 'include/node/node.h'))) throw new Error(`${pkg} has no include/node/node.h`);
  return dir;
}

/** Install code-server into `.cache/code-server` unless this version is already there. Returns its entry. */
export async function ensureCodeServer(log: (s: string) => void = () => {}): Promise<string> {
  if (existsSync(MARKER) && existsSync(ENTRY)) return ENTRY;
  const headers = await nodeHeaders(log);
  // No marker: nothing, or what an interrupted install left (npm then fails on its half-removed
  // directories with ENOTEMPTY). Start from an empty folder.
  rmSync(INSTALL_DIR, { recursive: true, force: true });
  mkdirSync(INSTALL_DIR, { recursive: true });
  writeFileSync(join(INSTALL_DIR, 'package.json'), '{ "private": true }\n');
  log(`installing code-server@${CODE_SERVER_VERSION} into ${INSTALL_DIR} (about 600 MB, once)`);
  const t0 = Date.now();
  await run('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: INSTALL_DIR,
    env: npmEnv({ npm_config_nodedir: headers }),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!existsSync(ENTRY)) throw new Error(`code-server install left no ${ENTRY}`);
  writeFileSync(MARKER, `${new Date().toISOString()} ${Date.now() - t0} ms\n`);
  log(`code-server installed in ${Math.round((Date.now() - t0) / 1000)} s`);
  return ENTRY;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface Dirs {
  userDataDir: string;
  extensionsDir: string;
  /** XDG_CONFIG_HOME / XDG_DATA_HOME, so nothing is written to the home directory. */
  xdg: string;
}

function csEnv(dirs: Dirs): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    // The extension must take its kubeconfig from the user settings, not from the test runner's env.
    KUBECONFIG: join(dirs.xdg, 'no-such-kubeconfig'),
  };
}

export async function installExtension(entry: string, dirs: Dirs, vsix: string): Promise<void> {
  await run(
    process.execPath,
    [
      entry,
      '--user-data-dir',
      dirs.userDataDir,
      '--extensions-dir',
      dirs.extensionsDir,
      '--install-extension',
      vsix,
      '--force',
    ],
    { env: csEnv(dirs), maxBuffer: 16 * 1024 * 1024 },
  );
}

export interface RunningCodeServer {
  port: number;
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Start code-server on 127.0.0.1 in its own process group; resolves when `/healthz` answers. Workspace
 * trust is off (every folder trusted) unless `workspaceTrust` is set.
 */
export async function startCodeServer(
  entry: string,
  dirs: Dirs,
  logFile: string,
  { workspaceTrust = false }: { workspaceTrust?: boolean } = {},
): Promise<RunningCodeServer> {
  const port = await freePort();
  const fd = openSync(logFile, 'a');
  const proc = spawn(
    process.execPath,
    [
      entry,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--vscode-option',
      'enable-smoke-test-driver',
      '--user-data-dir',
      dirs.userDataDir,
      '--extensions-dir',
      dirs.extensionsDir,
    ],
    { detached: true, stdio: ['ignore', fd, fd], env: csEnv(dirs) },
  );
  closeSync(fd);
  // Even if the test process dies without running `after`, take code-server's group down with it.
  const onExit = () => {
    try {
      if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', onExit);
  let exited = false;
  const exit = new Promise<void>((r) => proc.once('exit', () => ((exited = true), r())));
  const stop = async () => {
    process.removeListener('exit', onExit);
    const pid = proc.pid;
    if (pid === undefined) return;
    if (!exited) {
      try {
        process.kill(-pid, 'SIGTERM');
        const killer = setTimeout(() => {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 3000);
        await exit;
        clearTimeout(killer);
      } catch {
        /* the group is gone */
      }
    }
    // Children that outlived the leader (extension hosts, file watchers) are in the same group.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* none left */
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early; see ${logFile}`);
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 30 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, url, proc, stop };
}
