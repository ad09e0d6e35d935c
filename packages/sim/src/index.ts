export { startFleet, churnOnce, clusterNames } from './fleet.js';
export type { Fleet, FleetOptions, SimCluster, SimHub } from './fleet.js';
export { parseFault, parseDuration } from './faults.js';
export type { FaultSpec } from './faults.js';
export { ResourceStore, ExpiredError } from './store.js';
export type { KubeObject, StoreEvent, EventType } from './store.js';
export { humanDuration } from './resources.js';
export { REGIONAL_FLEET, DEFAULT_PODS_PER_CLUSTER } from './data.js';
