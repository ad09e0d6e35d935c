/** The process-wide connection cache: one connection per context and loaded kubeconfig. */
import type { LoadedKubeconfig } from '../kubeconfig/types.js';
import { createConnection, type ConnectionOptions, type HttpClusterConnection } from './connection.js';

const cache = new WeakMap<LoadedKubeconfig, Map<string, Promise<HttpClusterConnection>>>();
const live = new Set<Promise<HttpClusterConnection>>();
const maps = new Set<Map<string, Promise<HttpClusterConnection>>>();

/** The process-wide connection of a context (one per context and loaded kubeconfig). */
export function getConnection(
  loaded: LoadedKubeconfig,
  context: string,
  opts: ConnectionOptions = {},
): Promise<HttpClusterConnection> {
  let perConfig = cache.get(loaded);
  if (!perConfig) {
    perConfig = new Map();
    cache.set(loaded, perConfig);
    maps.add(perConfig);
  }
  const existing = perConfig.get(context);
  if (existing) return existing;
  const p = createConnection(loaded, context, opts);
  perConfig.set(context, p);
  live.add(p);
  p.catch(() => {
    if (perConfig.get(context) === p) perConfig.delete(context);
    live.delete(p);
  });
  return p;
}

/** Close every cached connection (their sockets) and forget them. */
export function closeAllConnections(): void {
  for (const p of live)
    p.then(
      (c) => c.close(),
      () => undefined,
    );
  live.clear();
  for (const m of maps) m.clear();
  maps.clear();
}
