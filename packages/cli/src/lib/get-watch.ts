/**
 * `kubectl mc get -w`: the initial list, then every cluster's watch stream printed as it comes, in the
 * same columns (widths kept from the list), resumed from the list's resourceVersion; a broken stream is
 * reported and retried by core's watch, a cluster that fails for good is named. JSON and YAML print
 * objects one by one (not a List), as kubectl's watch does; `--output-watch-events` adds the event type.
 */
import { ClusterError } from '@kubectl-mc/core/errors';
import { escapeJsonText, escapeTerminal, formatDuration } from '@kubectl-mc/core/util';
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
  formatName,
  formatYaml,
  kindGroup,
  mergeTables,
  omitManagedFields,
  PrinterError,
  sortKeys,
  TableWriter,
  type MergedTable,
  type MergeOptions,
  type PrinterSpec,
} from '@kubectl-mc/core/render';
import { clusterErrorText } from './fleet.js';
import {
  escapeTemplateOutput,
  type Output,
  type PrintFlags,
  type Request,
  type TypeResult,
} from './get-output.js';
import { isTemplate, TemplateWatchPrinter, type Watched } from './get-watch-template.js';

/** How `-w` prints: kubectl's `--watch-only` and `--output-watch-events`. */
export interface WatchFlags extends PrintFlags {
  'watch-only'?: boolean;
  'output-watch-events'?: boolean;
  /** The -o printer (jsonpath, go-template and custom-columns print through it). */
  printer?: PrinterSpec;
}

/** Writes documents as kubectl's watch does: JSON objects back to back, YAML documents between `---`. */
class DocumentWriter {
  private docs = 0;
  constructor(private readonly output: Output) {}
  write(context: string, obj: KubeObject, event: string | undefined, keepManagedFields: boolean): void {
    const o = annotateContext(keepManagedFields ? obj : omitManagedFields(obj), context);
    if (this.output === 'json') {
      // kubectl prints watch events compactly, one per line, objects pretty-printed
      process.stdout.write(
        event === undefined
          ? formatJson(o)
          : `${escapeJsonText(JSON.stringify({ type: event, object: sortKeys(o) }))}\n`,
      );
      return;
    }
    const text = formatYaml(event === undefined ? o : { type: event, object: o });
    process.stdout.write(this.docs++ > 0 ? `---\n${text}` : text);
  }
}

/**
 * `-w`: print the initial list (unless `--watch-only`), then stream every cluster's changes until Ctrl-C
 * (or `until`, kubectl's `--request-timeout` for a watch); true when some watch failed for good.
 */
