/**
 * Helpers shared by the pipeline, networking, Istio and Prometheus rules: value syntaxes (durations,
 * percentages, CIDRs, IP addresses) and text edits that insert lines next to a YAML node.
 */
import { isMap, isScalar } from 'yaml';
import type { Node, Pair } from 'yaml';
import type {
  ClusterDecl,
  KubefedDecl,
  PrometheusJob,
  Range,
  SourceDoc,
  StageDecl,
  TopologyModel,
} from '../types.js';
import { inSourceOrder } from '../order.js';
import { KUBEFED_LEGACY_GROUP } from '../parse.js';
import { getNode, offsetsToRange, pairOf } from '../yaml-util.js';

// ---------------------------------------------------------------- durations

const DURATION_UNITS = ['d', 'h', 'm', 's', 'ms'] as const;

/**
 * A duration like `500ms`, `15m`, `1h30m`, `1.5s`: `<number><unit>` parts, largest unit first, each unit once.
 * Returns the duration in milliseconds, or undefined when the text is not one.
 */
export function parseDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|d|h|m|s)/y;
  const factor: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let pos = 0;
  let lastRank = -1;
  let total = 0;
  if (text.length === 0) return undefined;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    const unit = m[2]!;
    const rank = DURATION_UNITS.indexOf(unit as (typeof DURATION_UNITS)[number]);
    if (rank <= lastRank) return undefined;
    lastRank = rank;
    total += Number(m[1]) * factor[unit]!;
    pos = re.lastIndex;
  }
  return total;
}

// ---------------------------------------------------------------- percentages

/** `5%`, `0.1%`, `100%` → the number; undefined when not a `%` percentage (range is checked by the caller). */
export function parsePercentage(text: string): number | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*%\s*$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The traffic share of a stage in percent: an absent `traffic` is the whole traffic; undefined when unreadable. */
export function stageTraffic(traffic: unknown): number | undefined {
  if (traffic === undefined || traffic === null) return 100;
  if (typeof traffic !== 'string') return undefined;
  return parsePercentage(traffic);
}

/** `stage "name"`, or `stage <n>` (1-based) for a stage without a name. */
export function stageLabel(s: StageDecl): string {
  return s.name !== undefined ? `stage "${s.name}"` : `stage ${s.index + 1}`;
}

// ---------------------------------------------------------------- IP addresses and CIDRs

export interface Cidr {
  family: 4 | 6;
  /** Network address (host bits cleared). */
  base: bigint;
  prefix: number;
}

export function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIPv6(text: string): bigint | undefined {
  let s = text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (s.length === 0 || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  // Embedded IPv4 in the last 32 bits (`::ffff:10.0.0.1`): rewrite it as two hex groups.
  if (s.includes('.')) {
    const lastColon = s.lastIndexOf(':');
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === undefined || lastColon < 0) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const gs = h.split(':');
    const out: number[] = [];
    for (const g of gs) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0]!);
  const rest = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const explicit = head.length + rest.length;
  let groups: number[];
  if (halves.length === 2) {
    if (explicit > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - explicit).fill(0), ...rest];
  } else {
    if (explicit !== 8) return undefined;
    groups = head;
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
}

/** An IPv4 or IPv6 address. */
export function parseIP(text: string): { family: 4 | 6; value: bigint } | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  if (!text.includes(':')) return undefined;
  const v6 = parseIPv6(text);
  return v6 !== undefined ? { family: 6, value: v6 } : undefined;
}

export function parseCidr(text: string): Cidr | undefined {
  const m = /^\s*([^/\s]+)\/(\d{1,3})\s*$/.exec(text);
  if (!m) return undefined;
  const ip = parseIP(m[1]!);
  if (!ip) return undefined;
  const prefix = Number(m[2]);
  const bits = ip.family === 4 ? 32 : 128;
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const base = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, base, prefix };
}

