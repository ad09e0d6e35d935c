import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startFleet, type Fleet } from '../src/index.js';
import { get } from './helpers.js';

interface Providers {
  providers: {
    name: string;
    execConfig: { command: string; args: string[]; env: { name: string; value: string }[] };
  }[];
}

/** Run the providers file's plugin as a client would, for the cluster named in `config`. */
function runPlugin(fleet: Fleet, config: unknown): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = (JSON.parse(readFileSync(fleet.hub!.providersPath, 'utf8')) as Providers).providers[0]!;
  const env = { ...process.env, ...Object.fromEntries(p.execConfig.env.map((e) => [e.name, e.value])) };
  env['KUBERNETES_EXEC_INFO'] = JSON.stringify({
    apiVersion: 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    spec: { cluster: { server: 'https://x', config }, interactive: false },
  });
  return new Promise((resolve) => {
    execFile(p.execConfig.command, p.execConfig.args, { env }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the hub (--hub)', function () {
  this.timeout(30_000);
  let fleet: Fleet;
  before(async () => {
    fleet = await startFleet({
      clusters: ['us-east-prod', 'eu-west-prod', 'dev'],
      podsPerCluster: 2,
      hub: true,
    });
  });
  after(async () => {
    await fleet?.stop();
  });

  it('serves ClusterProfiles on the hub only, pointing at the members', async () => {
    const hub = fleet.hub!;
    const kc = parse(readFileSync(fleet.kubeconfigPath, 'utf8')) as {
      users: { name: string; user: { token?: string } }[];
    };
    const token = kc.users.find((u) => u.name === 'hub-admin')!.user.token!;
    const hubCluster = { ...fleet.clusters[0]!, server: hub.server };
    const list = await get(fleet, hubCluster, '/apis/multicluster.x-k8s.io/v1alpha1/clusterprofiles', {
      token,
    });
    assert.equal(list.status, 200, list.text);
    const items = list.json<{
      items: {
        metadata: { name: string; namespace: string };
        status: {
          accessProviders: { name: string; cluster: { server: string } }[];
          conditions: { status: string }[];
        };
      }[];
    }>().items;
    assert.deepEqual(items.map((i) => i.metadata.name).sort(), [
      'dev',
      'eu-west-prod',
      'lab',
      'onprem-prod',
      'us-east-prod',
    ]);
    const byName = new Map(items.map((i) => [i.metadata.name, i]));
    assert.equal(
      byName.get('eu-west-prod')?.status.accessProviders[0]?.cluster.server,
      fleet.cluster('eu-west-prod').server,
    );
    assert.equal(byName.get('dev')?.status.conditions[0]?.status, 'False', 'the last member is unhealthy');
    assert.equal(byName.get('onprem-prod')?.status.accessProviders[0]?.name, 'vendor-vpn');
    // the members do not serve the Cluster Inventory API
    const member = await get(
      fleet,
      fleet.clusters[0]!,
      '/apis/multicluster.x-k8s.io/v1alpha1/clusterprofiles',
    );
    assert.equal(member.status, 404);
  });

  it('the plugin answers each member’s credential, and fails for a cluster it has none for', async () => {
    const ok = await runPlugin(fleet, { cluster: 'us-east-prod' });
    assert.equal(ok.code, 0, ok.stderr);
    const cred = JSON.parse(ok.stdout) as { kind: string; status: { token?: string } };
    assert.equal(cred.kind, 'ExecCredential');
    assert.equal(cred.status.token, fleet.cluster('us-east-prod').token);
    const cert = JSON.parse((await runPlugin(fleet, { cluster: 'eu-west-prod' })).stdout) as {
      status: { clientCertificateData?: string };
    };
    assert.match(cert.status.clientCertificateData ?? '', /BEGIN CERTIFICATE/);
    const lab = await runPlugin(fleet, { cluster: 'lab' });
    assert.equal(lab.code, 1);
    assert.match(lab.stderr, /no credentials for cluster "lab"/);
    const none = await runPlugin(fleet, undefined);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no cluster in KUBERNETES_EXEC_INFO/);
  });
});
