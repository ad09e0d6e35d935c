/**
 * `version` across a fleet: each cluster's `/version`, and the version skew kubectl warns about, both
 * between the client and each server (kubectl supports servers one minor older or newer than itself)
 * and across the clusters themselves.
 */
import type { ClusterApi } from '../api/client.js';
import { ClusterError } from '../errors.js';
import { checkVersion } from '../api/validate.js';
import type { FanOut } from '../fanout/fanout.js';
import type { ClusterResult } from '../fanout/types.js';
import type { Fleet, FleetFanOutOptions } from './fleet.js';

/** A `/version` document (kube-apiserver's `version.Info`); fields the server left out are absent. */
export interface VersionInfo {
  major?: string;
  minor?: string;
  gitVersion?: string;
  gitCommit?: string;
  gitTreeState?: string;
  buildDate?: string;
  goVersion?: string;
  compiler?: string;
  platform?: string;
}

const FIELDS = [
  'major',
  'minor',
  'gitVersion',
  'gitCommit',
  'gitTreeState',
  'buildDate',
  'goVersion',
  'compiler',
  'platform',
] as const;

/** Longest field value kept from a server (longer ones are cut): versions are short. */
const MAX_FIELD = 256;

/**
 * The Kubernetes minor version kubectl-mc is built and tested against: the client version skew is
 * measured from it when no kubectl is on PATH.
 */
export const TARGET_KUBERNETES_VERSION: VersionInfo = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.0',
};

/** A `/version` body, untrusted → only its known string fields, each bounded. */
export function toVersionInfo(body: unknown): VersionInfo {
  const out: VersionInfo = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return out;
  const b = body as Record<string, unknown>;
  for (const f of FIELDS) {
    const v = b[f];
    if (typeof v === 'string' && v !== '') out[f] = v.slice(0, MAX_FIELD);
  }
  return out;
}

/** One cluster's `/version`; a body that is no version document is an `InvalidResponse`. */
export async function serverVersion(api: ClusterApi, signal?: AbortSignal): Promise<VersionInfo> {
  const r = await api.conn.request<unknown>('/version', { ...(signal ? { signal } : {}) });
  checkVersion(r.body, api.context);
  const info = toVersionInfo(r.body);
  if (!info.gitVersion && !info.major) {
    throw new ClusterError('InvalidResponse', api.context, '/version answered without a version');
  }
  return info;
}

/** `{major, minor}` of a version: from `major`/`minor` (GKE's `27+` counts as 27), else from `gitVersion`. */
export function minorVersion(v: VersionInfo): { major: number; minor: number } | undefined {
  const num = (s: string | undefined) => {
    const m = /^(\d+)\+?$/.exec(s ?? '');
    return m ? Number(m[1]) : undefined;
  };
  const major = num(v.major);
  const minor = num(v.minor);
  if (major !== undefined && minor !== undefined) return { major, minor };
  const g = /^v?(\d+)\.(\d+)(?:\.|$|-|\+)/.exec(v.gitVersion ?? '');
  return g ? { major: Number(g[1]), minor: Number(g[2]) } : undefined;
}

const label = (m: { major: number; minor: number }) => `${m.major}.${m.minor}`;

/** A server outside the client's supported skew (more than one minor older or newer). */
export interface ClientSkew {
  context: string;
  /** e.g. `1.33` */
  client: string;
  /** e.g. `1.30` */
  server: string;
}

/** The oldest and newest clusters when they are more than one minor apart. */
export interface FleetSkew {
  oldest: { context: string; version: string; minor: string };
  newest: { context: string; version: string; minor: string };
}

export interface VersionSkew {
  client: ClientSkew[];
  fleet?: FleetSkew;
}

/**
 * The skew kubectl warns about, over the clusters that answered: each server more than one minor away
 * from `client` (in selection order), and the fleet's own spread when its oldest and newest clusters are
 * more than one minor apart (first of equals wins). Versions that cannot be read are left out.
 */
export function versionSkew(
  client: VersionInfo | undefined,
  results: readonly ClusterResult<VersionInfo>[],
): VersionSkew {
  const c = client ? minorVersion(client) : undefined;
  const out: VersionSkew = { client: [] };
  let oldest: { context: string; v: VersionInfo; m: { major: number; minor: number } } | undefined;
  let newest: typeof oldest;
  const order = (m: { major: number; minor: number }) => m.major * 1000 + m.minor;
  for (const r of results) {
    if (!r.ok) continue;
    const m = minorVersion(r.value);
    if (!m) continue;
    if (c && (m.major !== c.major || Math.abs(m.minor - c.minor) > 1)) {
      out.client.push({ context: r.context, client: label(c), server: label(m) });
    }
    if (!oldest || order(m) < order(oldest.m)) oldest = { context: r.context, v: r.value, m };
    if (!newest || order(m) > order(newest.m)) newest = { context: r.context, v: r.value, m };
  }
  if (oldest && newest && (oldest.m.major !== newest.m.major || newest.m.minor - oldest.m.minor > 1)) {
    const side = (x: NonNullable<typeof oldest>) => ({
      context: x.context,
      version: x.v.gitVersion ?? label(x.m),
      minor: label(x.m),
    });
    out.fleet = { oldest: side(oldest), newest: side(newest) };
  }
  return out;
}

/** kubectl's warning for one cluster outside the client's skew, naming the context. */
export function clientSkewWarning(s: ClientSkew): string {
  return `context "${s.context}": version difference between client (${s.client}) and server (${s.server}) exceeds the supported minor version skew of +/-1`;
}

/** The warning for a fleet whose clusters are more than one minor apart. */
export function fleetSkewWarning(s: FleetSkew): string {
  return `the selected clusters are more than one minor version apart: oldest "${s.oldest.context}" (${s.oldest.version}), newest "${s.newest.context}" (${s.newest.version})`;
}

/** Every selected cluster's `/version`, streamed per cluster (a value or a typed error each). */
export function fleetVersions(
  fleet: Pick<Fleet, 'fanOut'>,
  opts: FleetFanOutOptions = {},
): FanOut<VersionInfo> {
  return fleet.fanOut((api, signal) => serverVersion(api, signal), opts);
}