/** Two CIDRs overlap when one contains the other's network address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const bits = a.family === 4 ? 32 : 128;
  const p = Math.min(a.prefix, b.prefix);
  const shift = BigInt(bits - p);
  return a.base >> shift === b.base >> shift;
}

// ---------------------------------------------------------------- Prometheus

/** A job scraping Prometheus' federation endpoint (`metrics_path: /federate`, trailing slash tolerated). */
export function isFederateJob(job: PrometheusJob): boolean {
  return job.metricsPath !== undefined && job.metricsPath.trim().replace(/\/+$/, '') === '/federate';
}

/**
 * Production clusters by name, first declaration only (duplicates are `duplicate-cluster`'s); first by file
 * path and document, whatever the input order.
 */
export function productionClusters(model: TopologyModel): ClusterDecl[] {
  const seen = new Set<string>();
  return inSourceOrder(model.clusters).filter((c) => {
    if (!c.production || seen.has(c.name)) return false;
    seen.add(c.name);
    return true;
  });
}

/** Whether the cluster with this name is declared production somewhere. */
export function isProductionName(model: TopologyModel, name: string): boolean {
  return (model.clustersByName.get(name) ?? []).some((c) => c.production);
}

// ---------------------------------------------------------------- text edits

/** Range of an empty span at an offset. */
export function pointRange(src: SourceDoc, offset: number): Range {
  return offsetsToRange(src.lineCounter, offset, offset);
}

/** Column (0-based) of the key of a pair in its line. */
function keyIndent(src: SourceDoc, pair: Pair): number | undefined {
  const k = pair.key as Node | null;
  const start = k?.range?.[0];
  if (start === undefined) return undefined;
  return start - (src.text.lastIndexOf('\n', start - 1) + 1);
}

/**
 * An edit inserting `lines` (each already without indentation) on new lines right after the line where
 * `node` ends, indented by `indent` spaces. Undefined for flow collections (no line to insert after).
 */
function insertLinesAfter(
  src: SourceDoc,
  node: Node | Pair | null | undefined,
  indent: number,
  lines: string[],
): { range: Range; newText: string } | undefined {
  const n = node && 'range' in node ? node : (node as Pair | null | undefined)?.value;
  const end = (n as Node | null | undefined)?.range?.[1];
  if (end === undefined) return undefined;
  const text = src.text;
  let last = Math.min(end, text.length) - 1;
  while (last > 0 && /\s/.test(text[last]!)) last--;
  const nl = text.indexOf('\n', last + 1);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const pad = ' '.repeat(indent);
  const body = lines.map((l) => pad + l).join(eol);
  if (nl < 0) return { range: pointRange(src, text.length), newText: eol + body + eol };
  return { range: pointRange(src, nl + 1), newText: body + eol };
}

/** True when the node sits in a flow collection or is one (`{…}`, `[…]`): line-based fixes do not apply. */
function isFlowMap(node: unknown): boolean {
  return isMap(node) && node.flow === true;
}

/**
 * An edit adding `lines` as new keys of `map`, right after `pair` and at its key's indentation (a quick
 * fix's "add this setting"). Undefined where a line-based edit cannot apply: a flow mapping, or a key
 * without a position.
 */
export function insertAfterPair(
  src: SourceDoc,
  map: unknown,
  pair: Pair,
  lines: string[],
): { range: Range; newText: string } | undefined {
  if (isFlowMap(map)) return undefined;
  const indent = keyIndent(src, pair);
  return indent === undefined ? undefined : insertLinesAfter(src, pair, indent, lines);
}

/** The value node of `key`, when it is a scalar with a string or number value. */
export function scalarPair(map: unknown, key: string): Pair | undefined {
  const p = pairOf(map, key);
  return p && isScalar(p.value) ? p : undefined;
}

export { getNode };

/** A federated resource of KubeFed's API group before v0.1.0 (`types.kubefed.k8s.io`). */
export function isLegacyKubefed(k: KubefedDecl): boolean {
  return k.apiVersion.split('/')[0] === KUBEFED_LEGACY_GROUP;
}
