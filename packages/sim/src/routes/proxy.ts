// The service proxy (`/api/v1/namespaces/NS/services/[SCHEME:]NAME[:PORT]/proxy/…`), as kube-apiserver
// serves it: authorized as `get` (or `create` for POST) on `services/proxy`, 404 for a missing Service,
// and the request handed to what listens behind it. The only backend the simulator runs is Prometheus
// (monitoring/prometheus, port 9090 named http, on clusters with Istio); any other Service answers 503
// as one whose endpoints do not answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendStatus } from '../http.js';
import { BY_PLURAL } from '../resources.js';
import type { Service } from '../kinds.js';
import type { ResourceStore } from '../store.js';
import { authorize, type UserInfo } from './auth.js';
import { MONITORING_NAMESPACE, PROMETHEUS_PORT, PROMETHEUS_SERVICE } from '../istio.js';
import { servePrometheus } from '../prometheus/api.js';
import type { Series } from '../prometheus/series.js';

const PROXY = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)?$/;

export interface ServiceProxyTarget {
  namespace: string;
  scheme: string;
  name: string;
  port: string;
  /** the path behind the proxy (at least `/`) */
  path: string;
}

/** What a service proxy path names, or undefined when `pathname` is not one. */
export function proxyTarget(pathname: string): ServiceProxyTarget | undefined {
  const m = PROXY.exec(pathname);
  if (!m) return undefined;
  let namespace: string;
  let svc: string;
  let path: string;
  try {
    namespace = decodeURIComponent(m[1]!);
    svc = decodeURIComponent(m[2]!);
    path = m[3] ? decodeURIComponent(m[3]) : '/';
  } catch {
    return undefined;
  }
  const parts = svc.split(':');
  if (parts.length > 3) return undefined;
  const [scheme, name, port] =
    parts.length === 3 ? parts : parts.length === 2 ? ['', parts[0]!, parts[1]!] : ['', parts[0]!, ''];
  return { namespace, scheme: scheme!, name: name!, port: port!, path };
}

export function serveServiceProxy(
  req: IncomingMessage,
  res: ServerResponse,
  store: ResourceStore,
  user: UserInfo,
  t: ServiceProxyTarget,
  query: URLSearchParams,
  prometheus: (() => Series[]) | undefined,
  forbid = false,
): Promise<void> | void {
  const services = BY_PLURAL.get('services')!;
  const verb =
    req.method === 'GET' || req.method === 'HEAD' ? 'get' : req.method === 'POST' ? 'create' : 'update';
  // the forbid fault refuses as RBAC would refuse a user without the permission
  const denied = authorize(
    forbid ? { ...user, restricted: true } : user,
    verb,
    services,
    t.namespace,
    t.name,
    'proxy',
  );
  if (denied) return sendStatus(res, 403, denied.message, 'Forbidden', denied.details);
  const svc: Service | undefined = store.get('services', t.namespace, t.name);
  if (!svc)
    return sendStatus(res, 404, `services "${t.name}" not found`, 'NotFound', {
      name: t.name,
      kind: 'services',
    });
  const ports = (svc.spec?.ports ?? []) as { name?: string; port?: number }[];
  const port = t.port
    ? ports.find((p) => p.name === t.port || String(p.port) === t.port)
    : ports.length === 1
      ? ports[0]
      : undefined;
  if (!port)
    return sendStatus(
      res,
      503,
      `no endpoints available for service "${t.port ? `${t.name}:${t.port}` : t.name}"`,
      'ServiceUnavailable',
    );
  const isPrometheus =
    prometheus &&
    t.namespace === MONITORING_NAMESPACE &&
    t.name === PROMETHEUS_SERVICE &&
    port.port === PROMETHEUS_PORT &&
    (t.scheme === '' || t.scheme === 'http');
  if (!isPrometheus)
    return sendStatus(res, 503, `no endpoints available for service "${t.name}"`, 'ServiceUnavailable');
  return servePrometheus(req, res, t.path, query, prometheus);
}
