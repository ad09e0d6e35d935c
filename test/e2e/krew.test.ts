// The krew channel: scripts/krew-manifest.mjs archives the standalone binary and writes the plugin
// manifest. Checked against krew's own validation (internal/index/validation: apiVersion, kind, safe
// name, one-line shortDescription, v-prefixed semver, platforms with https uri, 64-hex sha256, bin,
// files from/to, selectors on os/arch only), the archive's real sha256, and the bin inside the archive
// actually running. Builds the binary first (~10 s, shared with install-binary.test.ts); needs `npm run build`.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exec, repo, sharedBinary } from './helpers/channels.js';
import { parse } from 'yaml';

interface Platform {
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string }> };
  uri?: string;
  sha256?: string;
  bin?: string;
  files?: Array<{ from?: string; to?: string }>;
}
interface KrewPlugin {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    version?: string;
    homepage?: string;
    shortDescription?: string;
    description?: string;
    caveats?: string;
    platforms?: Platform[];
  };
}

/** krew's ValidatePlugin, restated: the reasons krew would refuse the manifest. */
function krewProblems(p: KrewPlugin, fileName: string): string[] {
  const problems: string[] = [];
  const name = p.metadata?.name ?? '';
  if (p.apiVersion !== 'krew.googlecontainertools.github.com/v1alpha2') problems.push('apiVersion');
  if (p.kind !== 'Plugin') problems.push('kind');
  if (!/^[\w-]+$/.test(name) || /^(CON|PRN|AUX|NUL|COM\d|LPT\d)$/i.test(name)) problems.push('unsafe name');
  if (fileName !== `${name}.yaml`) problems.push('file name does not match metadata.name');
  const s = p.spec ?? {};
  if (!s.shortDescription || /[\r\n]/.test(s.shortDescription)) problems.push('shortDescription');
  if (!/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(s.version ?? ''))
    problems.push('version');
  if (s.homepage !== undefined && !s.homepage.startsWith('https://')) problems.push('homepage');
  if (!s.platforms || s.platforms.length === 0) problems.push('no platforms');
  for (const pl of s.platforms ?? []) {
    if (!pl.uri?.startsWith('https://')) problems.push('uri');
    if (!/^[a-f0-9]{64}$/.test(pl.sha256 ?? '')) problems.push('sha256');
    if (!pl.bin) problems.push('bin');
    if (pl.files && (pl.files.length === 0 || pl.files.some((f) => !f.from || !f.to))) problems.push('files');
    const labels = pl.selector?.matchLabels ?? {};
    const keys = [...Object.keys(labels), ...(pl.selector?.matchExpressions ?? []).map((e) => e.key)];
    if (keys.length === 0 || keys.some((k) => k !== 'os' && k !== 'arch')) problems.push('selector');
  }
  return problems;
}

describe('install: krew manifest and release archive', function () {
  this.timeout(180_000);
  let work: string;
  let manifestFile: string;
  let manifest: KrewPlugin;
  let archive: string;
  let bin: string;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'kmc-krew-'));
    bin = await sharedBinary();
    manifestFile = path.join(work, 'plugins', 'mc.yaml');
    const { stdout } = await exec(
      process.execPath,
      [
        path.join(repo, 'scripts/krew-manifest.mjs'),
        '--binary',
        `linux/amd64=${bin}`,
        '--out-dir',
        path.join(work, 'release'),
        '--manifest',
        manifestFile,
        '--gzip-level',
        '1',
      ],
      { timeout: 120_000 },
    );
    archive = stdout.split('\n').find((l) => l.endsWith('.tar.gz')) ?? '';
    manifest = parse(await readFile(manifestFile, 'utf8')) as KrewPlugin;
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('passes krew’s structural validation, named mc', () => {
    assert.deepEqual(krewProblems(manifest, path.basename(manifestFile)), []);
    assert.equal(manifest.metadata?.name, 'mc');
    assert.ok(manifest.spec?.description && manifest.spec.caveats);
  });

  it('the validator restated here does refuse a bad manifest', () => {
    const bad: KrewPlugin = JSON.parse(JSON.stringify(manifest));
    bad.spec!.version = '0.1.0';
    bad.spec!.platforms![0]!.sha256 = 'ABC';
    bad.spec!.platforms![0]!.uri = 'http://example.invalid/x.tar.gz';
    bad.spec!.platforms![0]!.selector = { matchLabels: { os: 'linux', distro: 'debian' } };
    assert.deepEqual(krewProblems(bad, 'mc.yaml'), ['version', 'uri', 'sha256', 'selector']);
  });

  it('has a linux/amd64 platform whose sha256 is the archive’s and whose uri names it', async () => {
    const pl = manifest.spec?.platforms?.find(
      (p) => p.selector?.matchLabels?.os === 'linux' && p.selector.matchLabels.arch === 'amd64',
    );
    assert.ok(pl, 'linux/amd64 platform');
    const digest = createHash('sha256')
      .update(await readFile(archive))
      .digest('hex');
    assert.equal(pl.sha256, digest);
    assert.equal(path.basename(pl.uri ?? ''), path.basename(archive));
  });

  it('ships the bin, the completion helper, LICENSE and README in the archive, and the bin runs', async () => {
    const pl = manifest.spec!.platforms![0]!;
    const { stdout: listing } = await exec('tar', ['tzf', archive]);
    const entries = listing.trim().split('\n').sort();
    assert.deepEqual(entries, ['LICENSE', 'README.md', 'kubectl-mc', 'kubectl_complete-mc']);
    for (const f of pl.files ?? []) assert.ok(entries.includes(f.from!), `files.from ${f.from}`);
    // Install as krew does: unpack, then the bin is what kubectl runs.
    const unpacked = path.join(work, 'store');
    await mkdir(unpacked);
    await exec('tar', ['xzf', archive, '-C', unpacked]);
    const bin = path.join(unpacked, pl.bin!);
    assert.ok(((await stat(bin)).mode & 0o111) !== 0, 'bin is executable');
    const { stdout } = await exec(bin, ['--version'], { env: { PATH: '/usr/bin:/bin' } });
    assert.match(stdout, new RegExp(`^kubectl-mc/${manifest.spec!.version!.slice(1)} linux-x64`));
  });

  it('builds the same archive twice (reproducible: no timestamps, fixed owner)', async () => {
    const again = path.join(work, 'again');
    const { stdout } = await exec(
      process.execPath,
      [
        path.join(repo, 'scripts/krew-manifest.mjs'),
        '--binary',
        `linux/amd64=${bin}`,
        '--out-dir',
        again,
        '--manifest',
        path.join(again, 'mc.yaml'),
        '--gzip-level',
        '1',
      ],
      { timeout: 120_000 },
    );
    assert.ok(existsSync(path.join(again, path.basename(archive))), stdout);
    const second = parse(await readFile(path.join(again, 'mc.yaml'), 'utf8')) as KrewPlugin;
    assert.equal(second.spec?.platforms?.[0]?.sha256, manifest.spec?.platforms?.[0]?.sha256);
  });
});
