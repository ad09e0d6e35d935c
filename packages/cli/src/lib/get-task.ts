// One cluster's answer to `get TYPE[,TYPE] [NAME…]`: per type, its table, prepared text or objects.
import { ClusterError } from '@kubectl-mc/core/errors';
import type { ClusterApi, KubeObject, ListOptions, ResolvedResource, Table } from '@kubectl-mc/core/api';
import type { ClusterResult } from '@kubectl-mc/core/fanout';
import { humanDuration } from '@kubectl-mc/core/util';
import { appendItemPage, prepareTable, type ItemPages, type ListFormat } from '@kubectl-mc/core/render';
import type { Request, TypeResult } from './get-output.js';
import { listPrepared } from './get-table.js';

export interface TypesTaskOptions {
  /** Full objects (json, yaml, templates) instead of server-printed tables. */
  objects: boolean;
  /** Reduce each table to its text as it arrives (a plain table of one type). */
  prepared: boolean;
  prepareOpts: { wide: boolean; showLabels: boolean; namespaces: boolean };
  /** Reduce each page of a listed collection to the text of its `-o json|yaml` List items as it arrives. */
  itemText?: { format: ListFormat; keepManagedFields: boolean };
}

export async function typesTask(
  api: ClusterApi,
  ctx: string,
  request: Request,
  opts: ListOptions & { signal: AbortSignal },
  { objects, prepared, prepareOpts, itemText }: TypesTaskOptions,
): Promise<TypeResult[]> {
  const { signal } = opts;
  const out: TypeResult[] = [];
  for (const type of request.types) {
    const names = request.names.get(type) ?? [];
    const fetch = async (res: ResolvedResource, prep = prepared): Promise<TypeResult> => {
      if (objects) {
        if (names.length === 0 && itemText) {
          let acc: ItemPages | undefined;
          const textOpts = { ...itemText, context: ctx };
          const { resourceVersion } = await api.listPages(
            res,
            opts,
            (page) => {
              acc = appendItemPage(acc, page, textOpts);
            },
            () => {
              acc = undefined;
            },
          );
          return { type, res, itemPages: acc ?? appendItemPage(undefined, [], textOpts), resourceVersion };
        }
        if (names.length === 0) {
          const list = await api.list(res, opts);
          return { type, res, items: list.items, resourceVersion: list.resourceVersion };
        }
        const items: KubeObject[] = [];
        const notFound: string[] = [];
        for (const n of names) {
          try {
            items.push(await api.get(res, n, opts));
          } catch (e) {
            if (e instanceof ClusterError && e.kind === 'NotFound') notFound.push(n);
            else throw e;
          }
        }
        return { type, res, items, ...(notFound.length ? { notFound } : {}) };
      }
      if (prep && names.length === 0)
        return { type, res, prepared: await listPrepared(api, ctx, res, opts, prepareOpts) };
      const table = names.length > 0 ? await api.getTable(res, names, opts) : await api.listTable(res, opts);
      const notFound = table.notFound ? { notFound: table.notFound } : {};
      if (prep) return { type, res, prepared: prepareTable(ctx, table, prepareOpts), ...notFound };
      return { type, res, table, ...notFound };
    };
    try {
      let res: ResolvedResource;
      try {
        res = await api.resolve(type, signal);
      } catch (e) {
        // Not a resource: maybe a category (`all`), which kubectl expands through discovery.
        if (!(e instanceof ClusterError && e.kind === 'NotFound')) throw e;
        const members = await api.resolveCategory(type, signal);
        if (members.length === 0) throw e;
        for (const m of members) {
          const fetched = await fetch(m, false);
          out.push({ ...fetched, type: `${m.resource}.${m.group}`, category: type });
        }
        continue;
      }
      try {
        out.push(await fetch(res));
      } catch (e) {
        // A built-in type resolved without discovery that this cluster serves elsewhere: ask discovery.
        if (!(e instanceof ClusterError && e.kind === 'NotFound')) throw e;
        out.push(await fetch(await api.resolve(type, signal, { discovery: true })));
      }
    } catch (e) {
      // A type one cluster lacks (a CRD not installed there) does not hide its other types.
      if (e instanceof ClusterError && e.kind === 'NotFound' && request.types.length > 1) {
        out.push({ type, error: e });
        continue;
      }
      throw e;
    }
  }
  return out;
}

/**
 * `--server-print=false`: kubectl's client-side table for any type, NAME and AGE (with the NAMESPACE and
 * LABELS columns its flags add). Built from the rows' object metadata the server sends with its Table, so
 * the output equals kubectl's, which asks for whole objects instead.
 */
export function clientSideTable(t: Table, now = Date.now()): Table {
  return {
    ...t,
    columns: [
      { name: 'Name', type: 'string', format: 'name', priority: 0 },
      { name: 'Age', type: 'string', priority: 0 },
    ],
    rows: t.rows.map((r) => {
      const meta = r.object?.metadata;
      const created = meta?.creationTimestamp ? Date.parse(meta.creationTimestamp) : NaN;
      return {
        ...r,
        cells: [meta?.name ?? r.cells[0], Number.isNaN(created) ? '<unknown>' : humanDuration(now - created)],
      };
    }),
  };
}

/** Every answered table made client-side (`--server-print=false`). */
export function withClientSideTables(results: ClusterResult<TypeResult[]>[]): ClusterResult<TypeResult[]>[] {
  const now = Date.now();
  return results.map((r) =>
    r.ok
      ? { ...r, value: r.value.map((t) => (t.table ? { ...t, table: clientSideTable(t.table, now) } : t)) }
      : r,
  );
}
