// Request paths → what they name, as kube-apiserver routes them: discovery documents, a resource
// collection or object (cluster-wide or in a namespace), a pod's log. Pure, so routing is tested apart.
import { BY_PLURAL, RESOURCES, servesGroupVersion, type ResourceDef } from '../resources.js';
import { apiGroups } from './discovery.js';

export type Route =
  | { kind: 'version' }
  | { kind: 'health' }
  /** `/api` (core) or `/apis`. */
  | { kind: 'discovery'; which: 'core' | 'apis' }
  /** `/`: the list of paths. */
  | { kind: 'paths' }
  /** `/apis/GROUP`. */
  | { kind: 'group'; group: string; version: string; versions: string[] }
  /** `/api/v1`, `/apis/GROUP/VERSION`. */
  | { kind: 'resourceList'; groupVersion: string; defs: ResourceDef[] }
  | { kind: 'podLog'; namespace: string; name: string }
  /** A collection (no name) or one object. */
  | { kind: 'resource'; def: ResourceDef; namespace?: string; name?: string }
  /** `…/NAME/scale`. */
  | { kind: 'scale'; def: ResourceDef; namespace: string; name: string }
  | { kind: 'notFound' };

const NOT_FOUND: Route = { kind: 'notFound' };

export function route(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/version':
      return { kind: 'version' };
    case '/healthz':
    case '/livez':
    case '/readyz':
      return { kind: 'health' };
    case '/api':
      return { kind: 'discovery', which: 'core' };
    case '/apis':
      return { kind: 'discovery', which: 'apis' };
    case '/':
      return { kind: 'paths' };
  }
  let segs: string[];
  try {
    segs = path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return NOT_FOUND;
  }
  let rest: string[];
  let gv: string;
  if (segs[0] === 'api' && segs[1] === 'v1') {
    gv = 'v1';
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    gv = `${segs[1]}/${segs[2]}`;
    rest = segs.slice(3);
  } else if (segs[0] === 'apis' && segs.length === 2) {
    const g = apiGroups().find((x) => x.group === segs[1]);
    return g ? { kind: 'group', group: g.group, version: g.version, versions: g.versions } : NOT_FOUND;
  } else {
    return NOT_FOUND;
  }
  const defs = RESOURCES.filter((r) => servesGroupVersion(r, gv));
  if (!defs.length) return NOT_FOUND;
  if (rest.length === 0) return { kind: 'resourceList', groupVersion: gv, defs };

  let namespace: string | undefined;
  let plural: string;
  let name: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    plural = rest[2]!;
    name = rest[3];
    if (gv === 'v1' && plural === 'pods' && rest.length === 5 && rest[4] === 'log' && name) {
      return { kind: 'podLog', namespace: namespace!, name };
    }
    if (rest.length === 5 && rest[4] === 'scale' && name) {
      const def = BY_PLURAL.get(plural);
      if (!def || !servesGroupVersion(def, gv)) return NOT_FOUND;
      return { kind: 'scale', def, namespace: namespace!, name };
    }
    if (rest.length > 4) return NOT_FOUND;
  } else {
    plural = rest[0]!;
    name = rest[1];
    if (rest.length > 2) return NOT_FOUND;
  }
  const def = BY_PLURAL.get(plural);
  if (!def || !servesGroupVersion(def, gv) || (namespace !== undefined && !def.namespaced)) return NOT_FOUND;
  return {
    kind: 'resource',
    def,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
  };
}
