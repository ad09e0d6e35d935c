/**
 * `kubectl mc get -w`: after the initial list, every cluster's watch stream printed as it comes, in the
 * same columns (widths kept from the list), resumed from the list's resourceVersion; a broken stream is
 * reported and retried by core's watch, a cluster that fails for good is named.
 */
import { ClusterError } from '@kubectl-mc/core/errors';
import { escapeTerminal } from '@kubectl-mc/core/util';
import type { LoadedKubeconfig } from '@kubectl-mc/core/kubeconfig';
import { getConnection } from '@kubectl-mc/core/transport';
import {
  ClusterApi,
  type KubeObject,
  type ResolvedResource,
  type Table,
  type TableRow,
  type WatchOptions,
} from '@kubectl-mc/core/api';
import type { ClusterResult } from '@kubectl-mc/core/fanout';
import {
  annotateContext,
  formatJson,
  formatYaml,
  kindGroup,
  mergeTables,
  TableWriter,
} from '@kubectl-mc/core/render';
import { clusterErrorText } from './fleet.js';
import type { Output, PrintFlags, Request, TypeResult } from './get-output.js';

/** `-w`: stream every cluster's changes until Ctrl-C; true when some watch failed for good. */
export async function watchResults(
  results: ClusterResult<TypeResult[]>[],
  request: Request,
  output: Output,
  flags: PrintFlags,
  loaded: LoadedKubeconfig,
  namespaces: Map<string, string>,
  baseOpts: WatchOptions,
  signal: AbortSignal,
  /** Writes one line to stderr (warnings about broken streams, errors of clusters that failed). */
  errLine: (line: string) => void,
): Promise<boolean> {
  const type = request.types[0] as string;
  const names = new Set(request.names.get(type) ?? []);
  const answered = results.flatMap((r) => {
    if (!r.ok) return [];
    const t = r.value.find((v) => v.type === type);
    return t?.res
      ? [
          {
            context: r.context,
            res: t.res,
            table: t.table,
            items: t.items,
            resourceVersion: t.resourceVersion,
          },
        ]
      : [];
  });
  const tableMode = output === 'table' || output === 'wide';
  // Column layout fixed by the initial list; widths remembered so the stream stays aligned.
  const shape = answered.map((a) => ({
    context: a.context,
    table: { columns: a.table?.columns ?? [], rows: [] as TableRow[] },
  }));
  const writer = new TableWriter();
  const mergeOpts = {
    wide: output === 'wide',
    showLabels: flags['show-labels'],
    namespaceColumn: flags['all-namespaces'] && answered.some((a) => a.res.namespaced),
  };
  if (tableMode) {
    const initial = mergeTables(
      answered.map((a) => ({ context: a.context, table: a.table ?? { columns: [], rows: [] } })),
      mergeOpts,
    );
    writer.fit(flags['no-headers'] ? initial.rows : [initial.headers, ...initial.rows]);
    if (answered.every((a) => (a.table?.rows.length ?? 0) === 0) && !flags['no-headers']) {
      process.stdout.write(writer.format([initial.headers]));
    }
  }
  let failed = false;
  await Promise.all(
    answered.map(async (a) => {
      const rv = a.table?.resourceVersion ?? a.resourceVersion;
      try {
        const api = new ClusterApi(await getConnection(loaded, a.context));
        for await (const ev of api.watch<Table | KubeObject>(a.res, {
          ...baseOpts,
          namespace: namespaces.get(a.context) ?? 'default',
          signal,
          table: tableMode || output === 'name',
          ...(rv ? { resourceVersion: rv } : {}),
        })) {
          if (signal.aborted) return;
          if (ev.type === 'RECONNECTING') {
            errLine(
              `warning: context "${escapeTerminal(a.context)}": watch broke (${escapeTerminal(ev.error.message)}); reconnecting`,
            );
            continue;
          }
          if (ev.type === 'BOOKMARK') continue;
          const objs = ev.type === 'RELIST' ? ev.items : [ev.object];
          for (const o of objs) printWatched(a.context, a.res, o, output, shape, writer, mergeOpts, names);
        }
      } catch (e) {
        if (signal.aborted) return;
        failed = true;
        const err = e instanceof ClusterError ? e : new ClusterError('Unreachable', a.context, String(e));
        errLine(`error: ${clusterErrorText(err)}`);
      }
    }),
  );
  return failed;
}

function printWatched(
  context: string,
  res: ResolvedResource,
  o: Table | KubeObject,
  output: Output,
  shape: Array<{ context: string; table: Table }>,
  writer: TableWriter,
  mergeOpts: { wide: boolean; showLabels: boolean; namespaceColumn: boolean },
  names: Set<string>,
): void {
  if (output === 'json' || output === 'yaml') {
    const obj = o as KubeObject;
    if (names.size > 0 && !names.has(obj.metadata?.name ?? '')) return;
    const text =
      output === 'json'
        ? formatJson(annotateContext(obj, context))
        : `---\n${formatYaml(annotateContext(obj, context))}`;
    process.stdout.write(text);
    return;
  }
  const table = o as Table;
  const rows =
    names.size > 0 ? table.rows.filter((r) => names.has(r.object?.metadata?.name ?? '')) : table.rows;
  if (rows.length === 0) return;
  if (output === 'name') {
    const kg = kindGroup(res.kind, res.group);
    for (const r of rows)
      process.stdout.write(`${escapeTerminal(`${context}/${kg}/${r.object?.metadata?.name ?? ''}`)}\n`);
    return;
  }
  const merged = mergeTables([...shape, { context, table: { ...table, rows } }], mergeOpts);
  process.stdout.write(writer.format(merged.rows));
}
