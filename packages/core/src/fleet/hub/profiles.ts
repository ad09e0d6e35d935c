/**
 * ClusterProfiles (KEP-4322, `multicluster.x-k8s.io/v1alpha1`) as the hub sends them, untrusted: read
 * into typed values with bounded strings, and turned into a connection with the user's access providers
 * (KEP-5339). Nothing secret ever comes from a profile: it says where a cluster is and which kinds of
 * access it accepts; the credentials come from the plugin the user's providers file names.
 */
import type { Cluster, User } from '@kubernetes/client-node';
import { ClusterError } from '../../errors.js';
import { isRecord } from '../../kubeconfig/file.js';
import type { ConnectionConfig } from '../../kubeconfig/types.js';
import { oneLine, q } from '../../util/text.js';
import type { AccessProvider, ProvidersConfig } from './providers.js';

export const CLUSTER_PROFILE_RESOURCE = 'clusterprofiles.multicluster.x-k8s.io';
/** The cluster extension whose value client-go passes to the plugin as `spec.cluster.config`. */
export const EXEC_EXTENSION = 'client.authentication.k8s.io/exec';
export const ADDITIONAL_ARGS_EXTENSION = 'clusterprofiles.multicluster.x-k8s.io/exec/additional-args';
export const ADDITIONAL_ENVS_EXTENSION = 'clusterprofiles.multicluster.x-k8s.io/exec/additional-envs';

const MAX_TEXT = 1024;

/** One access provider entry of a profile: its name and how to reach the cluster with it. */
export interface ProfileAccess {
  name: string;
  server?: string;
  caData?: string;
  tlsServerName?: string;
  insecureSkipTlsVerify: boolean;
  proxyUrl?: string;
  /** The cluster's `extensions`, by name. */
  extensions: Record<string, unknown>;
}

export interface ProfileCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** One ClusterProfile, validated. */
export interface HubCluster {
  /**
   * The cluster's name in every command: its display name when that is unique in the fleet (see
   * `nameHubClusters`), else `<namespace>/<name>` (as `parseProfile` leaves it).
   */
  id: string;
  /** `<namespace>/<name>`: the profile on its hub (also accepted by `--clusters`/`--exclude`). */
  ref: string;
  namespace: string;
  name: string;
  displayName?: string;
  /** The hub context it was listed from. */
  hub: string;
  labels: Record<string, string>;
  /** `status.properties`, by name. */
  properties: Record<string, string>;
  conditions: ProfileCondition[];
  kubernetesVersion?: string;
  /** `status.accessProviders`, then the older `status.credentialProviders` (same shape). */
  access: ProfileAccess[];
}

function text(v: unknown, max = MAX_TEXT): string | undefined {
  return typeof v === 'string' && v !== '' ? oneLine(v, max) : undefined;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v))
    if (typeof val === 'string') out[oneLine(k, 317)] = oneLine(val, 253);
  return out;
}

function accessOf(raw: unknown): ProfileAccess | undefined {
  if (!isRecord(raw)) return undefined;
  const name = text(raw['name'], 253);
  if (name === undefined) return undefined;
  const c = isRecord(raw['cluster']) ? raw['cluster'] : {};
  const extensions: Record<string, unknown> = {};
  if (Array.isArray(c['extensions'])) {
    for (const e of c['extensions']) {
      if (isRecord(e) && typeof e['name'] === 'string') extensions[e['name']] = e['extension'];
    }
  }
  const server = text(c['server'], 2048);
  const caData =
    typeof c['certificate-authority-data'] === 'string' ? c['certificate-authority-data'] : undefined;
  const tlsServerName = text(c['tls-server-name'], 253);
  const proxyUrl = text(c['proxy-url'], 2048);
  return {
    name,
    ...(server !== undefined && { server }),
    ...(caData !== undefined && caData !== '' && { caData }),
    ...(tlsServerName !== undefined && { tlsServerName }),
    insecureSkipTlsVerify: c['insecure-skip-tls-verify'] === true,
    ...(proxyUrl !== undefined && { proxyUrl }),
    extensions,
  };
}

/** A profile as the hub sent it, or undefined when it is not one (no name or namespace). */
export function parseProfile(obj: unknown, hub: string): HubCluster | undefined {
  if (!isRecord(obj) || !isRecord(obj['metadata'])) return undefined;
  const md = obj['metadata'];
  const name = text(md['name'], 253);
  const namespace = text(md['namespace'], 63);
  if (name === undefined || namespace === undefined) return undefined;
  const spec = isRecord(obj['spec']) ? obj['spec'] : {};
  const status = isRecord(obj['status']) ? obj['status'] : {};
  const properties: Record<string, string> = {};
  if (Array.isArray(status['properties'])) {
    for (const p of status['properties']) {
      if (isRecord(p) && typeof p['name'] === 'string' && typeof p['value'] === 'string') {
        properties[oneLine(p['name'], 253)] = oneLine(p['value'], MAX_TEXT);
      }
    }
  }
  const conditions: ProfileCondition[] = [];
  if (Array.isArray(status['conditions'])) {
    for (const c of status['conditions']) {
      if (!isRecord(c)) continue;
      const type = text(c['type'], 316);
      const st = text(c['status'], 16);
      if (type === undefined || st === undefined) continue;
      const reason = text(c['reason']);
      const message = text(c['message']);
      conditions.push({
        type,
        status: st,
        ...(reason !== undefined && { reason }),
        ...(message !== undefined && { message }),
      });
    }
  }
  const access: ProfileAccess[] = [];
  for (const field of ['accessProviders', 'credentialProviders']) {
    const list = status[field];
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const a = accessOf(raw);
      if (a && !access.some((x) => x.name === a.name)) access.push(a);
    }
  }
  const displayName = isRecord(spec) ? text(spec['displayName'], 253) : undefined;
  const version = isRecord(status['version']) ? text(status['version']['kubernetes'], 64) : undefined;
  return {
    id: `${namespace}/${name}`,
    ref: `${namespace}/${name}`,
    namespace,
    name,
    hub,
    labels: stringMap(md['labels']),
    properties,
    conditions,
    access,
    ...(displayName !== undefined && { displayName }),
    ...(version !== undefined && { kubernetesVersion: version }),
  };
}

