/**
 * The dashboard's `Backend` over core's API: one connection per context (from its own KubeConfig),
 * server-printed tables for lists and watches, `checkCluster` for health, objects for YAML.
 */
import {
  cellText,
  checkCluster,
  ClusterApi,
  formatYaml,
  getConnection,
  type LoadedKubeconfig,
  type ResolvedResource,
  type Table,
  type TableColumn,
  type TableRow,
} from '@kubectl-mc/core';
import type { Backend, TableData, TableEvent } from './data.js';
import type { RowInput } from './state.js';

const EVENTS: ResolvedResource = {
  group: '',
  version: 'v1',
  resource: 'events',
  kind: 'Event',
  namespaced: true,
  singular: 'event',
  shortNames: ['ev'],
  verbs: ['list', 'watch'],
  categories: [],
};

/** kubectl's default table shows priority-0 columns only, upper-cased. */
function shownColumns(columns: TableColumn[]): { names: string[]; index: number[] } {
  const index: number[] = [];
  columns.forEach((c, i) => {
    if ((c.priority ?? 0) === 0) index.push(i);
  });
  return { names: index.map((i) => columns[i]!.name.toUpperCase()), index };
}

function toRow(row: TableRow, index: number[]): RowInput {
  const meta = row.object?.metadata ?? {};
  const cells = index.map((i) => cellText(row.cells[i]));
  const name = typeof meta.name === 'string' ? meta.name : (cells[0] ?? '');
  return {
    ...(typeof meta.namespace === 'string' && meta.namespace !== '' ? { namespace: meta.namespace } : {}),
    name,
    cells,
    // The object is not kept: 50,000 rows of metadata cost more memory than they are worth here
    // (YAML is fetched on demand).
  };
}

function toTableData(t: Pick<Table, 'columns' | 'rows' | 'resourceVersion'>): TableData {
  const { names, index } = shownColumns(t.columns);
  return {
    columns: names,
    rows: t.rows.map((r) => toRow(r, index)),
    ...(t.resourceVersion ? { resourceVersion: t.resourceVersion } : {}),
  };
}

export function coreBackend(loaded: LoadedKubeconfig): Backend {
  const apis = new Map<string, Promise<ClusterApi>>();
  const api = (ctx: string): Promise<ClusterApi> => {
    let a = apis.get(ctx);
    if (!a) {
      a = getConnection(loaded, ctx).then((conn) => new ClusterApi(conn));
      apis.set(ctx, a);
      a.catch(() => apis.delete(ctx));
    }
    return a;
  };
  const resolved = new Map<string, Promise<ResolvedResource>>();
  const resolve = (ctx: string, name: string, signal: AbortSignal): Promise<ResolvedResource> => {
    const key = `${ctx}\u0000${name}`;
    let p = resolved.get(key);
    if (!p) {
      p = api(ctx).then((a) => a.resolve(name, signal));
      resolved.set(key, p);
      p.catch(() => resolved.delete(key));
    }
    return p;
  };

  return {
    async health(ctx, signal) {
      const h = await checkCluster((await api(ctx)).conn, signal);
      return {
        latencyMs: h.latencyMs,
        ...(h.version !== undefined ? { version: h.version } : {}),
        ...(h.nodesTotal !== undefined ? { nodesTotal: h.nodesTotal, nodesReady: h.nodesReady ?? 0 } : {}),
      };
    },
    async warnings(ctx, signal) {
      try {
        const t = await (
          await api(ctx)
        ).listTable(EVENTS, {
          allNamespaces: true,
          fieldSelector: 'type=Warning',
          includeObject: 'None',
          signal,
        });
        return t.rows.length;
      } catch {
        return undefined;
      }
    },
    async resolve(ctx, name, signal) {
      const r = await resolve(ctx, name, signal);
      return { namespaced: r.namespaced };
    },
    async list(ctx, name, signal) {
      const res = await resolve(ctx, name, signal);
      return toTableData(await (await api(ctx)).listTable(res, { allNamespaces: true, signal }));
    },
    async *watch(ctx, name, resourceVersion, signal): AsyncGenerator<TableEvent> {
      const res = await resolve(ctx, name, signal);
      const a = await api(ctx);
      for await (const ev of a.watch<Table>(res, {
        allNamespaces: true,
        table: true,
        resourceVersion,
        signal,
      })) {
        switch (ev.type) {
          case 'ADDED':
          case 'MODIFIED':
          case 'DELETED': {
            const t = toTableData(ev.object);
            for (const row of t.rows) {
              yield ev.type === 'DELETED'
                ? { type: 'DELETED', row }
                : { type: ev.type, columns: t.columns, row };
            }
            break;
          }
          case 'RELIST': {
            const t = ev.items[0];
            if (t) yield { type: 'RELIST', table: toTableData(t) };
            break;
          }
          case 'RECONNECTING':
            yield { type: 'RECONNECTING', error: ev.error };
            break;
          case 'BOOKMARK':
            break;
        }
      }
    },
    async yaml(ctx, name, namespace, objectName, signal) {
      const res = await resolve(ctx, name, signal);
      const obj = await (
        await api(ctx)
      ).get(res, objectName, { ...(namespace ? { namespace } : {}), signal });
      // As k9s: managedFields are noise for reading an object.
      if (obj.metadata) delete obj.metadata['managedFields'];
      return formatYaml(obj);
    },
    close() {
      for (const a of apis.values())
        a.then(
          (x) => x.conn.close(),
          () => undefined,
        );
      apis.clear();
    },
  };
}
