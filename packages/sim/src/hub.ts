// The hub: one more API server whose ClusterProfiles (KEP-4322, the Cluster Inventory API's CRD) point at
// the fleet's members, the access providers file (KEP-5339) naming one provider, `sim-token`, and the exec
// credentials plugin behind it: a small node script that reads the cluster from KUBERNETES_EXEC_INFO
// (`spec.cluster.config`, the profile's `client.authentication.k8s.io/exec` extension) and answers that
// member's credentials. Besides the members: `onprem-prod`, whose only provider (`vendor-vpn`) is not in
// the providers file, and `lab`, for which the plugin has no credentials (it fails); the last member's
// profile says its control plane is unhealthy.
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KubeObject } from './store.js';

export const HUB_NAMESPACE = 'fleet';
export const HUB_PROVIDER = 'sim-token';
export const CLUSTER_MANAGER = 'kubectl-mc-sim';

export interface HubMember {
  name: string;
  server: string;
  gitVersion: string;
  /** what the plugin answers for it: a token, or a client certificate and key (PEM) */
  credential: { token: string } | { clientCertificateData: string; clientKeyData: string };
}

export interface SimHub {
  /** kubeconfig context of the hub (admin) */
  context: string;
  /** kubeconfig context of a hub user who may list only in namespace default */
  restrictedContext: string;
  server: string;
  /** the access providers file for `--cluster-providers` */
  providersPath: string;
  /** the exec credentials plugin (a node script) */
  pluginPath: string;
}

/** environment and region of a member, from its name (`us-east-prod` → production, us-east) */
export function placementOf(name: string): { environment: string; region: string } {
  if (name.endsWith('-prod')) return { environment: 'production', region: name.slice(0, -'-prod'.length) };
  if (name === 'staging' || name === 'dev') {
    return { environment: name === 'dev' ? 'development' : 'staging', region: 'eu-west' };
  }
  return { environment: 'test', region: 'local' };
}

function profile(
  name: string,
  created: string,
  env: { environment: string; region: string },
  status: Record<string, unknown>,
  healthy = true,
): KubeObject {
  return {
    apiVersion: 'multicluster.x-k8s.io/v1alpha1',
    kind: 'ClusterProfile',
    metadata: {
      name,
      namespace: HUB_NAMESPACE,
      creationTimestamp: created,
      labels: {
        'x-k8s.io/cluster-manager': CLUSTER_MANAGER,
        environment: env.environment,
        region: env.region,
      },
    },
    spec: { displayName: name, clusterManager: { name: CLUSTER_MANAGER } },
    status: {
      conditions: [
        {
          type: 'ControlPlaneHealthy',
          status: healthy ? 'True' : 'False',
          reason: healthy ? 'Healthy' : 'APIServerDegraded',
          message: healthy ? 'the control plane is healthy' : 'etcd reports slow disk',
          lastTransitionTime: created,
        },
      ],
      properties: [
        { name: 'environment', value: env.environment, lastObservedTime: created },
        { name: 'region', value: env.region, lastObservedTime: created },
        { name: 'clusterset.k8s.io', value: 'sim', lastObservedTime: created },
      ],
      ...status,
    },
  };
}

function accessTo(server: string, caPem: string, cluster: string): Record<string, unknown>[] {
  return [
    {
      name: HUB_PROVIDER,
      cluster: {
        server,
        'certificate-authority-data': Buffer.from(caPem).toString('base64'),
        extensions: [{ name: 'client.authentication.k8s.io/exec', extension: { cluster } }],
      },
    },
  ];
}

/** The hub's ClusterProfiles: one per member, then `onprem-prod` and `lab`. */
export function hubProfiles(members: HubMember[], caPem: string, now: number): KubeObject[] {
  const created = new Date(now - 3 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const out = members.map((m, i) =>
    profile(
      m.name,
      created,
      placementOf(m.name),
      { version: { kubernetes: m.gitVersion }, accessProviders: accessTo(m.server, caPem, m.name) },
      i !== members.length - 1 || members.length === 1,
    ),
  );
  out.push(
    profile(
      'onprem-prod',
      created,
      { environment: 'production', region: 'onprem' },
      { accessProviders: [{ name: 'vendor-vpn', cluster: { server: 'https://10.255.0.1:6443' } }] },
    ),
  );
  out.push(
    profile(
      'lab',
      created,
      { environment: 'lab', region: 'local' },
      { accessProviders: accessTo(members[0]!.server, caPem, 'lab') },
    ),
  );
  return out;
}

const PLUGIN = `#!/usr/bin/env node
// kubectl-mc-sim's access provider plugin (KEP-5339): KUBERNETES_EXEC_INFO names the cluster in
// spec.cluster.config.cluster; the answer is that cluster's credential as an ExecCredential.
import { readFileSync } from 'node:fs';
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO ?? '{}');
const cluster = info?.spec?.cluster?.config?.cluster;
if (typeof cluster !== 'string') {
  process.stderr.write('kubectl-mc-sim plugin: no cluster in KUBERNETES_EXEC_INFO (set provideClusterInfo)\\n');
  process.exit(1);
}
const creds = JSON.parse(readFileSync(process.env.SIM_HUB_CREDENTIALS ?? '', 'utf8'));
const status = creds[cluster];
if (!status) {
  process.stderr.write('kubectl-mc-sim plugin: no credentials for cluster "' + cluster + '"\\n');
  process.exit(1);
}
process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential', status }));
`;

/** Write the plugin, its credentials (0600) and the providers file into `dir`. */
export async function writeHubFiles(
  dir: string,
  members: HubMember[],
): Promise<{ providersPath: string; pluginPath: string }> {
  const pluginPath = path.join(dir, 'sim-token-plugin.mjs');
  const credsPath = path.join(dir, 'sim-token-credentials.json');
  const providersPath = path.join(dir, 'clusterprofile-providers.json');
  await writeFile(pluginPath, PLUGIN, { mode: 0o700 });
  await chmod(pluginPath, 0o700);
  await writeFile(credsPath, JSON.stringify(Object.fromEntries(members.map((m) => [m.name, m.credential]))), {
    mode: 0o600,
  });
  const providers = {
    providers: [
      {
        name: HUB_PROVIDER,
        execConfig: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: process.execPath,
          args: [pluginPath],
          env: [{ name: 'SIM_HUB_CREDENTIALS', value: credsPath }],
          interactiveMode: 'Never',
          provideClusterInfo: true,
        },
      },
    ],
  };
  await writeFile(providersPath, `${JSON.stringify(providers, null, 2)}\n`, { mode: 0o600 });
  return { providersPath, pluginPath };
}
