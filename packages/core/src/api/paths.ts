/** REST paths of the Kubernetes API. */
import type { ListOptions, ResolvedResource } from './types.js';

/** `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(res: Pick<ResolvedResource, 'group' | 'version'>): string {
  return res.group ? `/apis/${res.group}/${res.version}` : `/api/${res.version}`;
}

/** The collection path for a list/watch (namespaced unless all namespaces or cluster-scoped). */
export function collectionPath(
  res: ResolvedResource,
  opts: Pick<ListOptions, 'namespace' | 'allNamespaces'>,
): string {
  const base = groupVersionPath(res);
  if (res.namespaced && !opts.allNamespaces) {
    return `${base}/namespaces/${encodeURIComponent(opts.namespace || 'default')}/${res.resource}`;
  }
  return `${base}/${res.resource}`;
}

/** One object's path (in `opts.namespace`, or `default`, for a namespaced type). */
export function objectPath(
  res: ResolvedResource,
  name: string,
  opts: Pick<ListOptions, 'namespace'>,
): string {
  return `${collectionPath(res, { ...opts, allNamespaces: false })}/${encodeURIComponent(name)}`;
}

export function apiVersionOf(res: Pick<ResolvedResource, 'group' | 'version'>): string {
  return res.group ? `${res.group}/${res.version}` : res.version;
}

/** The query of a list or watch: its selectors. */
export function selectorQuery(opts: ListOptions): Record<string, string | undefined> {
  return {
    labelSelector: opts.labelSelector || undefined,
    fieldSelector: opts.fieldSelector || undefined,
  };
}
