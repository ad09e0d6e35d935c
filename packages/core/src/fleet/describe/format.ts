/** kubectl describe's shared field formats: labels, annotations, tolerations, times, selectors. */
import { humanDuration } from '../../util/duration.js';
import { LEVEL_0, type DescribeWriter } from './writer.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go's `time.RFC1123Z` in the local zone (`Mon, 02 Jan 2006 15:04:05 -0700`); Go's zero time when unset. */
export function rfc1123z(ts: unknown): string {
  const ms = typeof ts === 'string' ? Date.parse(ts) : NaN;
  if (Number.isNaN(ms)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return (
    `${DAYS[d.getDay()] ?? ''}, ${pad2(d.getDate())} ${MONTHS[d.getMonth()] ?? ''} ${d.getFullYear()} ` +
    `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())} ${sign}${pad2(Math.trunc(abs / 60))}${pad2(abs % 60)}`
  );
}

/** kubectl's `translateTimestampSince`: a human age, `<unknown>` when unset. */
export function since(ts: unknown, now = Date.now()): string {
  const ms = typeof ts === 'string' ? Date.parse(ts) : NaN;
  if (Number.isNaN(ms)) return '<unknown>';
  return humanDuration(now - ms);
}

export const printBool = (b: unknown): string => (b === true ? 'True' : 'False');

export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

export function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function arr(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.map(rec) : [];
}

export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(v))) out[k] = str(x);
  return out;
}

const sortedKeys = (m: Record<string, unknown>) =>
  Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** `printLabelsMultilineWithIndent(w, indent, title, "\t", labels)`. */
export function printLabels(
  w: DescribeWriter,
  title: string,
  labels: Record<string, string>,
  indent = '',
): void {
  w.write(LEVEL_0, `${indent}${title}:\t`);
  const keys = sortedKeys(labels);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, `${indent}\t`);
    w.write(LEVEL_0, `${k}=${labels[k] ?? ''}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function shorten(s: string, max: number): string {
  return s.length > max && max > 3 ? `${s.slice(0, max - 2)}...` : s;
}

/** `printAnnotationsMultiline`: sorted, long or multi-line values on their own lines. */
export function printAnnotations(
  w: DescribeWriter,
  title: string,
  annotations: Record<string, string>,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => !SKIP_ANNOTATIONS.has(k));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = (annotations[k] ?? '').replace(/\n$/, '');
    if (byteLength(value) + byteLength(k) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(s, MAX_ANNOTATION_LEN)}\n`);
    } else {
      w.write(LEVEL_0, `${k}: ${value}\n`);
    }
  });
}

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

/** `printPodTolerationsMultiline` (and the node's taints' sibling). */
export function printTolerations(
  w: DescribeWriter,
  title: string,
  tolerations: Record<string, unknown>[],
): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) =>
    str(a.key) < str(b.key) ? -1 : str(a.key) > str(b.key) ? 1 : 0,
  );
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    let s = str(t.key);
    if (str(t.value) !== '') s += `=${str(t.value)}`;
    if (str(t.effect) !== '') s += `:${str(t.effect)}`;
    if (t.operator === 'Exists' && str(t.value) === '') {
      s += str(t.key) !== '' || str(t.effect) !== '' ? ' op=Exists' : 'op=Exists';
    }
    if (typeof t.tolerationSeconds === 'number') s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** `labels.FormatLabels`: `k=v,k=v` sorted, `<none>` when empty. */
export function formatLabels(m: Record<string, string>): string {
  const keys = sortedKeys(m);
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${m[k] ?? ''}`).join(',');
}

/** `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key; `<none>` for nil. */
export function selectorString(sel: unknown): string {
  if (sel === undefined || sel === null) return '<none>';
  const s = rec(sel);
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(strMap(s.matchLabels))) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of arr(s.matchExpressions)) {
    const key = str(e.key);
    const values = (Array.isArray(e.values) ? e.values.map(str) : []).sort();
    const op = str(e.operator);
    if (op === 'In') reqs.push({ key, text: `${key} in (${values.join(',')})` });
    else if (op === 'NotIn') reqs.push({ key, text: `${key} notin (${values.join(',')})` });
    else if (op === 'Exists') reqs.push({ key, text: key });
    else if (op === 'DoesNotExist') reqs.push({ key, text: `!${key}` });
  }
  if (reqs.length === 0) return '';
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** `printController`: `Kind/name` of the controlling owner, `''` when none. */
export function controllerOf(meta: Record<string, unknown>): string {
  const ref = arr(meta.ownerReferences).find((r) => r.controller === true);
  return ref ? `${str(ref.kind)}/${str(ref.name)}` : '';
}

/** `metav1.FormatLabelSelector`: as `selectorString`, `<none>` when empty. */
export function formatLabelSelector(sel: unknown): string {
  const s = selectorString(sel);
  return s === '' ? '<none>' : s;
}
