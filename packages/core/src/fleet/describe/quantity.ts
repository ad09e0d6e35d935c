/**
 * Just enough of Kubernetes' `resource.Quantity` for describe: parse, add, compare as milli-units, and
 * print as Go does (the original text while unchanged; canonical binary-SI `Ki…Ei` or decimal-SI
 * `m`/`k…E` once added to).
 */

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export interface Quantity {
  /** value × 1000, rounded up as Go's MilliValue rounds */
  milli: bigint;
  format: 'BinarySI' | 'DecimalSI';
  /** the text it was parsed from, while it has not been changed */
  text?: string;
}

export const ZERO: Quantity = { milli: 0n, format: 'DecimalSI' };

/** Parse a quantity string (`100m`, `128Mi`, `1.5`, `2e3`); undefined when it is not one. */
export function parseQuantity(s: string): Quantity | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E))?$/.exec(s);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const frac = m[3] ?? '';
  // the number as an integer and a power of ten
  const digits = BigInt(`${m[2] ?? ''}${frac}` || '0');
  let exp10 = -frac.length;
  let mult = 1n;
  let format: Quantity['format'] = 'DecimalSI';
  if (m[4]) {
    mult = BINARY[m[4]] ?? 1n;
    format = 'BinarySI';
  } else if (m[5]) exp10 += Number(m[5].slice(1));
  else exp10 += DECIMAL[m[6] ?? ''] ?? 0;
  // milli-units, rounded up (Go's MilliValue rounds away from zero)
  let num = digits * mult * 1000n;
  let den = 1n;
  if (exp10 >= 0) num *= 10n ** BigInt(exp10);
  else den = 10n ** BigInt(-exp10);
  const milli = (num + den - 1n) / den;
  return { milli: sign * milli, format, text: s };
}

export function quantityOf(v: unknown): Quantity {
  return (typeof v === 'string' ? parseQuantity(v) : undefined) ?? ZERO;
}

export function add(a: Quantity, b: Quantity): Quantity {
  return { milli: a.milli + b.milli, format: a.milli === 0n && !a.text ? b.format : a.format };
}

/** Go's `Quantity.String()`. */
export function quantityString(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  const neg = q.milli < 0n;
  const abs = neg ? -q.milli : q.milli;
  const sign = neg ? '-' : '';
  if (abs === 0n) return '0';
  if (q.format === 'BinarySI' && abs % 1000n === 0n) {
    let v = abs / 1000n;
    const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    let k = 0;
    while (k < 6 && v % 1024n === 0n && v >= 1024n) {
      v /= 1024n;
      k++;
    }
    return `${sign}${v}${suffixes[k] ?? ''}`;
  }
  if (abs % 1000n !== 0n) return `${sign}${abs}m`;
  let v = abs / 1000n;
  const suffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let k = 0;
  while (k < 6 && v % 1000n === 0n) {
    v /= 1000n;
    k++;
  }
  return `${sign}${v}${suffixes[k] ?? ''}`;
}

/** `int64(float64(a) / float64(b) * 100)`, 0 when `b` is 0. */
export function percent(a: bigint, b: bigint): number {
  if (b === 0n) return 0;
  return Math.trunc((Number(a) / Number(b)) * 100);
}
