/**
 * The `kubectl-mc:` URI of one object's read-only YAML. Pure. The path is what the tab and the window
 * title show: each part as the tree shows it (control characters escaped visibly, never
 * percent-encoded); the object itself is named exactly by the query (context, resource, namespace, name).
 */
import { safe } from '../text.js';

export interface ResourceUri {
  context: string;
  resource: string;
  namespace?: string;
  name: string;
}

/** A part as shown: visible escapes, and no `/` (it would split the path). */
const shown = (s: string) => safe(s).replace(/\//g, '\u2215');

/** The path shown for an object: `/<context>/<resource>/<namespace or _>/<name>.yaml`. */
export function resourceUriPath(p: ResourceUri): string {
  return `/${shown(p.context)}/${shown(p.resource)}/${p.namespace ? shown(p.namespace) : '_'}/${shown(p.name)}.yaml`;
}

/** The query naming the object exactly (`compare`: the YAML without status and identity fields). */
export function resourceUriQuery(p: ResourceUri, compare = false): string {
  const q = new URLSearchParams({ context: p.context, resource: p.resource, name: p.name });
  if (p.namespace !== undefined) q.set('namespace', p.namespace);
  if (compare) q.set('compare', '');
  return q.toString();
}

/** The object a `kubectl-mc:` URI names: from its query, else (a hand-written URI) from its path. */
export function parseResourceUri(path: string, query = ''): ResourceUri | undefined {
  const q = new URLSearchParams(query);
  const context = q.get('context');
  const resource = q.get('resource');
  const name = q.get('name');
  if (context !== null && resource !== null && name !== null) {
    const namespace = q.get('namespace');
    return { context, resource, name, ...(namespace !== null ? { namespace } : {}) };
  }
  const m = /^\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\.yaml$/.exec(path);
  if (!m) return undefined;
  const [, c, r, ns, n] = m;
  const out: ResourceUri = { context: c!, resource: r!, name: n! };
  if (ns !== '_') out.namespace = ns!;
  return out;
}

/** Whether the URI asks for the comparable YAML. */
export const isCompare = (query: string): boolean => new URLSearchParams(query).has('compare');
