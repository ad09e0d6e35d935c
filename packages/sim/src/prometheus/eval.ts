// Evaluates the PromQL subset (parse.ts) over the current series (series.ts) at one instant, as
// Prometheus does: rate() drops the metric name, sum groups by the `by` labels, A / B matches series
// one-to-one on their labels (a 0 or missing divisor drops the sample), histogram_quantile interpolates
// linearly inside the bucket the rank falls in.
import { parsePromQL, PromQLError, type Expr, type Matcher } from './parse.js';
import type { Labels, Series } from './series.js';

export interface Sample {
  metric: Labels;
  value: number;
}

function matches(m: Matcher, labels: Labels): boolean {
  const v = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return m.re!.test(v);
    case '!~':
      return !m.re!.test(v);
  }
}

const signature = (l: Labels): string =>
  JSON.stringify(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function withoutName(l: Labels): Labels {
  const { __name__: _, ...rest } = l;
  return rest;
}

export function evaluate(expr: Expr, series: readonly Series[]): Sample[] {
  switch (expr.type) {
    case 'rate': {
      const all = expr.metric
        ? [{ name: '__name__', op: '=', value: expr.metric } as Matcher, ...expr.matchers]
        : expr.matchers;
      return series
        .filter((s) => all.every((m) => matches(m, s.labels)))
        .map((s) => ({ metric: withoutName(s.labels), value: s.rate }));
    }
    case 'sum': {
      const groups = new Map<string, Sample>();
      for (const s of evaluate(expr.expr, series)) {
        const metric: Labels = {};
        for (const l of expr.by ?? [])
          if (s.metric[l] !== undefined && s.metric[l] !== '') metric[l] = s.metric[l];
        const key = signature(metric);
        const g = groups.get(key);
        if (g) g.value += s.value;
        else groups.set(key, { metric, value: s.value });
      }
      return [...groups.values()];
    }
    case 'div': {
      const lhs = evaluate(expr.lhs, series);
      const rhs = new Map<string, Sample>();
      for (const s of evaluate(expr.rhs, series)) {
        const key = signature(withoutName(s.metric));
        if (rhs.has(key))
          throw new PromQLError(
            'found duplicate series for the match group on the right hand-side of the operation',
          );
        rhs.set(key, s);
      }
      const out: Sample[] = [];
      for (const s of lhs) {
        const r = rhs.get(signature(withoutName(s.metric)));
        if (!r || r.value === 0) continue;
        out.push({ metric: withoutName(s.metric), value: s.value / r.value });
      }
      return out;
    }
    case 'quantile': {
      const groups = new Map<string, { metric: Labels; buckets: { le: number; count: number }[] }>();
      for (const s of evaluate(expr.expr, series)) {
        const le = s.metric['le'];
        if (le === undefined) continue;
        const bound = le === '+Inf' ? Infinity : Number(le);
        if (Number.isNaN(bound)) continue;
        const { le: _, ...rest } = s.metric;
        const metric = withoutName(rest);
        const key = signature(metric);
        const g = groups.get(key) ?? { metric, buckets: [] };
        const b = g.buckets.find((x) => x.le === bound);
        if (b) b.count += s.value;
        else g.buckets.push({ le: bound, count: s.value });
        groups.set(key, g);
      }
      return [...groups.values()].map((g) => ({
        metric: g.metric,
        value: bucketQuantile(expr.phi, g.buckets),
      }));
    }
  }
}

/** Prometheus' bucketQuantile: the phi-quantile of cumulative buckets (with a +Inf bucket). */
export function bucketQuantile(phi: number, buckets: { le: number; count: number }[]): number {
  if (Number.isNaN(phi)) return NaN;
  if (phi < 0) return -Infinity;
  if (phi > 1) return Infinity;
  const b = [...buckets].sort((x, y) => x.le - y.le);
  if (b.length < 2 || b[b.length - 1]!.le !== Infinity) return NaN;
  for (let i = 1; i < b.length; i++) if (b[i]!.count < b[i - 1]!.count) b[i]!.count = b[i - 1]!.count;
  const total = b[b.length - 1]!.count;
  if (total === 0) return NaN;
  const rank = phi * total;
  let i = b.findIndex((x) => x.count >= rank);
  if (i === b.length - 1) return b[b.length - 2]!.le;
  if (i === 0 && b[0]!.le <= 0) return b[0]!.le;
  if (i < 0) i = b.length - 1;
  let start = 0;
  const end = b[i]!.le;
  let count = b[i]!.count;
  let r = rank;
  if (i > 0) {
    start = b[i - 1]!.le;
    count -= b[i - 1]!.count;
    r -= b[i - 1]!.count;
  }
  return count === 0 ? start : start + (end - start) * (r / count);
}

/** A number as Prometheus writes a sample value (Go's strconv 'f', -1; NaN, +Inf, -Inf). */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const s = String(v);
  if (!s.includes('e')) return s;
  const [mant, exp] = s.split('e') as [string, string];
  const e = Number(exp);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const point =
    mant.replace('-', '').indexOf('.') < 0
      ? mant.replace('-', '').length
      : mant.replace('-', '').indexOf('.');
  const pos = point + e;
  const body =
    pos <= 0
      ? `0.${'0'.repeat(-pos)}${digits}`
      : pos >= digits.length
        ? digits + '0'.repeat(pos - digits.length)
        : `${digits.slice(0, pos)}.${digits.slice(pos)}`;
  return (neg ? '-' : '') + body;
}

/** Parses and evaluates a query (throws PromQLError on what the subset does not take). */
export function query(q: string, series: readonly Series[]): Sample[] {
  return evaluate(parsePromQL(q), series);
}
