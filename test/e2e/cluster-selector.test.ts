/**
 * `--cluster-selector` without a hub: kubeconfig contexts selected by what the topology file says about
 * their clusters (region, environment, workloads, labels), with Kubernetes' set-based syntax; the same
 * topology labels apply to a hub's clusters. The real kubectl is the oracle for the rows.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { bin, run } from './helpers/run.js';

const TOPOLOGY = `topology:
  clusters:
    - name: us-east-prod
      region: us-east
      environment: production
      workloads: [api-gateway, web-frontend]
    - name: eu-west-prod
      region: eu-west
      environment: production
      workloads: [databases]
      labels: { tier: gold }
    - name: staging
      region: eu-west
      purpose: staging
`;

/** The CLUSTER column's distinct values, in order. */
const clustersOf = (stdout: string) => [
  ...new Set(
    stdout
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => l.split(/\s+/)[0]),
  ),
];

describe('--cluster-selector over kubeconfig contexts, labels from the topology', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'staging'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let topo: string;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 6, hub: true });
    dir = await mkdtemp(path.join(os.tmpdir(), 'kmc-selector-'));
    topo = path.join(dir, 'topology.yaml');
    await writeFile(topo, TOPOLOGY);
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const mc = (...args: string[]) => run(bin, args, env, dir);
  const kubectl = (...args: string[]) => run('kubectl', args, env);

  it('get pods -A --all-clusters --cluster-selector environment=production: those contexts, rows as kubectl prints', async () => {
    const out = await mc(
      'get',
      'pods',
      '-A',
      '--all-clusters',
      '--topology',
      topo,
      '--cluster-selector',
      'environment=production',
    );
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(clustersOf(out.stdout).sort(), ['eu-west-prod', 'us-east-prod']);
    for (const ctx of ['us-east-prod', 'eu-west-prod']) {
      const real = await kubectl('get', 'pods', '-A', '--context', ctx, '--no-headers');
      assert.equal(real.code, 0, real.stderr);
      const mine = out.stdout
        .split('\n')
        .filter((l) => l.startsWith(`${ctx} `))
        .map((l) => l.slice(l.indexOf(' ')).trim().split(/\s+/).slice(0, 5).join(' '));
      const theirs = real.stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => l.trim().split(/\s+/).slice(0, 5).join(' '));
      assert.deepEqual(mine, theirs, ctx);
    }
  });

  it('set-based requirements, workloads as a multi-valued key, labels: and purpose', async () => {
    const pick = async (selector: string, ...more: string[]) => {
      const out = await mc(
        'get',
        'ns',
        'default',
        '--topology',
        topo,
        '--cluster-selector',
        selector,
        ...more,
      );
      assert.equal(out.code, 0, `${selector}: ${out.stderr}`);
      return clustersOf(out.stdout).sort();
    };
    assert.deepEqual(await pick('region in (eu-west),environment notin (production)'), ['staging']);
    assert.deepEqual(await pick('workload=databases'), ['eu-west-prod']);
    assert.deepEqual(await pick('workload in (web-frontend,reports)'), ['us-east-prod']);
    assert.deepEqual(await pick('tier'), ['eu-west-prod']);
    assert.deepEqual(await pick('!tier', '--clusters', 'us-east-prod,eu-west-prod,staging'), [
      'staging',
      'us-east-prod',
    ]);
    assert.deepEqual(await pick('environment=production', '--exclude', 'eu-*'), ['us-east-prod']);
  });

  it(".kubectl-mc.yaml's topology: is read without --topology; no match is a usage error", async () => {
    const proj = await mkdtemp(path.join(dir, 'proj-'));
    await writeFile(path.join(proj, 'topo.yaml'), TOPOLOGY);
    await writeFile(path.join(proj, '.kubectl-mc.yaml'), 'topology: topo.yaml\n');
    const out = await run(bin, ['get', 'ns', 'default', '--cluster-selector', 'tier=gold'], env, proj);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(clustersOf(out.stdout), ['eu-west-prod']);
    const none = await run(bin, ['get', 'ns', '--cluster-selector', 'region=mars'], env, proj);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no selected context matches --cluster-selector "region=mars"/);
    const bad = await run(bin, ['get', 'ns', '--cluster-selector', 'region in (a'], env, proj);
    assert.equal(bad.code, 2);
  });

  it("a hub's clusters take the topology's labels too, under the profile's own", async () => {
    const out = await mc(
      'get',
      'ns',
      'default',
      '--hub',
      'hub',
      '--cluster-providers',
      fleet.hub!.providersPath,
      '--topology',
      topo,
      '--cluster-selector',
      'tier=gold,workload=databases',
    );
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(clustersOf(out.stdout), ['eu-west-prod']);
  });
});
