/**
 * What the views hold: the fleet of the user's kubeconfig, as core's `Fleet`. It is opened by the fleet
 * bundle (`core-backend.ts` → `dist/fleet.cjs`), so the main bundle only ever imports its types.
 */
import type { Fleet } from '@kubectl-mc/core/fleet';
import type { FleetActions } from './actions.js';
import type { FleetChanges } from './changes.js';
import type { HubGroup } from './hubs.js';
import type { PipelinePlanRequest, PipelinePlanText } from './pipeline.js';

export interface FleetBackend {
  /** The fleet of every kubeconfig context (loaded on first use); throws what makes the kubeconfig unusable. */
  fleet(): Fleet;
  /** Describe, events, logs, apply plan and apply: core's functions on chosen clusters of this fleet. */
  readonly actions: FleetActions;
  /** Restart, undo, scale, delete and rollout status: core's plans and changes on chosen clusters. */
  readonly changes: FleetChanges;
  /** `kubectl mc rollout plan` of a pipeline file, as text (nothing is changed). */
  planPipeline(req: PipelinePlanRequest, signal: AbortSignal): Promise<PipelinePlanText>;
  /** The hubs the user named, each with its ClusterProfiles' clusters (empty until listed). */
  hubGroups(): HubGroup[];
  /** The hubs' clusters changed (a ClusterProfile joined or left): the fleet has other contexts. */
  onDidChangeInventory(listener: () => void): { dispose(): void };
  /** Close its connections and forget it (the kubeconfig changed). */
  dispose(): void;
}
