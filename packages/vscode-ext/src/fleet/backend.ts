/**
 * What the views hold: the fleet of the user's kubeconfig, as core's `Fleet`. It is opened by the fleet
 * bundle (`core-backend.ts` → `dist/fleet.cjs`), so the main bundle only ever imports its types.
 */
import type { Fleet } from '@kubectl-mc/core/fleet';
import type { FleetActions } from './actions.js';

export interface FleetBackend {
  /** The fleet of every kubeconfig context (loaded on first use); throws what makes the kubeconfig unusable. */
  fleet(): Fleet;
  /** Describe, events, logs, apply plan and apply: core's functions on chosen clusters of this fleet. */
  readonly actions: FleetActions;
  /** Close its connections and forget it (the kubeconfig changed). */
  dispose(): void;
}
