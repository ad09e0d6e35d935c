/**
 * The names people type after `:`, normalised to one key so `:po` and `:pods` share a watch. Kubernetes'
 * own short and singular names come from core's table of built-in types; only what that table cannot know
 * stays here: the dashboard's own words and short names that only a cluster's discovery would tell.
 */
import { BUILTIN_RESOURCES, findResource } from '@kubectl-mc/core';

/** `:clusters` and its synonyms go back to the clusters view: they name no Kubernetes resource. */
const CLUSTERS_WORDS = new Set(['clusters', 'cluster', 'ctx', 'contexts']);

/** Short names of types outside core's built-in table (events, KubeFed's CRDs). */
const DISCOVERED_SHORT_NAMES: Record<string, string> = {
  ev: 'events',
  // k9s's alias.
  dp: 'deployments',
  fdeploy: 'federateddeployments',
};

/** `po`, `pod`, `Pods` → `pods`; a name neither table knows (a CRD, `deploy.apps`) stays as typed, lower-cased. */
export function normaliseResource(name: string): string {
  const n = name.trim().toLowerCase();
  if (n === '' || n.includes('.')) return n;
  return findResource(BUILTIN_RESOURCES, n)?.resource ?? DISCOVERED_SHORT_NAMES[n] ?? n;
}

/** Whether a normalised name is the dashboard's word for its clusters view. */
export function isClustersView(name: string): boolean {
  return CLUSTERS_WORDS.has(name);
}
