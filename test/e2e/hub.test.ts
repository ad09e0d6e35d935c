/**
 * Fleets from a hub end to end: the simulator's hub serves ClusterProfiles (checked with the real kubectl),
 * the built `kubectl-mc` lists them, gets credentials from the access provider's exec plugin and answers
 * per member exactly as the real kubectl does against that member; a profile without a configured
 * provider, a failing plugin, and a hub that is forbidden or down are each named on stderr, exit 1.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { bin, run } from './helpers/run.js';

/** Split an aligned table into cells by the header's column starts. */
function parseTable(text: string): { headers: string[]; rows: string[][] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0] ?? '';
  const starts: number[] = [];
  const re = /(?:^|\s{2,})(\S)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) starts.push(m.index + m[0].length - 1);
  const cut = (line: string) =>
    starts.map((s, i) => line.slice(s, i + 1 < starts.length ? starts[i + 1] : undefined).trim());
  return { headers: cut(header), rows: lines.slice(1).map(cut) };
}

const norm = (rows: string[][]) => rows.map((r) => r.map((c) => c.replace(/\(\S+ ago\)/g, '(… ago)')));

describe('kubectl mc --hub (ClusterProfiles from the simulated hub)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'staging'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let providers: string;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 8, hub: true });
    assert.ok(fleet.hub);
    providers = fleet.hub.providersPath;
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
  });

  const mc = (...args: string[]) => run(bin, args, env);
  const kubectl = (...args: string[]) => run('kubectl', args, env);
  const hub = ['--hub', 'hub', '--cluster-providers'];

  it('the real kubectl lists the ClusterProfiles on the hub', async () => {
    const r = await kubectl('--context', 'hub', 'get', 'clusterprofiles.multicluster.x-k8s.io', '-A');
    assert.equal(r.code, 0, r.stderr);
    const { headers, rows } = parseTable(r.stdout);
    assert.deepEqual(headers, ['NAMESPACE', 'NAME', 'AGE']);
    assert.deepEqual(rows.map((x) => `${x[0]}/${x[1]}`).sort(), [
      'fleet/eu-west-prod',
      'fleet/lab',
      'fleet/onprem-prod',
      'fleet/staging',
      'fleet/us-east-prod',
    ]);
    const json = await kubectl(
      '--context',
      'hub',
      'get',
      'clusterprofile',
      'us-east-prod',
      '-n',
      'fleet',
      '-o',
      'json',
    );
    const obj = JSON.parse(json.stdout) as {
      status: { accessProviders: { name: string; cluster: { server: string } }[] };
    };
    assert.equal(obj.status.accessProviders[0]?.name, 'sim-token');
    assert.equal(obj.status.accessProviders[0]?.cluster.server, fleet.cluster('us-east-prod').server);
  });

  it('get --cluster-selector environment=production: exactly the production members, rows as kubectl prints them', async () => {
    const [out, ...reals] = await Promise.all([
      mc('get', 'pods', '-A', ...hub, providers, '--cluster-selector', 'environment=production'),
      ...['us-east-prod', 'eu-west-prod'].map((ctx) => kubectl('get', 'pods', '-A', '--context', ctx)),
    ]);
    assert.equal(out.code, 1, out.stderr);
    // the profile whose only provider is not configured is named (its display name, then the profile),
    // with the provider
    assert.match(out.stderr, /"onprem-prod".*"fleet\/onprem-prod".*"vendor-vpn".*none is configured/);
    assert.equal(out.stderr.trim().split('\n').length, 1, out.stderr);
    const mine = parseTable(out.stdout);
    assert.deepEqual(mine.headers.slice(0, 2), ['CLUSTER', 'NAMESPACE']);
    assert.deepEqual([...new Set(mine.rows.map((r) => r[0]))].sort(), ['eu-west-prod', 'us-east-prod']);
    for (const [i, ctx] of ['us-east-prod', 'eu-west-prod'].entries()) {
      const real = parseTable(reals[i]!.stdout);
      assert.deepEqual(mine.headers.slice(1), real.headers);
      const rows = mine.rows.filter((r) => r[0] === ctx).map((r) => r.slice(1));
      assert.deepEqual(norm(rows), norm(real.rows), ctx);
    }
  });

  it('property: selects over status.properties; all answer, exit 0', async () => {
    const out = await mc(
      'get',
      'ns',
      ...hub,
      providers,
      '--cluster-selector',
      'property:region in (us-east,eu-west)',
    );
    assert.equal(out.code, 0, out.stderr);
    const clusters = [...new Set(parseTable(out.stdout).rows.map((r) => r[0]))].sort();
    assert.deepEqual(clusters, ['eu-west-prod', 'staging', 'us-east-prod']);
    const none = await mc('get', 'ns', ...hub, providers, '--cluster-selector', 'property:region=mars');
    assert.equal(none.code, 2);
    assert.match(
      none.stderr,
      /no ClusterProfile on the hub matches --cluster-selector "property:region=mars"/,
    );
  });

  it("a plugin that fails is that cluster's error, with what the plugin said", async () => {
    // --clusters takes a profile's <namespace>/<name> as well as its (display) name
    const out = await mc('get', 'ns', ...hub, providers, '--clusters', 'fleet/lab,fleet/us-east-prod');
    assert.equal(out.code, 1);
    assert.match(
      out.stderr,
      /context "lab": Auth: exec plugin .*exited with code 1.*no credentials for cluster "lab"/,
    );
    assert.ok(out.stdout.includes('us-east-prod'), out.stdout);
    assert.ok(!parseTable(out.stdout).rows.some((r) => r[0] === 'lab'), out.stdout);
  });

  it('a forbidden hub and a down hub are named; the other hub still answers', async () => {
    const forbidden = await mc('get', 'ns', '--hub', 'hub-restricted', '--cluster-providers', providers);
    assert.equal(forbidden.code, 1);
    assert.match(forbidden.stderr, /hub:hub-restricted.*Forbidden.*clusterprofiles.*cannot list/);
    const extra = path.join(path.dirname(fleet.kubeconfigPath), 'down-hub.yaml');
    await writeFile(
      extra,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: down, cluster: {server: "https://127.0.0.1:1"}}]',
        'users: [{name: nobody, user: {token: x}}]',
        'contexts: [{name: hub-down, context: {cluster: down, user: nobody}}]',
      ].join('\n'),
    );
    const both = await run(
      bin,
      [
        'get',
        'ns',
        '--hub',
        'hub,hub-down',
        '--cluster-providers',
        providers,
        '--cluster-selector',
        'region=us-east',
      ],
      { ...env, KUBECONFIG: `${fleet.kubeconfigPath}:${extra}` },
    );
    assert.equal(both.code, 1);
    assert.match(both.stderr, /hub:hub-down.*Unreachable/);
    assert.deepEqual([...new Set(parseTable(both.stdout).rows.map((r) => r[0]))], ['us-east-prod']);
  });

  it("contexts --check shows the profile's ControlPlaneHealthy beside the live check", async () => {
    const out = await mc(
      'contexts',
      '--check',
      '-o',
      'json',
      ...hub,
      providers,
      '--cluster-selector',
      'environment!=lab',
    );
    assert.equal(out.code, 1, out.stderr); // onprem-prod has no configured provider
    const rows = JSON.parse(out.stdout) as {
      name: string;
      profile?: { controlPlaneHealthy: string | null };
      check?: { status: string };
    }[];
    const by = new Map(rows.map((r) => [r.name, r]));
    assert.equal(by.get('staging')?.profile?.controlPlaneHealthy, 'False');
    assert.equal(by.get('staging')?.check?.status, 'ok');
    assert.equal(by.get('us-east-prod')?.profile?.controlPlaneHealthy, 'True');
    assert.equal(by.get('onprem-prod')?.check?.status, 'Auth');
  });

  it('foreach runs the real kubectl per hub cluster; kubectl runs the provider plugin itself', async () => {
    const out = await mc(
      'foreach',
      ...hub,
      providers,
      '--cluster-selector',
      'environment=production',
      '--',
      'get',
      'ns',
      'default',
      '--no-headers',
    );
    assert.equal(out.code, 1);
    assert.match(out.stderr, /onprem-prod.*none is configured/);
    const lines = out.stdout.trim().split('\n').sort();
    assert.equal(lines.length, 2, out.stdout);
    assert.match(lines[0]!, /^eu-west-prod \| default\s+Active/);
    assert.match(lines[1]!, /^us-east-prod \| default\s+Active/);
  });

  it('a profile added on the hub is in the next command; a shared display name gives way to <namespace>/<name>', async () => {
    const before = await mc('contexts', '--no-check', ...hub, providers);
    assert.ok(!before.stdout.includes('fleet/us-east-copy'));
    const src = fleet.hub!.store.entry('clusterprofiles', 'fleet', 'us-east-prod');
    assert.ok(src);
    const copy = JSON.parse(src.json) as { metadata: Record<string, unknown> };
    copy.metadata = { ...copy.metadata, name: 'us-east-copy', uid: 'copy', resourceVersion: undefined };
    fleet.hub!.store.add('clusterprofiles', copy as never);
    const after = await mc('get', 'ns', 'default', ...hub, providers, '--clusters', 'fleet/us-east-copy');
    assert.equal(after.code, 0, after.stderr);
    // the copy has the same display name as us-east-prod: neither may use it
    assert.match(after.stdout, /fleet\/us-east-copy\s+default\s+Active/);
    const all = await mc('contexts', '--no-check', '-o', 'json', ...hub, providers);
    const listed = (JSON.parse(all.stdout) as { name: string }[]).map((r) => r.name);
    assert.ok(listed.includes('fleet/us-east-prod'), all.stdout);
    assert.ok(listed.includes('staging'), all.stdout);
    fleet.hub!.store.delete('clusterprofiles', 'fleet', 'us-east-copy');
  });

  it('hub flags without --hub are usage errors', async () => {
    const out = await mc('get', 'ns', '--cluster-selector', 'env=prod');
    assert.equal(out.code, 2);
    assert.match(out.stderr, /--cluster-selector needs --hub, or a topology/);
    const ns = await mc('get', 'ns', '--hub-namespace', 'fleet');
    assert.equal(ns.code, 2);
    assert.match(ns.stderr, /--hub-namespace needs --hub/);
  });
});
