/**
 * `top` tables across the fleet, as `kubectl top` prints one cluster's (its columns, `250m` / `64Mi`
 * values, `<unknown>` for nodes without metrics, the `--sum` line, tab-aligned with kubectl's widths),
 * with a CLUSTER column first. `--sort-by cpu|memory` sorts across the whole fleet, largest first; ties and
 * the default keep cluster order, then each cluster's own (namespace, name).
 */
import { tabwrite } from '../render/custom-columns.js';
import { escapeTerminal } from '../util/escape.js';
import { addQuantities, ZERO_QUANTITY } from '../util/quantity.js';
import type { ContainerUsage, NodeUsage, PodUsage, Usage } from './top.js';
import { usageOf } from './top.js';

export type TopSortBy = 'cpu' | 'memory';

export const TOP_SORT_KEYS: readonly TopSortBy[] = ['cpu', 'memory'];

export interface ClusterPods {
  context: string;
  pods: PodUsage[];
}

export interface ClusterNodes {
  context: string;
  nodes: NodeUsage[];
}

export interface TopTableOptions {
  sortBy?: TopSortBy;
  noHeaders?: boolean;
  /** Name of the leading column (default `CLUSTER`); `null` for none (one cluster as kubectl prints it). */
  clusterColumn?: string | null;
}

export interface TopPodsTableOptions extends TopTableOptions {
  /** A NAMESPACE column (kubectl: with `-A`). */
  allNamespaces?: boolean;
  /** One row per container (POD and NAME columns). */
  containers?: boolean;
  /** A last line with the fleet's total. */
  sum?: boolean;
}

/** kubectl's CPU cell: `MilliValue()` in millicores. */
export const formatCpu = (u: Usage): string => `${u.cpuMilli}m`;

/** kubectl's memory cell: whole MiB, truncated. */
export const formatMemory = (u: Usage): string => `${Math.trunc(u.memoryBytes / 1048576)}Mi`;

const amount = (u: Usage, by: TopSortBy): number => (by === 'cpu' ? u.cpuMilli : u.memoryBytes);

/** Largest first by `by`; stable, so equal values keep their order. */
function byUsage<T>(items: T[], by: TopSortBy | undefined, usage: (t: T) => Usage | undefined): T[] {
  if (!by) return items;
  return [...items].sort((a, b) => {
    const ua = usage(a);
    const ub = usage(b);
    if (!ua || !ub) return ua ? -1 : ub ? 1 : 0;
    return amount(ub, by) - amount(ua, by);
  });
}

/** The fleet's pods, in print order: cluster order unless `sortBy`, containers sorted as kubectl sorts them. */
export function sortPods(
  clusters: readonly ClusterPods[],
  sortBy?: TopSortBy,
): { context: string; pod: PodUsage }[] {
  const all = clusters.flatMap((c) =>
    c.pods.map((pod) => ({
      context: c.context,
      pod: {
        ...pod,
        containers: byUsage<ContainerUsage>(
          [...pod.containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
          sortBy,
          (x) => x,
        ),
      },
    })),
  );
  return byUsage(all, sortBy, (x) => x.pod);
}

/** The fleet's nodes in print order: nodes with metrics (sorted), then the unknown ones. */
export function sortNodes(
  clusters: readonly ClusterNodes[],
  sortBy?: TopSortBy,
): { context: string; node: NodeUsage }[] {
  const all = clusters.flatMap((c) => c.nodes.map((node) => ({ context: c.context, node })));
  const known = all.filter((n) => n.node.usage);
  const unknown = all.filter((n) => !n.node.usage);
  return [...byUsage(known, sortBy, (x) => x.node.usage), ...unknown];
}

const esc = (s: string): string => escapeTerminal(s);

/** Lines of tab-terminated cells, aligned as kubectl's tabwriter aligns them (trailing padding too). */
function layout(rows: string[][]): string {
  if (rows.length === 0) return '';
  return `${tabwrite(rows.map((r) => r.map((c) => `${c}\t`).join('')).join('\n'))}\n`;
}

/** `kubectl top pod` across the fleet (empty string when there is nothing to print). */
export function formatTopPods(clusters: readonly ClusterPods[], opts: TopPodsTableOptions = {}): string {
  const sorted = sortPods(clusters, opts.sortBy);
  if (sorted.length === 0) return '';
  const lead = opts.clusterColumn === null ? [] : [opts.clusterColumn ?? 'CLUSTER'];
  const rows: string[][] = [];
  if (!opts.noHeaders) {
    rows.push([
      ...lead,
      ...(opts.allNamespaces ? ['NAMESPACE'] : []),
      ...(opts.containers ? ['POD'] : []),
      'NAME',
      'CPU(cores)',
      'MEMORY(bytes)',
    ]);
  }
  const ctx = (c: string): string[] => (lead.length ? [esc(c)] : []);
  for (const { context, pod } of sorted) {
    const ns = opts.allNamespaces ? [esc(pod.namespace)] : [];
    if (opts.containers) {
      for (const c of pod.containers)
        rows.push([...ctx(context), ...ns, esc(pod.name), esc(c.name), formatCpu(c), formatMemory(c)]);
    } else {
      rows.push([...ctx(context), ...ns, esc(pod.name), formatCpu(pod), formatMemory(pod)]);
    }
  }
  if (opts.sum) {
    let cpu = ZERO_QUANTITY;
    let memory = ZERO_QUANTITY;
    for (const { pod } of sorted) {
      cpu = addQuantities(cpu, pod.cpu);
      memory = addQuantities(memory, pod.memory);
    }
    const total = usageOf(cpu, memory);
    const blanks = Array<string>(
      lead.length + (opts.allNamespaces ? 1 : 0) + (opts.containers ? 1 : 0) + 1,
    ).fill('');
    rows.push([...blanks, '________', '________']);
    rows.push([...blanks, formatCpu(total), formatMemory(total)]);
  }
  return layout(rows);
}

/** `kubectl top node` across the fleet (empty string when there is nothing to print). */
export function formatTopNodes(clusters: readonly ClusterNodes[], opts: TopTableOptions = {}): string {
  const sorted = sortNodes(clusters, opts.sortBy);
  if (sorted.length === 0) return '';
  const lead = opts.clusterColumn === null ? [] : [opts.clusterColumn ?? 'CLUSTER'];
  const rows: string[][] = [];
  if (!opts.noHeaders) rows.push([...lead, 'NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
  const pct = (p: number | undefined): string => (p === undefined ? '<unknown>' : `${p}%`);
  for (const { context, node } of sorted) {
    const c = lead.length ? [esc(context)] : [];
    const u = node.usage;
    rows.push(
      u
        ? [...c, esc(node.name), formatCpu(u), pct(node.cpuPercent), formatMemory(u), pct(node.memoryPercent)]
        : [...c, esc(node.name), '<unknown>', '<unknown>', '<unknown>', '<unknown>'],
    );
  }
  return layout(rows);
}
