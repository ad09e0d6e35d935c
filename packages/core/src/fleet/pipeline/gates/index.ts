// CONTRACT STUB (helper B replaces every body; the signatures are the contract).
import type { Gate } from '../model.js';
import type { GateChecker, RolloutSettings } from './types.js';
export * from './types.js';

export function defaultRolloutSettings(): RolloutSettings {
  throw new Error('not built');
}

/** The `rollout:` key of `.kubectl-mc.yaml` found from `cwd` (as lint finds its config), over the defaults. */
export function loadRolloutSettings(cwd: string): Promise<RolloutSettings> {
  void cwd;
  throw new Error('not built');
}

/** A checker for `gates` (pods-ready, error-rate, latency-p99) reading each cluster's Prometheus. */
export function gateChecker(gates: Gate[], settings: RolloutSettings): GateChecker {
  void gates;
  void settings;
  throw new Error('not built');
}
