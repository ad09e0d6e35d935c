export type * from './types.js';
export { ClusterApi } from './client.js';
export { DEFAULT_PAGE_SIZE } from './list.js';
export { TABLE_ACCEPT } from './table.js';
export { collectionPath, groupVersionPath, apiVersionOf } from './paths.js';
export type { WatchEvent, WatchOptions } from './watch.js';
export { DEFAULT_RECONNECT, Reconnect, realClock } from './reconnect.js';
export type { Clock, ReconnectOptions } from './reconnect.js';
export {
  AGGREGATED_DISCOVERY_ACCEPT,
  BUILTIN_RESOURCES,
  discoverResources,
  findResource,
} from './discovery.js';
export { checkCluster } from './health.js';
export type { HealthProbe, HealthProbeOptions } from './health.js';
export { APPLY_PATCH_CONTENT_TYPE, applyConflicts, applyObject } from './write.js';
export type { ApplyOptions, ApplyResult } from './write.js';
export { deleteObject, getScale, mergePatchObject } from './mutate.js';
export type {
  DeleteObjectOptions,
  DeleteResult,
  PatchObjectOptions,
  PropagationPolicy,
  Scale,
} from './mutate.js';
export {
  DISCOVERY_CACHE_FILE,
  DISCOVERY_CACHE_TTL_MS,
  defaultCacheDir,
  discoveryCacheDir,
  readDiscoveryCache,
  writeDiscoveryCache,
} from './discovery-cache.js';
export type { DiscoveryCacheOptions } from './discovery-cache.js';
