/** Which list-then-watch streams the views need: per resource (and selector), per namespace shown. */
import { namespaceOf, neededResources, parseDataKey, type State } from './state.js';

/** One list-then-watch: a resource on the clusters viewed in one namespace (undefined: all). */
export interface Watch {
  /** Where its rows go in the state (the resource, or it with a selector). */
  key: string;
  resource: string;
  selector?: string;
  namespace: string | undefined;
  contexts: string[];
}

/**
 * The watches the views need, keyed: each needed resource once per namespace the clusters are viewed in
 * (a cluster-scoped resource once for all of them).
 */
export function watchesFor(state: State, contexts: string[]): Map<string, Watch> {
  const out = new Map<string, Watch>();
  for (const key of neededResources(state)) {
    const { resource, selector } = parseDataKey(key);
    const clusterScoped = state.resources[key]?.namespaced === false;
    const groups = new Map<string | undefined, string[]>();
    for (const ctx of contexts) {
      const ns = clusterScoped ? undefined : namespaceOf(state, ctx);
      const g = groups.get(ns);
      if (g) g.push(ctx);
      else groups.set(ns, [ctx]);
    }
    for (const [namespace, ctxs] of groups) {
      out.set(`${key}\u0000${namespace ?? '*'}\u0000${ctxs.join('\u0000')}`, {
        key,
        resource,
        ...(selector !== undefined ? { selector } : {}),
        namespace,
        contexts: ctxs,
      });
    }
  }
  return out;
}
