// The resources the simulator serves: discovery metadata, the field selectors each supports, and the
// server-side Table columns kube-apiserver's printers produce for them. The tables are under
// `resources/` (core, apps, KubeFed); this module is the registry the server looks them up in.
import type { KubeObject } from './store.js';
import { APPS_RESOURCES } from './resources/apps.js';
import { CORE_RESOURCES } from './resources/core.js';
import { ENDPOINT_SLICES } from './resources/discovery.js';
import { FEDERATED_DEPLOYMENTS } from './resources/kubefed.js';
import { CLUSTER_PROFILES } from './resources/hub.js';
import { CUSTOM_RESOURCE_DEFINITIONS, DESTINATION_RULES, VIRTUAL_SERVICES } from './resources/istio.js';
import type { ResourceDef } from './resources/types.js';

export type * from './resources/types.js';
export { formatLabels, formatLabelSelector, humanDuration, since } from './resources/printers.js';

/** In discovery's order. */
export const RESOURCES: ResourceDef[] = [
  ...CORE_RESOURCES,
  ...APPS_RESOURCES,
  FEDERATED_DEPLOYMENTS,
  ENDPOINT_SLICES,
  CLUSTER_PROFILES,
  CUSTOM_RESOURCE_DEFINITIONS,
  VIRTUAL_SERVICES,
  DESTINATION_RULES,
];

export const BY_PLURAL = new Map(RESOURCES.map((r) => [r.plural, r]));

export function groupVersion(r: ResourceDef): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** Every version a resource is served at, the preferred first. */
export function servedVersions(r: ResourceDef): string[] {
  return r.servedVersions ?? [r.version];
}

/** Whether `gv` (`group/version`, or `v1`) is one of the resource's served group versions. */
export function servesGroupVersion(r: ResourceDef, gv: string): boolean {
  return servedVersions(r).some((v) => (r.group ? `${r.group}/${v}` : v) === gv);
}

export function isNamespaced(plural: string): boolean {
  return BY_PLURAL.get(plural)?.namespaced ?? true;
}

/** Field selector values for an object, including metadata.name/namespace. */
export function fieldsOf(def: ResourceDef, obj: KubeObject): Record<string, string> {
  const base: Record<string, string> = { 'metadata.name': obj.metadata.name };
  if (def.namespaced) base['metadata.namespace'] = obj.metadata.namespace ?? '';
  return def.fields ? { ...base, ...def.fields(obj) } : base;
}

/** Field names a resource's field selector accepts. */
export function supportedFields(def: ResourceDef): Set<string> {
  const sample: KubeObject = { metadata: { name: '', namespace: '' } };
  return new Set(Object.keys(fieldsOf(def, sample)).concat(def.namespaced ? [] : []));
}