export async function watchResults(
  results: ClusterResult<TypeResult[]>[],
  request: Request,
  output: Output,
  flags: WatchFlags,
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
  const events = flags['output-watch-events'] === true;
  const printInitial = flags['watch-only'] !== true;
  // a template that fails ends the watch, as kubectl's does ("unable to output the provided object")
  const stop = new AbortController();
  const watching = AbortSignal.any([signal, stop.signal]);
  let templateFailed = false;
  const onTemplateError = (e: unknown) => {
    if (!(e instanceof PrinterError)) throw e;
    process.stdout.write(e.output);
    // kubectl's watch words it so
    errLine(
      `error: unable to output the provided object: ${escapeTemplateOutput(e.message.replace(/\n+$/, ''))}`,
    );
    templateFailed = true;
    stop.abort();
  };
  // Column layout fixed by the initial list; widths remembered so the stream stays aligned.
  const shape = answered.map((a) => ({
    context: a.context,
    table: { columns: a.table?.columns ?? [], rows: [] as TableRow[] },
  }));
  const out: WatchPrinter = {
    output,
    events,
    shape,
    names,
    writer: new TableWriter(),
    docs: new DocumentWriter(output),
    keepManagedFields: flags['show-managed-fields'] === true,
    ...(isTemplate(flags.printer)
      ? {
          template: new TemplateWatchPrinter(flags.printer, {
            events,
            noClusterColumn: flags['no-cluster-column'] === true,
            keepManagedFields: flags['show-managed-fields'] === true,
          }),
          onTemplateError,
        }
      : {}),
    seen: new Map(),
    headerDue: !flags['no-headers'],
    mergeOpts: {
      wide: output === 'wide',
      showLabels: flags['show-labels'],
      namespaceColumn: flags['all-namespaces'] && answered.some((a) => a.res.namespaced),
      labelColumns: flags['label-columns'] ?? [],
      ...(flags['show-kind'] && answered[0]
        ? { kindPrefix: kindGroup(answered[0].res.kind, answered[0].res.group) }
        : {}),
    },
  };
  if (tableMode) {
    const initial = withEvent(
      mergeTables(
        answered.map((a) => ({ context: a.context, table: a.table ?? { columns: [], rows: [] } })),
        out.mergeOpts,
      ),
      events ? 'ADDED' : undefined,
    );
    out.header = initial.headers;
    out.writer.fit(flags['no-headers'] ? initial.rows : [initial.headers, ...initial.rows]);
    // kubectl's EVENT column is as wide as its longest word (MODIFIED) from the first line on
    if (events) out.writer.fit([['', 'MODIFIED', '']]);
    for (const a of answered)
      for (const row of a.table?.rows ?? []) changed(out, a.context, 'ADDED', row.object?.metadata);
    // an empty list prints nothing yet: the header comes with the first row, as kubectl's watch prints it
    if (printInitial && initial.rows.length > 0) printRows(out, initial.rows);
  } else if (out.template) {
    const batch: Watched[] = [];
    for (const a of answered)
      for (const o of a.items ?? [])
        if (changed(out, a.context, 'ADDED', o.metadata))
          batch.push({ context: a.context, object: o, event: 'ADDED' });
    try {
      if (printInitial) process.stdout.write(out.template.text(batch));
    } catch (e) {
      onTemplateError(e);
      return true;
    }
  } else if (printInitial) {
    for (const a of answered) {
      if (output === 'name') {
        for (const row of a.table?.rows ?? [])
          printWatched(out, a.context, a.res, { columns: a.table?.columns ?? [], rows: [row] }, 'ADDED');
      } else {
        for (const o of a.items ?? []) printWatched(out, a.context, a.res, o, 'ADDED');
      }
    }
  }
  let failed = false;
  // One named object: kubectl watches it through a metadata.name field selector, from its own version.
  const [only] = names;
  const fieldSelector =
    only === undefined
      ? baseOpts.fieldSelector
      : [baseOpts.fieldSelector, `metadata.name=${only}`]
          .filter((f) => f !== undefined && f !== '')
          .join(',');
  await Promise.all(
    answered.map(async (a) => {
      const rv =
        only === undefined
          ? (a.table?.resourceVersion ?? a.resourceVersion)
          : (a.table?.rows[0]?.object?.metadata?.resourceVersion ?? a.items?.[0]?.metadata?.resourceVersion);
      try {
        const api = new ClusterApi(await getConnection(loaded, a.context));
        for await (const ev of api.watch<Table | KubeObject>(a.res, {
          ...baseOpts,
          ...(fieldSelector !== undefined && { fieldSelector }),
          namespace: namespaces.get(a.context) ?? 'default',
          signal: watching,
          table: tableMode || output === 'name',
          ...(rv ? { resourceVersion: rv } : {}),
        })) {
          if (watching.aborted) return;
          if (ev.type === 'RECONNECTING') {
            const ctx = escapeTerminal(a.context);
            const msg = escapeTerminal(ev.error.message);
            // A stream that keeps ending at once, or a watch that keeps expiring, is said to keep
            // failing (core's reconnect policy backs it off); a broken stream is said every time.
            errLine(
              ev.failing === true
                ? `warning: context "${ctx}": watch keeps failing (${msg}); retrying in ${formatDuration(ev.delayMs ?? 0)}`
                : `warning: context "${ctx}": watch broke (${msg}); reconnecting`,
            );
            continue;
          }
          if (ev.type === 'BOOKMARK') continue;
          if (ev.type === 'RELIST') {
            for (const o of ev.items) printWatched(out, a.context, a.res, o, 'ADDED');
            continue;
          }
          printWatched(out, a.context, a.res, ev.object, ev.type);
        }
      } catch (e) {
        if (watching.aborted) return;
        failed = true;
        const err = e instanceof ClusterError ? e : new ClusterError('Unreachable', a.context, String(e));
        errLine(`error: ${clusterErrorText(err)}`);
      }
    }),
  );
  return failed || templateFailed;
}

