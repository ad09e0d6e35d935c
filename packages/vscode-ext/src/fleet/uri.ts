/** The `kubectl-mc:` URI of one object's read-only YAML: context, resource, namespace and name. Pure. */

export interface ResourceUri {
  context: string;
  resource: string;
  namespace?: string;
  name: string;
}

/** Escape each path segment of a `kubectl-mc:` resource URI. */
export function resourceUriPath(p: ResourceUri): string {
  const seg = (s: string) => encodeURIComponent(s);
  return `/${seg(p.context)}/${seg(p.resource)}/${p.namespace ? seg(p.namespace) : '_'}/${seg(p.name)}.yaml`;
}

export function parseResourceUriPath(path: string): ResourceUri | undefined {
  const m = /^\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\.yaml$/.exec(path);
  if (!m) return undefined;
  const [, c, r, ns, n] = m;
  const dec = decodeURIComponent;
  const out: ResourceUri = { context: dec(c!), resource: dec(r!), name: dec(n!) };
  if (ns !== '_') out.namespace = dec(ns!);
  return out;
}
