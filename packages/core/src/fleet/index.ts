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
export {
  clusterEvents,
  eventCells,
  eventHeaders,
  eventListOptions,
  forFieldSelector,
  lastSeen,
  lastSeenText,
  listEvents,
  matchesTypes,
  mergeEvents,
  mergeResults,
  objectText,
  parseEventTypes,
  parseForObject,
  sortEvents,
} from './events.js';
export type { EventsOptions, EventsSource, FleetEvent, FleetEvents, ForObject, KubeEvent } from './events.js';
export { watchEvents } from './events-watch.js';
export type { EventWatchItem, WatchEventsOptions } from './events-watch.js';
export {
  clientSkewWarning,
  fleetSkewWarning,
  fleetVersions,
  minorVersion,
  serverVersion,
  TARGET_KUBERNETES_VERSION,
  toVersionInfo,
  versionSkew,
} from './version.js';
export type { ClientSkew, FleetSkew, VersionInfo, VersionSkew } from './version.js';
export {
  apiResourceName,
  clusterApiResources,
  filterApiResources,
  fleetApiResources,
  mergeApiResources,
  preferredResources,
  sortApiResources,
} from './api-resources.js';
export type {
  ApiResource,
  ApiResourceFilter,
  ApiResourceSort,
  MergedApiResource,
  MergedApiResources,
} from './api-resources.js';
export {
  hasMetricsApi,
  MetricsUnavailableError,
  METRICS_GROUP,
  METRICS_VERSION,
  topNodesOf,
  topPodsOf,
  usageOf,
} from './top.js';
export type { ContainerUsage, NodeUsage, PodUsage, TopNodesOptions, TopPodsOptions, Usage } from './top.js';
export {
  formatCpu,
  formatMemory,
  formatTopNodes,
  formatTopPods,
  sortNodes,
  sortPods,
  TOP_SORT_KEYS,
} from './top-table.js';
export type {
  ClusterNodes,
  ClusterPods,
  TopPodsTableOptions,
  TopSortBy,
  TopTableOptions,
} from './top-table.js';
export {
  describeForeachResult,
  exitStatusOf,
  findKubectl,
  foreachContext,
  kubectlArgsFor,
  prefixWidth,
  worstExitStatus,
} from './foreach.js';
export type { ForeachLine, ForeachOptions, ForeachResult } from './foreach.js';
export { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './foreach-lines.js';
export { classifyKubectlArgs, kubectlVerb } from './kubectl-verbs.js';
export type { VerbClass } from './kubectl-verbs.js';
export { describeObjects, describeOne, describerFor } from './describe/index.js';
export type { ClusterDescription, DescribedObject, DescribeRequest } from './describe/index.js';
export { DEFAULT_MAX_LOG_REQUESTS, fleetLogs, containersOf, selectorText } from './logs/index.js';
export type { LogEvent, LogFleet, LogLine, LogOptions, LogSource, LogTarget } from './logs/index.js';
export * from './apply/index.js';
export * from './pipeline/index.js';
export * from './hub/index.js';

export { loadProtection, protectedContexts } from './protected.js';
export type { LoadProtectionOptions, ProtectedContext, ProtectedRule, Protection } from './protected.js';
export * from './mutate/index.js';
export * from './rollout/index.js';
export {
  CLUSTER_ID_PROPERTY,
  hubSelectable,
  labelsOfDecl,
  loadTopologyLabels,
  selectContextsByLabels,
  topologyLabels,
  topologyLabelsForHubCluster,
} from './cluster-labels.js';
export type { ClusterLabels, TopologyLabels } from './cluster-labels.js';
export {
  changeRows,
  firstPlans,
  gateText,
  pipelinePlanText,
  routingRows,
  stageRows,
} from './pipeline-text.js';
export { checkManifestNamespaces, getSegment, manifestSegments } from './get-files.js';
export type { ManifestRef, ManifestSegment, SegmentOptions, SegmentResult } from './get-files.js';
export { goVersionInfo, matchServerVersion, versionsMatch, VERSION_MISMATCH } from './match-version.js';
