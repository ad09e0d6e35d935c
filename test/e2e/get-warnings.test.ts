// Warnings only where kubectl warns: the same kubeconfigs through the real kubectl and `kubectl mc get`,
// the same (empty) stderr; mc's own notes about the kubeconfig only at -v=1 and above.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';
import { bin, run } from './helpers/run.js';

interface Kubeconfig {
  clusters: { name: string; cluster: Record<string, unknown> }[];
}

describe('kubectl mc get: warnings only where kubectl warns', function () {
  this.timeout(120_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let dir: string;
  const cases: { what: string; kubeconfig: string; note: RegExp }[] = [];

  before(async () => {
    requireTool('kubectl', ['version', '--client']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: ['one', 'two'], podsPerCluster: 2 });
    dir = mkdtempSync(path.join(tmpdir(), 'kmc-warn-'));
    const kc = parse(readFileSync(fleet.kubeconfigPath, 'utf8')) as Kubeconfig;
    const dup = structuredClone(kc);
    for (const c of dup.clusters) c.cluster['server'] = 'https://127.0.0.1:1';
    writeFileSync(path.join(dir, 'dup.yaml'), stringify(dup));
    const insecure = structuredClone(kc);
    for (const c of insecure.clusters) {
      delete c.cluster['certificate-authority-data'];
      c.cluster['insecure-skip-tls-verify'] = true;
    }
    writeFileSync(path.join(dir, 'insecure.yaml'), stringify(insecure));
    cases.push(
      {
        what: 'names defined again in a later KUBECONFIG file',
        kubeconfig: `${fleet.kubeconfigPath}:${path.join(dir, 'dup.yaml')}`,
        note: /warning: cluster "one" in .*dup\.yaml:\d+ is ignored: already defined in /,
      },
      {
        what: 'insecure-skip-tls-verify',
        kubeconfig: path.join(dir, 'insecure.yaml'),
        note: /warning: context "one": TLS certificate verification is disabled/,
      },
      {
        what: 'a KUBECONFIG file that does not exist',
        kubeconfig: `${path.join(dir, 'nope.yaml')}:${fleet.kubeconfigPath}`,
        note: /warning: KUBECONFIG file .*nope\.yaml does not exist; skipped/,
      },
    );
  });
  after(async () => {
    await fleet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const env = (kubeconfig: string): NodeJS.ProcessEnv => ({
    ...process.env,
    KUBECONFIG: kubeconfig,
    PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
    NO_COLOR: '1',
  });

  const titles = [
    'names defined again in a later KUBECONFIG file',
    'insecure-skip-tls-verify',
    'a missing KUBECONFIG file',
  ];
  for (const [i, title] of titles.entries()) {
    it(`${title}: the same empty stderr as kubectl; mc's note only at -v=1`, async () => {
      const c = cases[i]!;
      const args = ['get', 'ns', '--context', 'one'];
      const [mc, kubectl] = await Promise.all([
        run(bin, args, env(c.kubeconfig)),
        run('kubectl', args, env(c.kubeconfig)),
      ]);
      assert.equal(kubectl.code, 0, `${c.what}: ${kubectl.stderr}`);
      assert.equal(mc.code, 0, `${c.what}: ${mc.stderr}`);
      assert.equal(mc.stderr, kubectl.stderr, c.what);
      assert.equal(mc.stderr, '', c.what);
      const raw = await run(bin, ['get', '--raw', '/version', '--context', 'one'], env(c.kubeconfig));
      assert.equal(raw.stderr, '', c.what);
      const verbose = await run(bin, [...args, '-v=1'], env(c.kubeconfig));
      assert.match(verbose.stderr, c.note, c.what);
    });
  }
});
