/** The fleet over core: kubeconfig from the user's chosen files, one connection per context, ClusterApi. */
import {
  ClusterApi,
  escapeTerminal,
  fanOut,
  formatRequestLog,
  checkCluster,
  getConnection,
  loadKubeconfig,
  setRequestLogger,
  type ClusterConnection,
  type LoadedKubeconfig,
} from '@kubectl-mc/core';
import { delimiter } from 'node:path';
import { stringify } from 'yaml';
import { isCustomResourceGroup, normalizeForCompare } from '../tree/model.js';
import type { ClusterHealth, FleetBackend, HealthResult, KindInfo } from './backend.js';
import {
  toWorkloadItem,
  type ClusterWorkloads,
  type WorkloadItem,
  type WorkloadKind,
} from '../workloads/model.js';

/**
 * Send one line per API request of this fleet (context, method, URL, status, time; credentials masked by
 * core) to `write`, or stop with undefined. The connections live in this bundle, so the logger is set here.
 */
export function traceRequests(write: ((line: string) => void) | undefined): void {
  setRequestLogger(
    write ? (e) => formatRequestLog(e, 6).forEach((line) => write(escapeTerminal(line))) : undefined,
  );
}

/**
 * @param files the `kubectl-mc.kubeconfig` paths from user settings (empty: `KUBECONFIG`, else ~/.kube/config).
 */
export function coreBackend(files: readonly string[], env: NodeJS.ProcessEnv = process.env): FleetBackend {
  let loaded: LoadedKubeconfig | undefined;
  const conns = new Map<string, Promise<ClusterConnection>>();
  const load = (): LoadedKubeconfig => {
    if (!loaded) {
      loaded =
        files.length > 0
          ? loadKubeconfig({
              env: { ...env, KUBECONFIG: files.join(delimiter) },
            })
          : loadKubeconfig({ env });
    }
    return loaded;
  };
  const api = async (context: string): Promise<ClusterApi> => {
    let c = conns.get(context);
    if (!c) {
      c = getConnection(load(), context);
      conns.set(context, c);
      // A failed connection (bad credentials file, …) is retried on the next request.
      c.catch(() => conns.get(context) === c && conns.delete(context));
    }
    return new ClusterApi(await c);
  };
  const backend: FleetBackend = {
    contexts() {
      const l = load();
      return {
        files: l.files,
        warnings: l.warnings,
        contexts: l.contexts.map((c) => ({
          name: c.name,
          ...(c.server !== undefined ? { server: c.server } : {}),
          ...(c.namespace !== undefined ? { namespace: c.namespace } : {}),
        })),
      };
    },
    async check(context, signal): Promise<ClusterHealth> {
      const h = await checkCluster((await api(context)).conn, signal);
      return {
        version: h.version ?? 'unknown version',
        latencyMs: h.latencyMs,
        ...(h.nodesTotal !== undefined ? { nodesTotal: h.nodesTotal, nodesReady: h.nodesReady ?? 0 } : {}),
      };
    },
    async *checkAll(contexts, opts): AsyncIterable<HealthResult> {
      for await (const r of fanOut(contexts, (ctx, signal) => backend.check(ctx, signal), opts)) {
        yield r.ok
          ? { context: r.context, ok: true, value: r.value }
          : { context: r.context, ok: false, error: { kind: r.error.kind, message: r.error.message } };
      }
    },
    async *workloadsAll(contexts, opts): AsyncIterable<ClusterWorkloads> {
      const kinds: [WorkloadKind, string][] = [
        ['Deployment', 'deployments.apps'],
        ['StatefulSet', 'statefulsets.apps'],
        ['DaemonSet', 'daemonsets.apps'],
      ];
      const task = async (ctx: string, signal: AbortSignal): Promise<WorkloadItem[]> => {
        const a = await api(ctx);
        const out: WorkloadItem[] = [];
        for (const [kind, resource] of kinds) {
          const res = await a.resolve(resource, signal);
          const list = await a.list(res, { allNamespaces: true, signal });
          out.push(...list.items.map((o) => toWorkloadItem(kind, o)));
        }
        return out;
      };
      for await (const r of fanOut(contexts, task, opts)) {
        yield r.ok
          ? { context: r.context, ok: true, items: r.value }
          : { context: r.context, ok: false, error: { kind: r.error.kind, message: r.error.message } };
      }
    },
    async names(context, resource, namespace, signal) {
      const a = await api(context);
      const res = await a.resolve(resource, signal);
      const table = await a.listTable(res, {
        signal,
        includeObject: 'Metadata',
        ...(namespace !== undefined ? { namespace } : { allNamespaces: true }),
      });
      return table.rows.map((r) => {
        const meta = r.object?.metadata;
        const name = meta?.name ?? String(r.cells[0] ?? '');
        return meta?.namespace ? { name, namespace: meta.namespace } : { name };
      });
    },
    async customKinds(context, signal): Promise<KindInfo[]> {
      const all = await (await api(context)).discover(signal);
      return all
        .filter(
          (r) => isCustomResourceGroup(r.group) && r.verbs.includes('list') && !r.resource.includes('/'),
        )
        .map((r) => ({ resource: `${r.resource}.${r.group}`, kind: r.kind, namespaced: r.namespaced }))
        .sort((a, b) => a.kind.localeCompare(b.kind));
    },
    async yaml(context, resource, namespace, name, signal, compare) {
      const a = await api(context);
      const res = await a.resolve(resource, signal);
      const obj = await a.get(res, name, { signal, ...(namespace !== undefined ? { namespace } : {}) });
      return stringify(compare ? normalizeForCompare(obj) : obj);
    },
    dispose() {
      for (const c of conns.values())
        c.then(
          (x) => x.close(),
          () => undefined,
        );
      conns.clear();
      loaded = undefined;
    },
  };
  return backend;
}