/** The profile's own `ControlPlaneHealthy` condition, if it has one. */
export function controlPlaneHealthy(c: HubCluster): ProfileCondition | undefined {
  return c.conditions.find((x) => x.type === 'ControlPlaneHealthy');
}

/**
 * Where a hub cluster is, as the topology file would say: `region` and `environment` from the profile's
 * `status.properties` (KEP-4322), else from its labels of those names.
 */
export function placementOf(c: HubCluster): { region?: string; environment?: string } {
  const region = c.properties['region'] ?? c.labels['region'];
  const environment = c.properties['environment'] ?? c.labels['environment'];
  return { ...(region !== undefined && { region }), ...(environment !== undefined && { environment }) };
}

/** The first provider of the user's file (its order is the preference) that the profile offers. */
export function chooseAccess(
  c: HubCluster,
  providers: ProvidersConfig,
): { provider: AccessProvider; access: ProfileAccess } | undefined {
  for (const provider of providers.providers) {
    const access = c.access.find((a) => a.name === provider.name);
    if (access) return { provider, access };
  }
  return undefined;
}

/** Why a profile cannot be connected to, as that cluster's error. */
export function noProviderError(c: HubCluster, providers: ProvidersConfig): ClusterError {
  const offered = c.access.map((a) => q(a.name)).join(', ');
  const where = providers.file ?? 'no providers file (pass --cluster-providers)';
  const msg =
    c.access.length === 0
      ? `ClusterProfile ${q(c.ref)} on hub ${q(c.hub)} lists no access providers`
      : `ClusterProfile ${q(c.ref)} on hub ${q(c.hub)} offers access provider ${offered}; none is configured in ${where}`;
  return new ClusterError('Auth', c.id, msg);
}

/** An extension's value as a list of strings (additional-args), or undefined. */
function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
}

/**
 * The connection for one profile: server, CA and TLS name from its access provider entry; the exec
 * plugin from the user's provider, with the profile's extra args and env only where the provider's
 * policies allow them, and the `client.authentication.k8s.io/exec` extension passed to the plugin as
 * `spec.cluster.config` of `KUBERNETES_EXEC_INFO`. Throws the cluster's `ClusterError` when none fits.
 */
export function connectionConfigOf(c: HubCluster, providers: ProvidersConfig): ConnectionConfig {
  const chosen = chooseAccess(c, providers);
  if (!chosen) throw noProviderError(c, providers);
  const { provider, access } = chosen;
  if (access.server === undefined) {
    throw new ClusterError(
      'Unreachable',
      c.id,
      `ClusterProfile ${q(c.ref)}: access provider ${q(access.name)} has no server`,
    );
  }
  if (access.insecureSkipTlsVerify) {
    // What a hub publishes is a cluster's data, not the user's kubeconfig: it may not turn TLS
    // verification off (only the user's own kubeconfig may).
    throw new ClusterError(
      'Unreachable',
      c.id,
      `ClusterProfile ${q(c.ref)}: access provider ${q(access.name)} asks to skip TLS verification (insecure-skip-tls-verify); refused: only your own kubeconfig can turn verification off`,
    );
  }
  const clusterName = `${c.hub}:${c.ref}`;
  const cluster: Cluster = {
    name: clusterName,
    server: access.server.replace(/\/$/, ''),
    skipTLSVerify: false,
    ...(access.caData !== undefined && { caData: access.caData }),
    ...(access.tlsServerName !== undefined && { tlsServerName: access.tlsServerName }),
    ...(access.proxyUrl !== undefined && { proxyUrl: access.proxyUrl }),
  };
  const args = [...provider.exec.args];
  const extraArgs = stringList(access.extensions[ADDITIONAL_ARGS_EXTENSION]);
  if (provider.cliArgsPolicy === 'Append' && extraArgs) args.push(...extraArgs);
  let env = [...provider.exec.env];
  const extraEnv = access.extensions[ADDITIONAL_ENVS_EXTENSION];
  if (provider.envVarsPolicy !== 'Ignore' && isRecord(extraEnv)) {
    const fromProfile = Object.entries(extraEnv)
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([name, value]) => ({ name, value }));
    const mine = new Set(env.map((e) => e.name));
    const theirs = new Set(fromProfile.map((e) => e.name));
    env =
      provider.envVarsPolicy === 'Replace'
        ? [...env.filter((e) => !theirs.has(e.name)), ...fromProfile]
        : [...env, ...fromProfile.filter((e) => !mine.has(e.name))];
  }
  const execConfig = access.extensions[EXEC_EXTENSION];
  const user: User = {
    name: `provider:${provider.name}`,
    exec: {
      apiVersion: provider.exec.apiVersion,
      command: provider.exec.command,
      args,
      env,
      provideClusterInfo: provider.exec.provideClusterInfo,
      // A fleet command runs many plugins at once: none may prompt unless the user's file says so.
      interactiveMode: provider.exec.interactiveMode ?? 'Never',
    },
  };
  return {
    cluster,
    user,
    context: { name: c.id, cluster: clusterName, user: user.name },
    ...(execConfig !== undefined && { execClusterConfig: execConfig }),
  };
}
