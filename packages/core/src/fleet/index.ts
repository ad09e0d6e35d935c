/**
 * `@kubectl-mc/core/fleet`: the fleet as every front end sees it (the CLI, the dashboard, the editor):
 * selected contexts and their connections, cluster health, list and watch across clusters with
 * per-cluster errors, one object, and cross-cluster drift.
 */
export { Fleet } from './fleet.js';
export type { FleetFanOutOptions, FleetOptions, OpenFleetOptions, ResourceRef } from './fleet.js';
export type { FleetSource, ObjectOptions } from './types.js';
export { checkHealth, healthOf } from './health.js';
export type { ClusterHealth, ContextHealth, HealthCheckOptions, HealthFailed, HealthOk } from './health.js';
export { follow, Limiter } from './follow.js';
export type { FollowEvent, FollowOptions, FollowStream } from './follow.js';
export { forDisplay, normalizeForCompare, rowRef } from './object.js';
export { customKinds, isCustomResourceGroup } from './kinds.js';
export type { KindInfo } from './kinds.js';
export { mergeWorkloads, toWorkloadItem, WORKLOAD_RESOURCES } from './drift.js';
export type { MergedWorkload, WorkloadDrift, WorkloadItem, WorkloadKind } from './drift.js';
export type { HealthProbe, HealthProbeOptions } from '../api/health.js';
export * from './apply/index.js';
