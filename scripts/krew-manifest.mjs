#!/usr/bin/env node
// `npm run krew:manifest`: release archives for krew and the plugin manifest plugins/mc.yaml.
//
// For each platform binary (default: this machine's dist-bin/kubectl-mc, from `npm run build:binary`)
// it writes dist-krew/kubectl-mc_<version>_<os>_<arch>.tar.gz holding kubectl-mc, the
// kubectl_complete-mc helper, LICENSE and README.md (reproducible: sorted, fixed mtime and owner, gzip
// without a timestamp), and a krew `Plugin` manifest whose sha256 sums are those archives'.
//
// The name `mc` is taken in krew's central index, so kubectl-mc is distributed through its own index
// (a git repository with plugins/mc.yaml): `kubectl krew index add kubectl-mc <git url>` then
// `kubectl krew install kubectl-mc/mc`.
//
// Options:
//   --binary <os>/<arch>=<path>   a platform's binary (repeatable; default <this os>/<this arch>=dist-bin/kubectl-mc)
//   --version <vX.Y.Z>           default: v + the CLI's package.json version
//   --base-url <https url>       where the archives are published (default: the GitHub release of the version)
//   --out-dir <dir>              archives (default dist-krew/)
//   --manifest <file>            default plugins/mc.yaml
//   --note <text>                a comment put at the top of the manifest
//   --gzip-level <1-9>           default 9 (tests use 1: same archive layout, faster)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliDir = path.join(root, 'packages', 'cli');
const REPO_URL = 'https://github.com/kubectl-mc/kubectl-mc';

const argv = process.argv.slice(2);
const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const opts = (name) => argv.flatMap((a, i) => (a === name && argv[i + 1] !== undefined ? [argv[i + 1]] : []));

const pkg = JSON.parse(readFileSync(path.join(cliDir, 'package.json'), 'utf8'));
const version = opt('--version') ?? `v${pkg.version}`;
if (!/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version))
  throw new Error(`version ${version}: krew wants vMAJOR.MINOR.PATCH`);
const baseUrl = (opt('--base-url') ?? `${REPO_URL}/releases/download/${version}`).replace(/\/$/, '');
if (!baseUrl.startsWith('https://')) throw new Error('--base-url must be an https URL');
const outDir = path.resolve(opt('--out-dir') ?? path.join(root, 'dist-krew'));
const gzipLevel = Number(opt('--gzip-level') ?? 9);
if (!Number.isInteger(gzipLevel) || gzipLevel < 1 || gzipLevel > 9) throw new Error('--gzip-level is 1..9');
const manifestPath = path.resolve(opt('--manifest') ?? path.join(root, 'plugins', 'mc.yaml'));

