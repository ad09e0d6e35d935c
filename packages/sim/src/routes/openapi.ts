// A minimal OpenAPI v3 as kube-apiserver publishes it: the index of group versions, and per group version
// the object paths with their PATCH operation, its group-version-kind and its query parameters. Enough
// for kubectl to see that the server validates fields itself (`fieldValidation`), so `kubectl apply`
// needs no schema to download; no schemas are served.
import type { ServerResponse } from 'node:http';
import { sendJson, sendStatus } from '../http.js';
import { RESOURCES, groupVersion, type ResourceDef } from '../resources.js';

const HASH = 'sim0001';

const gvPath = (gv: string): string => (gv.includes('/') ? `apis/${gv}` : `api/${gv}`);

function objectPaths(def: ResourceDef): string {
  const base = `/${gvPath(groupVersion(def))}`;
  return def.namespaced
    ? `${base}/namespaces/{namespace}/${def.plural}/{name}`
    : `${base}/${def.plural}/{name}`;
}

const QUERY = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

/** `/openapi/v3` and `/openapi/v3/<api|apis>/…`. */
export function sendOpenApi(res: ServerResponse, pathname: string): void {
  const gvs = [...new Set(RESOURCES.map(groupVersion))];
  const rest = pathname.replace(/^\/openapi\/v3\/?/, '');
  if (rest === '') {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const gv of gvs) paths[gvPath(gv)] = { serverRelativeURL: `/openapi/v3/${gvPath(gv)}?hash=${HASH}` };
    return sendJson(res, 200, { paths });
  }
  const gv = gvs.find((g) => gvPath(g) === rest);
  if (!gv) return sendStatus(res, 404, 'the server could not find the requested resource', 'NotFound');
  const paths: Record<string, unknown> = {};
  for (const def of RESOURCES.filter((r) => groupVersion(r) === gv)) {
    paths[objectPaths(def)] = {
      patch: {
        operationId: `patch${def.kind}`,
        parameters: QUERY,
        responses: {},
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: def.group, version: def.version, kind: def.kind },
      },
    };
  }
  sendJson(res, 200, {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.33.0' },
    paths,
    components: { schemas: {} },
  });
}
