// The Cluster Inventory API's ClusterProfile CRD (multicluster.x-k8s.io/v1alpha1, KEP-4322), served by the
// hub only. The published CRD has no printer columns, so it prints as any such CRD: Name and Age.
import { age } from './cells.js';
import { col, CREATED_DOC, NAME_DOC } from './columns.js';
import type { ResourceDef } from './types.js';

export const CLUSTER_INVENTORY_GROUP = 'multicluster.x-k8s.io';

export const CLUSTER_PROFILES: ResourceDef = {
  group: CLUSTER_INVENTORY_GROUP,
  version: 'v1alpha1',
  plural: 'clusterprofiles',
  singular: 'clusterprofile',
  kind: 'ClusterProfile',
  namespaced: true,
  shortNames: [],
  categories: [],
  verbs: ['get', 'list', 'watch'],
  columns: [col('Name', 'string', NAME_DOC, 0, 'name'), col('Age', 'date', CREATED_DOC)],
  cells: (o, now) => [o.metadata.name, age(o, now)],
};
