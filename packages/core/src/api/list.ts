/** Lists of one cluster: every page of a collection as a server-printed table or as objects. */
import { ClusterError } from '../errors.js';
import type { ClusterConnection, RequestOptions } from '../transport/types.js';
import { apiVersionOf, collectionPath, objectPath, selectorQuery } from './paths.js';
import { TABLE_ACCEPT, toTable, type RawTable } from './table.js';
import { checkItems, expectObject, listMeta } from './validate.js';
import { retain } from '../transport/budget.js';
import type { KubeObject, ListOptions, ResolvedResource, Table, TableColumn, TableRow } from './types.js';

export const DEFAULT_PAGE_SIZE = 500;
/** How many times a paginated list restarts after its continue token expired (410). */
const MAX_LIST_RESTARTS = 3;

/** Page through a collection, restarting from scratch when a continue token expires (410). */
async function paginate<P>(
  conn: ClusterConnection,
  path: string,
  opts: ListOptions,
  request: RequestOptions,
  onPage: (body: P, first: boolean, cost: number) => string | undefined,
  reset: () => void,
): Promise<void> {
  const limit = opts.limit ?? DEFAULT_PAGE_SIZE;
  for (let attempt = 0; ; attempt++) {
    let cont: string | undefined;
    let first = true;
    try {
      do {
        const res = await conn.request<P>(path, {
          ...request,
          query: {
            ...request.query,
            ...selectorQuery(opts),
            limit: limit > 0 ? limit : undefined,
            continue: cont,
          },
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        cont = onPage(res.body, first, res.cost ?? 0);
        first = false;
      } while (cont);
      return;
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'Expired' && attempt < MAX_LIST_RESTARTS) {
        reset();
        continue;
      }
      throw e;
    }
  }
}

/**
 * The server-printed table of a collection page by page: `onPage` gets each page's rows (with the first
 * page's columns) as it arrives, and may drop them; `reset` is called when the list restarts from the
 * first page (an expired continue token). Resolves with the columns and the list's resourceVersion.
 */
export async function listTablePages(
  conn: ClusterConnection,
  res: ResolvedResource,
  opts: ListOptions,
  onPage: (page: Table) => void,
  reset: () => void,
): Promise<{ columns: TableColumn[]; resourceVersion?: string }> {
  let columns: TableColumn[] = [];
  let resourceVersion: string | undefined;
  await paginate<RawTable>(
    conn,
    collectionPath(res, opts),
    opts,
    { accept: TABLE_ACCEPT, query: { includeObject: opts.includeObject } },
    (body, first) => {
      const t = toTable(body, conn.context);
      if (first) {
        columns = t.columns;
        resourceVersion = t.rv;
      }
      onPage({ columns, rows: t.rows });
      return t.cont;
    },
    reset,
  );
  return { columns, ...(resourceVersion ? { resourceVersion } : {}) };
}

/** The server-printed table of a collection, all pages, rows in server order. */
export async function listTable(
  conn: ClusterConnection,
  res: ResolvedResource,
  opts: ListOptions = {},
): Promise<Table> {
  let columns: TableColumn[] = [];
  let rows: TableRow[] = [];
  let resourceVersion: string | undefined;
  await paginate<RawTable>(
    conn,
    collectionPath(res, opts),
    opts,
    { accept: TABLE_ACCEPT, query: { includeObject: opts.includeObject } },
    (body, first, cost) => {
      const t = toTable(body, conn.context);
      if (opts.maxRows !== undefined && rows.length + t.rows.length > opts.maxRows)
        throw new ClusterError(
          'InvalidResponse',
          conn.context,
          `the list has more than ${opts.maxRows} rows (a page of ${t.rows.length}); narrow it with a namespace or a label selector`,
        );
      // the rows are kept until printed: they hold their share of the command's memory budget
      retain(t.rows, cost, conn.context, `a page of ${t.rows.length} rows`);
      if (first) {
        columns = t.columns;
        resourceVersion = t.rv;
      }
      // one by one: a page of 200,000 rows from a server ignoring `limit` must not overflow the stack
      for (const row of t.rows) rows.push(row);
      return t.cont;
    },
    () => {
      rows = [];
    },
  );
  return { columns, rows, ...(resourceVersion ? { resourceVersion } : {}) };
}

/**
 * Full objects of a collection page by page, each with its apiVersion and kind set: `onPage` gets each
 * page's items (and their estimated memory cost) as it arrives and decides what to keep; `reset` is
 * called when the list restarts from the first page (an expired continue token). Resolves with the
 * list's resourceVersion.
 */
export async function listObjectPages<T = KubeObject>(
  conn: ClusterConnection,
  res: ResolvedResource,
  opts: ListOptions,
  onPage: (items: T[], cost: number) => void,
  reset: () => void,
): Promise<{ resourceVersion: string }> {
  let resourceVersion = '';
  const apiVersion = apiVersionOf(res);
  await paginate<unknown>(
    conn,
    collectionPath(res, opts),
    opts,
    { accept: 'application/json' },
    (body, first, cost) => {
      const b = expectObject(body, 'a list', conn.context);
      const meta = listMeta(b, 'a list', conn.context);
      if (first) resourceVersion = meta.rv ?? '';
      const page: T[] = [];
      for (const item of checkItems(b['items'], conn.context)) {
        page.push({ apiVersion, kind: res.kind, ...item } as T);
      }
      onPage(page, cost);
      return meta.cont;
    },
    reset,
  );
  return { resourceVersion };
}

/** Full objects of a collection (all pages), each with its apiVersion and kind set. */
export async function listObjects<T = KubeObject>(
  conn: ClusterConnection,
  res: ResolvedResource,
  opts: ListOptions = {},
): Promise<{ items: T[]; resourceVersion: string }> {
  let items: T[] = [];
  const { resourceVersion } = await listObjectPages<T>(
    conn,
    res,
    opts,
    (page, cost) => {
      // the items are kept until printed: they hold their share of the command's memory budget
      retain(page as object[], cost, conn.context, `a page of ${page.length} items`);
      for (const item of page) items.push(item);
    },
    () => {
      items = [];
    },
  );
  return { items, resourceVersion };
}

/**
 * The server-printed rows of named objects, in the order asked; names the server does not have are
 * listed in `notFound` (as kubectl reports them one by one and prints the rest).
 */
export async function getTable(
  conn: ClusterConnection,
  res: ResolvedResource,
  names: string[],
  opts: ListOptions = {},
): Promise<Table> {
  const settled = await Promise.allSettled(
    names.map((name) =>
      conn.request<RawTable>(objectPath(res, name, opts), {
        accept: TABLE_ACCEPT,
        query: { includeObject: opts.includeObject },
        ...(opts.signal ? { signal: opts.signal } : {}),
      }),
    ),
  );
  let columns: TableColumn[] = [];
  const rows: TableRow[] = [];
  const notFound: string[] = [];
  settled.forEach((s, i) => {
    if (s.status === 'rejected') {
      const e: unknown = s.reason;
      if (e instanceof ClusterError && e.kind === 'NotFound') notFound.push(names[i] ?? '');
      else throw e;
      return;
    }
    const t = toTable(s.value.body, conn.context);
    retain(t.rows, s.value.cost ?? 0, conn.context, 'an object');
    if (columns.length === 0) columns = t.columns;
    for (const row of t.rows) rows.push(row);
  });
  return { columns, rows, ...(notFound.length ? { notFound } : {}) };
}
