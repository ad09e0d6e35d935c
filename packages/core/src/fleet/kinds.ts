/** Which resource types of a cluster are custom resources (what its discovery finds beyond the built-ins). */
import type { ResolvedResource } from '../api/types.js';

/** A listable resource type, named as `resource.group` (or `resource` in the core group). */
export interface KindInfo {
  resource: string;
  kind: string;
  namespaced: boolean;
}

/** API groups whose resources are built in (not custom resources). */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'admissionregistration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'node.k8s.io',
  'scheduling.k8s.io',
  'resource.k8s.io',
  'storagemigration.k8s.io',
  'internal.apiserver.k8s.io',
]);

export function isCustomResourceGroup(group: string): boolean {
  return !BUILTIN_GROUPS.has(group) && !group.endsWith('.k8s.io');
}

/** The custom resource types among a cluster's discovered ones that can be listed, sorted by kind. */
export function customKinds(resources: readonly ResolvedResource[]): KindInfo[] {
  return resources
    .filter((r) => isCustomResourceGroup(r.group) && r.verbs.includes('list') && !r.resource.includes('/'))
    .map((r) => ({ resource: `${r.resource}.${r.group}`, kind: r.kind, namespaced: r.namespaced }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
}
