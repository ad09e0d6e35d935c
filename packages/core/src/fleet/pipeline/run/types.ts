/**
 * A pipeline run: its record (kept on disk and mirrored in annotations on the applied objects) and the
 * events a run yields as it goes, which the CLI's live view, its one-line-per-event output, the
 * dashboard's runs view and the editor all read.
 */
import type { KubeObject } from '../../../api/types.js';
import type { Fleet } from '../../fleet.js';
import type { GateReading, RolloutSettings } from '../gates/types.js';
import type { Pipeline, PipelineStage } from '../model.js';

export type RunStatus = 'running' | 'paused' | 'succeeded' | 'failed' | 'interrupted';
export type StageStatus = 'pending' | 'running' | 'passed' | 'failed' | 'rolled-back';
export type ClusterStatus =
  'pending' | 'applying' | 'canary' | 'gating' | 'passed' | 'failed' | 'rolled-back';

export interface ClusterRecord {
  context: string;
  status: ClusterStatus;
  /** Deployment revision before this run changed the cluster (for rollback). */
  previousRevision?: number;
  /** pod-template-hash of the stable ReplicaSet before the stage, and of the canary / new one. */
  stableHash?: string;
  newHash?: string;
  /** The DestinationRule subsets and VirtualService http routes as they were before the canary. */
  savedRouting?: { destinationRule?: string; subsets?: unknown; virtualService?: string; http?: unknown };
  message?: string;
}

export interface StageRecord {
  name: string;
  status: StageStatus;
  startedAt?: string;
  finishedAt?: string;
  clusters: ClusterRecord[];
}

/** File `<stateDir>/<id>.json`. */
export interface RunRecord {
  /** `run-YYYYMMDD-HHMMSS-xxxx` (UTC, 4 random hex). */
  id: string;
  version: 1;
  pipeline: Pipeline;
  /** The manifests' objects as applied (so resume needs no files). */
  objects: KubeObject[];
  /** The manifests' file names, for people. */
  manifestFiles: string[];
  status: RunStatus;
  /** Index of the stage the run is in or stopped at. */
  stage: number;
  stages: StageRecord[];
  createdAt: string;
  updatedAt: string;
  /** Who runs it: `user@host pid N`. */
  owner: string;
  options: { gateDurationScale: number; noRollback: boolean; pauseBefore: string[] };
  /** Why the run stopped: the failing cluster, gate and value, or the pause. */
  message?: string;
  /** Stages whose approval was given (a resumed run does not ask again). */
  approved?: string[];
}

export type RunEvent =
  | { type: 'run-started'; run: RunRecord; resumed: boolean }
  | { type: 'stage-started'; stage: number; name: string }
  | { type: 'approval-needed'; stage: number; name: string; reason: 'manual' | 'pause-before' }
  | { type: 'approved'; stage: number; name: string }
  | { type: 'applied'; stage: number; context: string; canary: boolean }
  | { type: 'routed'; stage: number; context: string; canaryWeight: number }
  | { type: 'ready'; stage: number; context: string; message: string }
  | { type: 'gates'; stage: number; context: string; readings: GateReading[]; remainingMs: number }
  | { type: 'gate-failed'; stage: number; context: string; reading: GateReading }
  | { type: 'cluster-failed'; stage: number; context: string; message: string }
  | { type: 'promoted'; stage: number; context: string }
  | { type: 'rolling-back'; stage: number; context: string }
  | { type: 'rolled-back'; stage: number; context: string; message: string }
  | { type: 'stage-passed'; stage: number; name: string }
  | { type: 'paused'; stage: number; name: string; message: string }
  | { type: 'run-finished'; status: RunStatus; message?: string };

export interface PipelineRunOptions {
  fleet: Fleet;
  /** Where run records are kept (default: `defaultStateDir()`). */
  stateDir?: string;
  /** Multiplies every validation duration and the gate interval (default 1). */
  gateDurationScale?: number;
  noRollback?: boolean;
  /** Stage names to stop before, as if they had `approval: manual`. */
  pauseBefore?: string[];
  /**
   * Asked before a manual stage. Resolves true to go on, false to pause (the run ends `paused`,
   * resumable). Undefined (no terminal): the run pauses.
   */
  approve?: (stage: PipelineStage, reason: 'manual' | 'pause-before') => Promise<boolean>;
  /** Aborting ends the run `interrupted` (resumable), without rollback. */
  signal?: AbortSignal;
  settings?: RolloutSettings;
  /** Overrides the gate checker (tests). */
  gates?: import('../gates/types.js').GateChecker;
  /** Field manager for server-side apply (default kubectl-mc). */
  fieldManager?: string;
}

export interface StartPipelineRunOptions extends PipelineRunOptions {
  pipeline: Pipeline;
  objects: KubeObject[];
  manifestFiles: string[];
}

/** Exit statuses of `rollout run` / `rollout resume`. */
export const RUN_EXIT = { succeeded: 0, failed: 1, paused: 3, interrupted: 130 } as const;

/** Every annotation a run sets on the objects it applies starts with this. */
export const RUN_MARK_PREFIX = 'kubectl-mc.io/rollout-';
export const RUN_ANNOTATION = 'kubectl-mc.io/rollout-run';
export const STAGE_ANNOTATION = 'kubectl-mc.io/rollout-stage';
export const STATE_ANNOTATION = 'kubectl-mc.io/rollout-state';
export const TRACK_LABEL = 'kubectl-mc.io/track';
