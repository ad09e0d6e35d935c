/**
 * What `kubectl mc get` prints once every cluster has answered: one table per type (the server's columns,
 * CLUSTER first), or one `v1 List` for `-o json|yaml`, or `-o name` lines, or that List through a
 * jsonpath / go-template / custom-columns printer; and the types both the command and its watch
 * (get-watch.ts) share.
 */
import type { ClusterError } from '@kubectl-mc/core/errors';
import { escapeTerminal, valueText } from '@kubectl-mc/core/util';
import type { KubeObject, ResolvedResource, Table, TableRow } from '@kubectl-mc/core/api';
import type { ClusterResult } from '@kubectl-mc/core/fanout';
import {
  formatJson,
  formatName,
  formatYaml,
  formatTable,
  kindGroup,
  mergeTables,
  omitManagedFields,
  printWithTemplate,
  sortByPath,
  toList,
  jsonListChunks,
  preparedTableChunks,
  yamlListChunks,
  itemPagesChunks,
  appendItemPage,
  type ContextObjects,
  type ItemPages,
  type PathStep,
  type PreparedTable,
  type PrinterSpec,
} from '@kubectl-mc/core/render';
import { writeOut } from './stdout.js';

/** `template`: a jsonpath, go-template or custom-columns printer (the PrinterSpec says which). */
export type Output = 'table' | 'wide' | 'json' | 'yaml' | 'name' | 'template';

/** The flags printing depends on. */
export interface PrintFlags {
  'all-namespaces': boolean;
  'no-headers': boolean;
  'show-labels': boolean;
  'no-cluster-column'?: boolean;
  /** `--show-kind`: NAME cells as `kind/name` even for one type. */
  'show-kind'?: boolean;
  /** `-L key,…`: label value columns. */
  'label-columns'?: string[] | undefined;
  /** `--show-managed-fields`: keep `metadata.managedFields` in json/yaml/template output. */
  'show-managed-fields'?: boolean;
}

/** Template output stays readable text: newlines and tabs pass, other control characters are escaped. */
export function escapeTemplateOutput(s: string): string {
  return s.replace(/[^\n\t]+/g, escapeTerminal);
}

/** What one cluster answered for one requested type. */
export interface TypeResult {
  type: string;
  /** The category this type came from (`all`): `type` is then the resource's `plural.group`. */
  category?: string;
  res?: ResolvedResource;
  table?: Table;
  /** The table already reduced to its text, when only that will be printed (see `prepared` in commands/get.ts). */
  prepared?: PreparedTable;
  items?: KubeObject[];
  /** The objects already reduced to the text of their `-o json|yaml` List items (see `itemText` in commands/get.ts). */
  itemPages?: ItemPages;
  /** The list's resourceVersion in object mode (a watch resumes from it instead of listing again). */
  resourceVersion?: string;
  error?: ClusterError;
  /** Names asked for that the cluster does not have. */
  notFound?: string[];
}

export interface Request {
  types: string[];
  /** Per type: names (empty = the whole collection). */
  names: Map<string, string[]>;
  /** A category was expanded: names print as `kind/name` when this is true (kubectl's rule). */
  category?: boolean;
}

/**
 * The request with each category (`get all`) replaced by the resources the clusters expanded it to, in
 * the order they answered them (discovery order, clusters merged by first appearance).
 */
export function expandCategories(results: ClusterResult<TypeResult[]>[], request: Request): Request {
  const categories = new Map<string, string[]>();
  for (const r of results) {
    if (!r.ok) continue;
    for (const t of r.value) {
      if (t.category === undefined) continue;
      const list = categories.get(t.category) ?? [];
      if (!list.includes(t.type)) list.push(t.type);
      categories.set(t.category, list);
    }
  }
  if (categories.size === 0) return request;
  const types = request.types.flatMap((t) => categories.get(t) ?? [t]);
  const names = new Map(types.map((t) => [t, request.names.get(t) ?? []]));
  for (const [category, expanded] of categories)
    for (const t of expanded) names.set(t, request.names.get(category) ?? []);
  // kubectl prints `kind/name` for `all` and for several requested types; for another category only
  // when its objects turn out to be of several kinds.
  const withObjects = new Set<string>();
  for (const r of results) {
    if (!r.ok) continue;
    for (const t of r.value) {
      const n = t.items?.length ?? t.itemPages?.count ?? t.table?.rows.length ?? t.prepared?.rowCount;
      if ((n ?? 0) > 0) withObjects.add(t.type);
    }
  }
  const kinds = request.types.length > 1 || categories.has('all') || withObjects.size > 1;
  return { types, names, category: kinds };
}

/**
 * Print everything that answered (`get` without `-w`), as fast as stdout's reader takes it; false when
 * there was nothing at all to print.
 */
