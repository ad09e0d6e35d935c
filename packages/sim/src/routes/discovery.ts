// Discovery, as kube-apiserver serves it: /version, /api and /apis (legacy lists or aggregated v2), one
// group, one group version's resource list, and the root's list of paths. A cluster may lack groups
// (a CRD installed on some clusters only): `without` names them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiate, sendJson, sendStatus } from '../http.js';
import { RESOURCES, servedVersions, type ResourceDef } from '../resources.js';
import { metricsAggregatedGroup, metricsApiGroup } from './metrics.js';

const NONE: ReadonlySet<string> = new Set();

/**
 * The named API groups (but those `without`), each at the preferred version of its first resource, with
 * every version its resources are served at (preferred first).
 */
export function apiGroups(
  without: ReadonlySet<string> = NONE,
): { group: string; version: string; versions: string[] }[] {
  const seen = new Map<string, string[]>();
  for (const r of RESOURCES) {
    if (!r.group || without.has(r.group)) continue;
    const vs = seen.get(r.group) ?? [];
    for (const v of servedVersions(r)) if (!vs.includes(v)) vs.push(v);
    seen.set(r.group, vs);
  }
  return [...seen].map(([group, versions]) => ({ group, version: versions[0]!, versions }));
}

export function apiGroup(group: string, version: string, versions: string[] = [version]): unknown {
  const gv = (v: string): { groupVersion: string; version: string } => ({
    groupVersion: `${group}/${v}`,
    version: v,
  });
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions: versions.map(gv),
    preferredVersion: gv(version),
  };
}

/** `GET /`: the paths the server serves. */
export function rootPaths(without: ReadonlySet<string> = NONE): unknown {
  return {
    paths: [
      '/api',
      '/api/v1',
      '/apis',
      ...apiGroups(without).flatMap((g) => g.versions.map((v) => `/apis/${g.group}/${v}`)),
      '/healthz',
      '/livez',
      '/readyz',
      '/version',
    ],
  };
}

export function sendHealthy(res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end('ok');
}

export function resourceList(gv: string, defs: ResourceDef[]): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: defs.flatMap((r) => [
      {
        name: r.plural,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: r.verbs,
        ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
        ...(r.categories.length ? { categories: r.categories } : {}),
      },
      ...(r.plural === 'pods'
        ? [{ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }]
        : []),
    ]),
  };
}

/** `/api` or `/apis`: aggregated discovery when the client asks for it, else the legacy documents. */
export function sendDiscoveryRoot(
  req: IncomingMessage,
  res: ServerResponse,
  which: 'core' | 'apis',
  port: number,
  without: ReadonlySet<string> = NONE,
  metrics = false,
): void {
  const neg = negotiate(req.headers.accept, 'discovery');
  if (!neg)
    return sendStatus(
      res,
      406,
      'only the following media types are accepted: application/json, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      'NotAcceptable',
    );
  if (neg.kind === 'discovery') {
    const groups = which === 'core' ? [{ group: '', version: 'v1', versions: ['v1'] }] : apiGroups(without);
    const list = aggregated(groups, neg.version);
    if (metrics && which === 'apis') list.items.push(metricsAggregatedGroup());
    return sendJson(
      res,
      200,
      list,
      `application/json;g=apidiscovery.k8s.io;v=${neg.version};as=APIGroupDiscoveryList`,
    );
  }
  if (which === 'core') {
    return sendJson(res, 200, {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${port}` }],
    });
  }
  return sendJson(res, 200, {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [
      ...apiGroups(without).map((g) => apiGroup(g.group, g.version, g.versions)),
      ...(metrics && which === 'apis' ? [metricsApiGroup()] : []),
    ],
  });
}

function aggregated(
  groups: { group: string; versions: string[] }[],
  version: string,
): { items: unknown[] } & Record<string, unknown> {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: g.group ? { name: g.group, creationTimestamp: null } : { creationTimestamp: null },
      versions: g.versions.map((gversion) => ({
        version: gversion,
        resources: RESOURCES.filter((r) => r.group === g.group && servedVersions(r).includes(gversion)).map(
          (r) => ({
            resource: r.plural,
            responseKind: { group: r.group, version: gversion, kind: r.kind },
            scope: r.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: r.singular,
            verbs: r.verbs,
            ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
            ...(r.categories.length ? { categories: r.categories } : {}),
            ...(r.plural === 'pods'
              ? {
                  subresources: [
                    {
                      subresource: 'log',
                      responseKind: { group: '', version: 'v1', kind: 'Pod' },
                      verbs: ['get'],
                    },
                  ],
                }
              : {}),
          }),
        ),
        freshness: 'Current',
      })),
    })),
  };
}
