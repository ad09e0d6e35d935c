// What every builder of a cluster's contents shares: where to load, the cluster's seeded randomness,
// and its clock.
import type { KubeObject, ResourceStore } from '../store.js';
import type { Random } from './random.js';

export interface ClusterContext {
  store: ResourceStore;
  /** Drawn from in a fixed order: the builders run in the same order every time. */
  r: Random;
  cluster: string;
  /** The cluster's position in the fleet. */
  index: number;
  now: number;
  /** When the cluster was created. */
  created: number;
  /**
   * The cluster's pods by namespace, read once after every pod is built (services select from them):
   * listing the store per service made building 20,000 pods quadratic.
   */
  podsByNamespace?: Map<string, KubeObject[]>;
}
