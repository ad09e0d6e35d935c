/** The fleet bundle's entry: core's fleet over the kubeconfig files the user chose, and the request trace. */
import { escapeTerminal, formatRequestLog, setRequestLogger } from '@kubectl-mc/core';
import { Fleet } from '@kubectl-mc/core/fleet';
import { FleetActions } from './actions.js';
import type { FleetBackend } from './backend.js';
import { FleetChanges } from './changes.js';
import { pipelinePlan } from './pipeline.js';
import { FleetKubeconfig, followHubs, type HubSettings } from './hubs.js';

/**
 * Send one line per API request of this fleet (context, method, URL, status, time; credentials masked by
 * core) to `write`, or stop with undefined. The connections live in this bundle, so the logger is set here.
 */
export function traceRequests(write: ((line: string) => void) | undefined): void {
  setRequestLogger(
    write ? (e) => formatRequestLog(e, 6).forEach((line) => write(escapeTerminal(line))) : undefined,
  );
}

/**
 * @param files the `kubectl-mc.kubeconfig` paths from user settings (empty: `KUBECONFIG`, else ~/.kube/config).
 * @param hubs hub contexts whose ClusterProfiles' clusters join the fleet (followed while it is open).
 */
export function coreBackend(
  files: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  hubs?: HubSettings,
  log: (line: string) => void = () => {},
): FleetBackend {
  let fleet: Fleet | undefined;
  let kubeconfig: FleetKubeconfig | undefined;
  const listeners = new Set<() => void>();
  const stop = new AbortController();
  const open = () => {
    if (fleet) return fleet;
    // Every context of the kubeconfig, in its order (no selection: the view shows them all).
    const base = Fleet.open({ files, env });
    if (!hubs || hubs.hubs.length === 0) return (fleet = base);
    const kc = new FleetKubeconfig(base.kubeconfig);
    kubeconfig = kc;
    fleet = new Fleet(kc);
    // The hubs' clusters arrive when listed, and again after each ClusterProfile change.
    followHubs(
      kc,
      hubs,
      () => {
        fleet = new Fleet(kc);
        for (const l of [...listeners]) l();
      },
      stop.signal,
      log,
    ).catch((e: unknown) => log(`hub: ${e instanceof Error ? e.message : String(e)}`));
    return fleet;
  };
  return {
    fleet: open,
    actions: new FleetActions(open),
    changes: new FleetChanges(open),
    planPipeline: (req, signal) => pipelinePlan(open, req, signal),
    hubGroups: () => (kubeconfig && hubs ? kubeconfig.groups(hubs.hubs) : []),
    onDidChangeInventory(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    dispose() {
      stop.abort();
      listeners.clear();
      fleet?.close();
      fleet = undefined;
    },
  };
}
