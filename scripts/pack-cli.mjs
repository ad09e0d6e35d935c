#!/usr/bin/env node
// `npm run pack:cli [-- --out <dir>]`: the npm tarball of kubectl-mc, installable on its own with
// `npm install -g kubectl-mc-<version>.tgz`.
//
// @kubectl-mc/core is a workspace package, not published, so it travels inside the CLI's tarball. Not
// as `bundleDependencies`: npm then treats every transitive dependency of the bundled package as bundled
// too and installs them as empty directories (npm 11). Instead this script stages the package: the CLI's
// bin/ and compiled dist/, core compiled by esbuild into `dist/vendor/core/` (one ES module per entry of
// its `exports` — `index.js` for the root, `api.js` for `@kubectl-mc/core/api`, … — sharing chunks, so
// `get` still loads no linter; its own dependencies left as imports), the CLI's imports of
// `@kubectl-mc/core` and its subpaths pointed at them, core's runtime
// dependencies added to the CLI's, and a fresh oclif.manifest.json (start-up without scanning and
// importing every command). Run `npm run build` first. Prints the tarball's path.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliDir = path.join(root, 'packages', 'cli');
const coreDir = path.join(root, 'packages', 'core');
const outArg = process.argv.indexOf('--out');
const outDir = path.resolve(outArg > 0 ? process.argv[outArg + 1] : path.join(root, 'dist-pack'));

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const jsOnly = (src) => !/\.(d\.ts|d\.ts\.map|tsbuildinfo)$/.test(src) && !src.endsWith('.js.map');

for (const dir of [path.join(cliDir, 'dist', 'commands'), path.join(coreDir, 'dist')]) {
  if (!existsSync(dir))
    throw new Error(`${path.relative(root, dir)} is missing: run \`npm run build\` first`);
}

const stage = mkdtempSync(path.join(tmpdir(), 'kubectl-mc-pack-'));
try {
  const pkg = path.join(stage, 'package');
  mkdirSync(pkg);
  cpSync(path.join(cliDir, 'bin'), path.join(pkg, 'bin'), { recursive: true });
  cpSync(path.join(cliDir, 'dist'), path.join(pkg, 'dist'), { recursive: true, filter: jsOnly });

  // The manifest is generated from the built commands, in process, straight into the staged package:
  // never left in the work tree, where a stale one would hide a command added after it.
  writeFileSync(path.join(pkg, 'oclif.manifest.json'), JSON.stringify(await oclifManifest(cliDir)) + '\n');

  const core = readJson(path.join(coreDir, 'package.json'));
  const vendor = path.join(pkg, 'dist', 'vendor', 'core');
  await build({
    entryPoints: coreEntryPoints(core),
    outdir: vendor,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    // Core loads client-node with a literal require() when one exists (synchronous, see its kubeconfig
    // loader); an ES module bundle has none, and esbuild's stand-in throws: give it Node's own.
    banner: {
      js: "import { createRequire as __kmcCreateRequire } from 'node:module';\nconst require = __kmcCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'error',
  });
  rewriteCoreImports(path.join(pkg, 'dist'), vendor);

  const cli = readJson(path.join(cliDir, 'package.json'));
  delete cli.devDependencies;
  delete cli.scripts;
  // The published CLI runs on the user's Node, which must be 22.15 or newer (docs/install.md: the
  // Kubernetes client's HTTP library needs zlib's zstd; bin/run.js relaunches the dashboard through
  // process.execve). The workspace packages carry
  // no engines of their own: in this repository they install on the machine's Node (20 is enough) and run
  // on the Node 24 that `npm ci` brings.
  cli.engines = { node: '>=22.15' };
  cli.files = ['bin', 'dist', 'oclif.manifest.json'];
  cli.dependencies = { ...core.dependencies, ...cli.dependencies };
  delete cli.dependencies[core.name];
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify(cli, null, 2) + '\n');
  for (const doc of ['README.md', 'LICENSE']) {
    if (existsSync(path.join(root, doc))) cpSync(path.join(root, doc), path.join(pkg, doc));
  }

  mkdirSync(outDir, { recursive: true });
  if (outArg < 0 && !existsSync(path.join(outDir, '.gitignore')))
    writeFileSync(path.join(outDir, '.gitignore'), '*\n');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
    cwd: pkg,
    encoding: 'utf8',
  });
  const [info] = JSON.parse(out);
  process.stdout.write(path.join(outDir, info.filename) + '\n');
} finally {
  rmSync(stage, { recursive: true, force: true });
}

/** What `oclif manifest` writes, computed without the oclif CLI (no update check, no file in the tree). */
async function oclifManifest(root) {
  const plugin = new Plugin({
    root,
    type: 'core',
    isRoot: true,
    ignoreManifest: true,
    errorOnManifestCreate: true,
  });
  await plugin.load();
  return plugin.manifest;
}

/** esbuild entry points for core's `exports` (`.` → index, `./api` → api, …) that have JavaScript. */
function coreEntryPoints(core) {
  const entries = {};
  for (const [key, value] of Object.entries(core.exports)) {
    const js = typeof value === 'object' ? value.default : value;
    if (!js.endsWith('.js')) continue;
    const file = path.join(coreDir, js);
    if (existsSync(file)) entries[key === '.' ? 'index' : key.slice(2)] = file;
  }
  return entries;
}

/**
 * Point every `@kubectl-mc/core` (or `@kubectl-mc/core/<subpath>`) import, static or dynamic, of the
 * compiled CLI at the inlined copy in `vendorDir`.
 */
function rewriteCoreImports(dir, vendorDir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file.startsWith(vendorDir + path.sep)) continue;
    const src = readFileSync(file, 'utf8');
    const out = src.replace(
      /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])@kubectl-mc\/core(?:\/([\w-]+))?\2/g,
      (_m, lead, quote, sub) => {
        const target = path.join(vendorDir, `${sub ?? 'index'}.js`);
        if (!existsSync(target)) throw new Error(`${file}: no vendored core for @kubectl-mc/core/${sub}`);
        let rel = path.relative(path.dirname(file), target).split(path.sep).join('/');
        if (!rel.startsWith('.')) rel = `./${rel}`;
        return `${lead}${quote}${rel}${quote}`;
      },
    );
    if (out !== src) writeFileSync(file, out);
  }
}
