/**
 * A unified diff of two texts (`diff -u` style: `---`/`+++` headers, `@@` hunks with 3 lines of context),
 * from a longest-common-subsequence line match.
 */

type Op = { t: ' ' | '-' | '+'; line: string };

function lineOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // LCS lengths, suffix table (inputs are single objects' YAML: small).
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ t: ' ', line: a[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) ops.push({ t: '-', line: a[i++]! });
    else ops.push({ t: '+', line: b[j++]! });
  }
  while (i < n) ops.push({ t: '-', line: a[i++]! });
  while (j < m) ops.push({ t: '+', line: b[j++]! });
  return ops;
}

const splitLines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));

function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The hunks of a unified diff of `a` → `b` (no headers); empty when the texts are equal. */
export function unifiedHunks(a: string, b: string, context = 3): string {
  const ops = lineOps(splitLines(a), splitLines(b));
  const changed = ops.map((o, k) => (o.t !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (!changed.length) return '';
  // group changes whose context overlaps
  const groups: [number, number][] = [];
  for (const k of changed) {
    const last = groups[groups.length - 1];
    if (last && k - last[1] <= 2 * context) last[1] = k;
    else groups.push([k, k]);
  }
  let out = '';
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    let aStart = 1;
    let bStart = 1;
    for (let k = 0; k < from; k++) {
      if (ops[k]!.t !== '+') aStart++;
      if (ops[k]!.t !== '-') bStart++;
    }
    const slice = ops.slice(from, to + 1);
    const aCount = slice.filter((o) => o.t !== '+').length;
    const bCount = slice.filter((o) => o.t !== '-').length;
    out += `@@ -${range(aCount ? aStart : aStart - 1, aCount)} +${range(bCount ? bStart : bStart - 1, bCount)} @@\n`;
    for (const o of slice) out += `${o.t}${o.line}\n`;
  }
  return out;
}

/** A unified diff with `--- aName` / `+++ bName` headers; empty when the texts are equal. */
export function unifiedDiff(aName: string, a: string, bName: string, b: string, context = 3): string {
  const hunks = unifiedHunks(a, b, context);
  return hunks ? `--- ${aName}\n+++ ${bName}\n${hunks}` : '';
}
