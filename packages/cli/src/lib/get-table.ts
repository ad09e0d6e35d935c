/**
 * A plain table of one cluster, reduced to text page by page: each page of rows becomes its cells' text
 * (`prepareTable`) as it arrives and its parsed rows are dropped, so a 20,000-row cluster never holds
 * more than one page of parsed rows at a time — only the text that will be printed.
 */
import type { ClusterApi, ListOptions, ResolvedResource, TableColumn } from '@kubectl-mc/core/api';
import {
  appendPrepared,
  prepareTable,
  type PreparedTable,
  type PrepareOptions,
} from '@kubectl-mc/core/render';

export async function listPrepared(
  api: ClusterApi,
  context: string,
  res: ResolvedResource,
  opts: ListOptions,
  prepareOpts: PrepareOptions,
): Promise<PreparedTable> {
  let acc: PreparedTable | undefined;
  const { columns }: { columns: TableColumn[] } = await api.listTablePages(
    res,
    opts,
    (page) => {
      acc = appendPrepared(acc, prepareTable(context, page, prepareOpts));
    },
    () => {
      acc = undefined;
    },
  );
  return acc ?? prepareTable(context, { columns, rows: [] }, prepareOpts);
}
