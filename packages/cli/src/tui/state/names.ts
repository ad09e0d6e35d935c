/** The names people type after `:`, normalised to one key so `:po` and `:pods` share a watch. */

/** The resource names people type, mapped to one key so `:po` and `:pods` share a watch. */
const ALIASES: Record<string, string> = {
  po: 'pods',
  pod: 'pods',
  deploy: 'deployments',
  deployment: 'deployments',
  svc: 'services',
  service: 'services',
  no: 'nodes',
  node: 'nodes',
  ns: 'namespaces',
  namespace: 'namespaces',
  rs: 'replicasets',
  ds: 'daemonsets',
  sts: 'statefulsets',
  cm: 'configmaps',
  ev: 'events',
  ing: 'ingresses',
  pvc: 'persistentvolumeclaims',
  pv: 'persistentvolumes',
  sa: 'serviceaccounts',
  fdeploy: 'federateddeployments',
};

export function normaliseResource(name: string): string {
  const n = name.trim().toLowerCase();
  return ALIASES[n] ?? n;
}

/** `:clusters` and its synonyms go back to the clusters view: they name no Kubernetes resource. */
const CLUSTERS_WORDS = new Set(['clusters', 'cluster', 'ctx', 'contexts']);

/** Whether a normalised name is the dashboard's word for its clusters view. */
export function isClustersView(name: string): boolean {
  return CLUSTERS_WORDS.has(name);
}
