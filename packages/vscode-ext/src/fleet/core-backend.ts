/** The fleet bundle's entry: core's fleet over the kubeconfig files the user chose, and the request trace. */
import { escapeTerminal, formatRequestLog, setRequestLogger } from '@kubectl-mc/core';
import { Fleet } from '@kubectl-mc/core/fleet';
import { FleetActions } from './actions.js';
import type { FleetBackend } from './backend.js';
import { FleetChanges } from './changes.js';
import { pipelinePlan } from './pipeline.js';

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
 */
export function coreBackend(files: readonly string[], env: NodeJS.ProcessEnv = process.env): FleetBackend {
  let fleet: Fleet | undefined;
  const open = () => {
    // Every context of the kubeconfig, in its order (no selection: the view shows them all).
    fleet ??= Fleet.open({ files, env });
    return fleet;
  };
  return {
    fleet: open,
    actions: new FleetActions(open),
    changes: new FleetChanges(open),
    planPipeline: (req, signal) => pipelinePlan(open, req, signal),
    dispose() {
      fleet?.close();
      fleet = undefined;
    },
  };
}
