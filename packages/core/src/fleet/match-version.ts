/**
 * `--match-server-version`, as kubectl's (client-go `MatchesServerVersion`): the server's `/version` must
 * have the client's gitVersion, gitCommit and gitTreeState, else that cluster fails with kubectl's words.
 */
import type { ClusterApi } from '../api/client.js';
import { ClusterError } from '../errors.js';
import { serverVersion, type VersionInfo } from './version.js';

/** The reason of the `ClusterError` a mismatch is (no HTTP status: the server answered fine). */
export const VERSION_MISMATCH = 'VersionMismatch';

const GO_FIELDS = [
  ['Major', 'major'],
  ['Minor', 'minor'],
  ['GitVersion', 'gitVersion'],
  ['GitCommit', 'gitCommit'],
  ['GitTreeState', 'gitTreeState'],
  ['BuildDate', 'buildDate'],
  ['GoVersion', 'goVersion'],
  ['Compiler', 'compiler'],
  ['Platform', 'platform'],
] as const;

/** Go's `%#v` of a `version.Info` (kubectl prints it in the mismatch message): `version.Info{Major:"1", …}`. */
export function goVersionInfo(v: VersionInfo): string {
  return `version.Info{${GO_FIELDS.map(([go, f]) => `${go}:${JSON.stringify(v[f] ?? '')}`).join(', ')}}`;
}

/** Whether kubectl would accept this server for this client. */
export function versionsMatch(client: VersionInfo, server: VersionInfo): boolean {
  return (
    (client.gitVersion ?? '') === (server.gitVersion ?? '') &&
    (client.gitCommit ?? '') === (server.gitCommit ?? '') &&
    (client.gitTreeState ?? '') === (server.gitTreeState ?? '')
  );
}

/** Throws this cluster's `ClusterError` (reason `VersionMismatch`) when its version is not the client's. */
export async function matchServerVersion(
  api: ClusterApi,
  client: VersionInfo,
  signal?: AbortSignal,
): Promise<void> {
  const server = await serverVersion(api, signal);
  if (versionsMatch(client, server)) return;
  throw new ClusterError(
    'InvalidResponse',
    api.context,
    `server version (&${goVersionInfo(server)}) differs from client version (${goVersionInfo(client)})`,
    { reason: VERSION_MISMATCH },
  );
}