export async function printResults(
  results: ClusterResult<TypeResult[]>[],
  request: Request,
  output: Output,
  flags: PrintFlags,
  sortPath: PathStep[] | undefined,
  /** for `template` output: the printer, and whether one named object from one cluster was asked for */
  template?: { printer: PrinterSpec; single: boolean },
): Promise<boolean> {
  const ok = results.filter((r): r is Extract<typeof r, { ok: true }> => r.ok);
  const perType = request.types.map((type) =>
    ok.flatMap((r) => {
      const t = r.value.find((v) => v.type === type);
      return t && t.res ? [{ context: r.context, ...t, res: t.res }] : [];
    }),
  );

  if (output === 'json' || output === 'yaml' || output === 'template') {
    const entries = perType.flat();
    const keepManagedFields = flags['show-managed-fields'] ?? false;
    // Lists already made text as they arrived (see `itemText` in commands/get.ts): print them page by
    // page (any entry still holding objects is made text here, in its place).
    if ((output === 'json' || output === 'yaml') && !sortPath && entries.some((e) => e.itemPages)) {
      const pages = entries.map(
        (e) =>
          e.itemPages ??
          appendItemPage(undefined, e.items ?? [], { format: output, context: e.context, keepManagedFields }),
      );
      await writeOut(itemPagesChunks(output, pages));
      return true;
    }
    const groups: ContextObjects[] = entries.map((e) => ({
      context: e.context,
      items: keepManagedFields ? (e.items ?? []) : (e.items ?? []).map(omitManagedFields),
    }));
    let list = toList(groups);
    if (sortPath) list = { ...list, items: sortByPath(list.items, sortPath, (o) => o) };
    // kubectl prints an empty List too; only when no cluster answered is there nothing to print.
    if (ok.length === 0) return false;
    const write = (chunk: string) => void process.stdout.write(chunk);
    const printer = template?.printer;
    // One named object of one cluster: kubectl prints the object itself, not a List of one.
    const only = list.items[0];
    if (template?.single && list.items.length === 1 && only && (output === 'json' || output === 'yaml')) {
      write(output === 'json' ? formatJson(only) : formatYaml(only));
      return true;
    }
    if (
      printer &&
      (printer.kind === 'jsonpath' || printer.kind === 'go-template' || printer.kind === 'custom-columns')
    ) {
      // throws PrinterError when the template fails; the caller prints its output and message
      write(
        printWithTemplate(printer, list, {
          single: template.single,
          noClusterColumn: flags['no-cluster-column'] ?? false,
          escape: escapeTemplateOutput,
        }),
      );
      return true;
    }
    await writeOut(output === 'json' ? jsonListChunks(list) : yamlListChunks(list));
    return true;
  }

  if (output === 'name') {
    let lines: Array<{ line: string; obj: unknown }> = [];
    for (const entries of perType) {
      for (const e of entries) {
        for (const row of e.table?.rows ?? []) {
          const name = row.object?.metadata?.name ?? valueText(row.cells[0]);
          lines.push({
            line: escapeTerminal(formatName(e.res.kind, e.res.group, name)),
            obj: row.object,
          });
        }
      }
    }
    if (sortPath) lines = sortByPath(lines, sortPath, (l) => l.obj);
    for (const l of lines) process.stdout.write(`${l.line}\n`);
    return lines.length > 0;
  }

  const multi = request.category ?? request.types.length > 1;
  const labelColumns = flags['label-columns'] ?? [];
  let printedAny = false;
  for (const entries of perType) {
    const rowsTotal = entries.reduce((n, e) => n + (e.prepared?.rowCount ?? e.table?.rows.length ?? 0), 0);
    if (rowsTotal === 0) continue;
    const first = entries[0]?.res;
    const namespaced = entries.some((e) => e.res.namespaced);
    const ready = entries.flatMap((e) => (e.prepared ? [e.prepared] : []));
    if (
      !multi &&
      !sortPath &&
      ready.length === entries.length &&
      !flags['show-kind'] &&
      labelColumns.length === 0
    ) {
      if (printedAny) process.stdout.write('\n');
      // in chunks of whole lines, as they are laid out: the whole output is never one string
      await writeOut(
        preparedTableChunks(ready, {
          namespaceColumn: flags['all-namespaces'] && namespaced,
          showLabels: flags['show-labels'],
          noHeaders: flags['no-headers'],
        }),
      );
      printedAny = true;
      continue;
    }
    let tables = entries.map((e) => ({ context: e.context, table: e.table ?? { columns: [], rows: [] } }));
    if (sortPath) {
      // Sort across clusters: tag every row with its context, sort, then merge row by row in that order.
      const tagged = tables.flatMap((t) =>
        t.table.rows.map((row) => ({ context: t.context, table: t.table, row })),
      );
      const sorted = sortByPath(tagged, sortPath, (x) => x.row.object);
      tables = [
        ...tables.map((t) => ({ context: t.context, table: { ...t.table, rows: [] as TableRow[] } })),
        ...sorted.map((x) => ({ context: x.context, table: { ...x.table, rows: [x.row] } })),
      ];
    }
    const merged = mergeTables(tables, {
      wide: output === 'wide',
      showLabels: flags['show-labels'],
      namespaceColumn: flags['all-namespaces'] && namespaced,
      labelColumns,
      ...((multi || flags['show-kind']) && first ? { kindPrefix: kindGroup(first.kind, first.group) } : {}),
    });
    if (printedAny) process.stdout.write('\n');
    process.stdout.write(formatTable(merged, { noHeaders: flags['no-headers'] }));
    printedAny = true;
  }
  return printedAny;
}

/** kubectl's line when nothing was found: `No resources found in <ns> namespace.` */
export function noResourcesMessage(
  results: ClusterResult<TypeResult[]>[],
  allNamespaces: boolean,
  namespaces: Map<string, string>,
): string {
  const anyNamespaced = results.some((r) => r.ok && r.value.some((t) => t.res?.namespaced));
  if (allNamespaces || !anyNamespaced) return 'No resources found';
  const answered = results.filter((r) => r.ok).map((r) => namespaces.get(r.context) ?? 'default');
  const unique = [...new Set(answered)];
  if (unique.length === 1) return `No resources found in ${escapeTerminal(unique[0] as string)} namespace.`;
  return 'No resources found in the selected namespaces.';
}