interface WatchPrinter {
  /** -o jsonpath|go-template|custom-columns */
  template?: TemplateWatchPrinter;
  onTemplateError?: (e: unknown) => void;
  output: Output;
  events: boolean;
  shape: Array<{ context: string; table: Table }>;
  names: Set<string>;
  writer: TableWriter;
  docs: DocumentWriter;
  keepManagedFields: boolean;
  mergeOpts: MergeOptions;
  /**
   * The resourceVersion last printed per object (`context/namespace/name`): an object seen again unchanged
   * (the watch's first event, or a relist after the watch expired) is not printed twice.
   */
  seen: Map<string, string>;
  /** The table header, printed before the first row when it has not been yet. */
  header?: string[];
  headerDue: boolean;
}

/** The merged table with kubectl's EVENT column after CLUSTER (`--output-watch-events`). */
function withEvent(t: MergedTable, event: string | undefined): MergedTable {
  if (event === undefined) return t;
  const insert = (row: string[], cell: string) => [row[0] ?? '', cell, ...row.slice(1)];
  return { headers: insert(t.headers, 'EVENT'), rows: t.rows.map((r) => insert(r, event)) };
}

function printRows(p: WatchPrinter, rows: string[][]): void {
  const lines = p.headerDue && p.header ? [p.header, ...rows] : rows;
  p.headerDue = false;
  process.stdout.write(p.writer.format(lines));
}

/** Whether this event shows the object in a version not printed yet (deletions always are). */
function changed(
  p: WatchPrinter,
  context: string,
  event: string,
  meta: { name?: string; namespace?: string; resourceVersion?: string } | undefined,
): boolean {
  const key = `${context}/${meta?.namespace ?? ''}/${meta?.name ?? ''}`;
  if (event === 'DELETED') {
    p.seen.delete(key);
    return true;
  }
  const rv = meta?.resourceVersion;
  if (rv === undefined || rv === '') return true;
  if (p.seen.get(key) === rv) return false;
  p.seen.set(key, rv);
  return true;
}

function printWatched(
  p: WatchPrinter,
  context: string,
  res: ResolvedResource,
  o: Table | KubeObject,
  event: string,
): void {
  const eventCell = p.events ? event : undefined;
  if (p.template) {
    const obj = o as KubeObject;
    if (p.names.size > 0 && !p.names.has(obj.metadata?.name ?? '')) return;
    if (!changed(p, context, event, obj.metadata)) return;
    try {
      process.stdout.write(p.template.text([{ context, object: obj, event }]));
    } catch (e) {
      p.onTemplateError?.(e);
    }
    return;
  }
  if (p.output === 'json' || p.output === 'yaml') {
    const obj = o as KubeObject;
    if (p.names.size > 0 && !p.names.has(obj.metadata?.name ?? '')) return;
    if (!changed(p, context, event, obj.metadata)) return;
    p.docs.write(context, obj, eventCell, p.keepManagedFields);
    return;
  }
  const table = o as Table;
  const rows = table.rows.filter(
    (r) =>
      (p.names.size === 0 || p.names.has(r.object?.metadata?.name ?? '')) &&
      changed(p, context, event, r.object?.metadata),
  );
  if (rows.length === 0) return;
  if (p.output === 'name') {
    for (const r of rows)
      process.stdout.write(
        `${escapeTerminal(formatName(res.kind, res.group, r.object?.metadata?.name ?? ''))}\n`,
      );
    return;
  }
  const merged = withEvent(
    mergeTables([...p.shape, { context, table: { ...table, rows } }], p.mergeOpts),
    eventCell,
  );
  printRows(p, merged.rows);
}
