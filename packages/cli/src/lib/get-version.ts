// `--match-server-version` for get: each cluster's version against the kubectl client's, as kubectl checks.
import type { ClusterApi } from '@kubectl-mc/core/api';
import { kubectlClientVersion } from './kubectl-client.js';

export type VersionCheck = (api: ClusterApi, signal: AbortSignal) => Promise<void>;

/**
 * The check each cluster's task runs first, or undefined without the flag. The client is the kubectl on
 * PATH (the one that runs this plugin); without one, the Kubernetes version kubectl-mc targets.
 */
export async function serverVersionCheck(enabled: boolean): Promise<VersionCheck | undefined> {
  if (!enabled) return undefined;
  const fleet = await import('@kubectl-mc/core/fleet');
  const client = (await kubectlClientVersion()) ?? fleet.TARGET_KUBERNETES_VERSION;
  return (api, signal) => fleet.matchServerVersion(api, client, signal);
}