const KREW_OS = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const KREW_ARCH = { x64: 'amd64', arm64: 'arm64', arm: 'arm' };
const binaries = opts('--binary').map((spec) => {
  const m = /^([a-z]+)\/([a-z0-9]+)=(.+)$/.exec(spec);
  if (!m) throw new Error(`--binary ${spec}: expected <os>/<arch>=<path>`);
  return { os: m[1], arch: m[2], file: path.resolve(m[3]) };
});
if (binaries.length === 0) {
  const os = KREW_OS[process.platform];
  const arch = KREW_ARCH[process.arch];
  if (!os || !arch) throw new Error(`no krew platform for ${process.platform}/${process.arch}`);
  binaries.push({ os, arch, file: path.join(root, 'dist-bin', 'kubectl-mc') });
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function licenseText() {
  const own = path.join(root, 'LICENSE');
  if (existsSync(own)) return readFileSync(own, 'utf8');
  return `kubectl-mc is licensed under the Apache License, Version 2.0 (SPDX-License-Identifier: ${pkg.license}).
You may obtain a copy of the License at https://www.apache.org/licenses/LICENSE-2.0
`;
}

/** A reproducible .tar.gz of `files` ({name, from, mode}) at `out`. */
function archive(files, out) {
  const stage = mkdtempSync(path.join(tmpdir(), 'kubectl-mc-krew-'));
  try {
    for (const f of files) {
      const to = path.join(stage, f.name);
      if (f.from) copyFileSync(f.from, to);
      else writeFileSync(to, f.text);
      chmodSync(to, f.mode);
    }
    const tar = path.join(stage, 'archive.tar');
    execFileSync('tar', [
      '--sort=name',
      '--mtime=@0',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '-cf',
      tar,
      '-C',
      stage,
      ...files.map((f) => f.name).sort(),
    ]);
    execFileSync('sh', ['-c', 'gzip -n "-$3" -c "$1" > "$2"', 'sh', tar, out, String(gzipLevel)]);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

mkdirSync(outDir, { recursive: true });
// dist-krew/ holds build output only: keep it out of git without touching the repository's .gitignore.
if (!opt('--out-dir') && !existsSync(path.join(outDir, '.gitignore')))
  writeFileSync(path.join(outDir, '.gitignore'), '*\n');
const platforms = [];
for (const b of binaries) {
  if (!existsSync(b.file)) throw new Error(`${b.file} is missing: run \`npm run build:binary\` first`);
  const bin = b.os === 'windows' ? 'kubectl-mc.exe' : 'kubectl-mc';
  const name = `kubectl-mc_${version}_${b.os}_${b.arch}.tar.gz`;
  const out = path.join(outDir, name);
  const files = [
    { name: bin, from: b.file, mode: 0o755 },
    { name: 'LICENSE', text: licenseText(), mode: 0o644 },
    { name: 'README.md', from: path.join(root, 'README.md'), mode: 0o644 },
  ];
  if (b.os !== 'windows') {
    files.push({
      name: 'kubectl_complete-mc',
      from: path.join(cliDir, 'bin', 'kubectl_complete-mc'),
      mode: 0o755,
    });
  }
  archive(files, out);
  platforms.push({
    selector: { matchLabels: { os: b.os, arch: b.arch } },
    uri: `${baseUrl}/${name}`,
    sha256: sha256(out),
    bin,
    files: files.map((f) => ({ from: f.name, to: '.' })),
  });
  process.stdout.write(`${out}\n`);
}

const manifest = {
  apiVersion: 'krew.googlecontainertools.github.com/v1alpha2',
  kind: 'Plugin',
  metadata: { name: 'mc' },
  spec: {
    version,
    homepage: REPO_URL,
    shortDescription: 'Run kubectl get, describe, logs, events and top across a fleet',
    description: `kubectl-mc is kubectl for a fleet. It asks every cluster of your kubeconfig at once
(or the ones you select with --clusters and --exclude globs) and prints one merged table with a
CLUSTER column, naming each cluster that is down, slow or refusing instead of hanging. It also has a
terminal dashboard of the fleet and a linter for multi-cluster topology YAML (rollout pipelines,
KubeFed placement, Istio multi-cluster, CoreDNS forwarding, Prometheus federation).

  kubectl mc get pods --all-clusters
  kubectl mc describe deploy payment --all-clusters
  kubectl mc logs -l app=payment --all-clusters -f
  kubectl mc events -A --all-clusters --types Warning
  kubectl mc foreach --all-clusters -- auth can-i list pods
  kubectl mc contexts
  kubectl mc lint fleet.yaml
  kubectl mc dashboard
`,
    caveats: `kubectl-mc reads your kubeconfig (KUBECONFIG or ~/.kube/config) and never writes it.
Commands that take --all-clusters talk to every cluster listed there.

Shell completion for "kubectl mc <TAB>" (kubectl 1.26+): krew links only kubectl-mc into its bin
directory; link the completion helper shipped beside it too:
  ln -sf "\${KREW_ROOT:-$HOME/.krew}/store/mc/${version}/kubectl_complete-mc" "\${KREW_ROOT:-$HOME/.krew}/bin/"
`,
    platforms,
  },
};

const note = opt('--note');
const header = [
  '# Generated by scripts/krew-manifest.mjs (npm run krew:manifest): do not edit by hand.',
  ...(note ? note.split('\n').map((l) => `# ${l}`) : []),
].join('\n');
mkdirSync(path.dirname(manifestPath), { recursive: true });
writeFileSync(manifestPath, `${header}\n${stringify(manifest, { lineWidth: 0 })}`);
process.stdout.write(`${manifestPath}\n`);
