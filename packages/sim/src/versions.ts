// What each simulated cluster answers on /version. The regional demo fleet runs mixed versions, as real
// fleets do during an upgrade: staging is a minor ahead, dev two behind the rest, so version skew shows.

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export const DEFAULT_SERVER_VERSION = 'v1.32.4-sim';

/** Clusters of the regional fleet whose version differs from the default. */
const REGIONAL_VERSIONS: Record<string, string> = { staging: 'v1.33.1-sim', dev: 'v1.30.9-sim' };

/** The Go release each Kubernetes minor was built with. */
const GO_BY_MINOR: Record<string, string> = { '30': 'go1.22.12', '31': 'go1.22.12', '33': 'go1.24.2' };

const GIT_VERSION = /^v(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$/;

/** The version a cluster runs unless told otherwise. */
export function defaultServerVersion(cluster: string): string {
  return REGIONAL_VERSIONS[cluster] ?? DEFAULT_SERVER_VERSION;
}

/** kube-apiserver's `/version` document for a gitVersion like `v1.31.2` or `v1.31.2-sim`. */
export function versionInfo(gitVersion: string): VersionInfo {
  const m = GIT_VERSION.exec(gitVersion);
  if (!m)
    throw new Error(`invalid server version "${gitVersion}": expected vMAJOR.MINOR.PATCH, e.g. v1.31.2`);
  const minor = m[2]!;
  return {
    major: m[1]!,
    minor,
    gitVersion,
    gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:05:38Z',
    goVersion: GO_BY_MINOR[minor] ?? 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
