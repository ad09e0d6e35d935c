export type * from './types.js';
export {
  ClusterApi,
  TABLE_ACCEPT,
  DEFAULT_PAGE_SIZE,
  collectionPath,
  groupVersionPath,
  apiVersionOf,
} from './client.js';
export type { WatchEvent, WatchOptions } from './client.js';
export {
  AGGREGATED_DISCOVERY_ACCEPT,
  BUILTIN_RESOURCES,
  discoverResources,
  findResource,
} from './discovery.js';
export { checkCluster } from './health.js';
export type { HealthProbe, HealthProbeOptions } from './health.js';
