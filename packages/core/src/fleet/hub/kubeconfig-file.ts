/**
 * A hub fleet as a kubeconfig file, for what runs the real kubectl per cluster (`foreach`): one context per
 * profile named `<namespace>/<name>`, its cluster entry from the access provider (the
 * `client.authentication.k8s.io/exec` extension kept, so kubectl passes it to the plugin as
 * `spec.cluster.config`), its user the provider's exec plugin. No credential is written: kubectl runs
 * the plugin itself. The file is private (0600 in a 0700 temp dir) and removed by `dispose()`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { ClusterError } from '../../errors.js';
import { EXEC_EXTENSION } from './profiles.js';
import type { HubKubeconfig } from './source.js';

export interface HubKubeconfigFile {
  path: string;
  /** The contexts the file holds, in the order given. */
  contexts: string[];
  /** The contexts it cannot hold (no configured provider, a hub that failed): each one's error. */
  errors: ClusterError[];
  dispose(): void;
}

/** The kubeconfig document for `contexts` of a hub fleet, and the errors of those it cannot describe. */
export function hubKubeconfigDocument(
  fleet: HubKubeconfig,
  contexts: readonly string[],
): { doc: Record<string, unknown>; contexts: string[]; errors: ClusterError[] } {
  const clusters: unknown[] = [];
  const users: unknown[] = [];
  const ctxs: unknown[] = [];
  const ok: string[] = [];
  const errors: ClusterError[] = [];
  for (const name of contexts) {
    let cfg;
    try {
      cfg = fleet.connectionConfigFor(name);
    } catch (e) {
      errors.push(e instanceof ClusterError ? e : new ClusterError('Unreachable', name, String(e)));
      continue;
    }
    const { cluster, user } = cfg;
    const exec = { ...(user.exec as Record<string, unknown>) };
    const config = cfg.execClusterConfig;
    clusters.push({
      name: cluster.name,
      cluster: {
        server: cluster.server,
        ...(cluster.caData !== undefined && { 'certificate-authority-data': cluster.caData }),
        ...(cluster.tlsServerName !== undefined && { 'tls-server-name': cluster.tlsServerName }),
        ...(cluster.proxyUrl !== undefined && { 'proxy-url': cluster.proxyUrl }),
        ...(config !== undefined && { extensions: [{ name: EXEC_EXTENSION, extension: config }] }),
      },
    });
    users.push({ name: `${name}:${user.name}`, user: { exec } });
    ctxs.push({ name, context: { cluster: cluster.name, user: `${name}:${user.name}` } });
    ok.push(name);
  }
  const doc = { apiVersion: 'v1', kind: 'Config', clusters, users, contexts: ctxs, preferences: {} };
  return { doc, contexts: ok, errors };
}

/** Write `hubKubeconfigDocument` to a private temp file. */
export function writeHubKubeconfig(fleet: HubKubeconfig, contexts: readonly string[]): HubKubeconfigFile {
  const { doc, contexts: ok, errors } = hubKubeconfigDocument(fleet, contexts);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubectl-mc-hub-'));
  const file = path.join(dir, 'kubeconfig.yaml');
  writeFileSync(file, stringify(doc), { mode: 0o600 });
  return {
    path: file,
    contexts: ok,
    errors,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
