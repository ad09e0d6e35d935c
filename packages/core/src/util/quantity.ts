/**
 * Kubernetes resource quantities (`250m`, `64Mi`, `1.5`, `2e3`, `123456789n`) read exactly (bigint
 * fractions), and the roundings kubectl's printers use: `MilliValue()` and `Value()` both round up.
 */

/** An exact quantity: `num / den`, `den > 0`. */
export interface Quantity {
  num: bigint;
  den: bigint;
}

const TEN = 10n;
const SUFFIXES: Record<string, Quantity> = {
  '': { num: 1n, den: 1n },
  n: { num: 1n, den: TEN ** 9n },
  u: { num: 1n, den: TEN ** 6n },
  m: { num: 1n, den: 1000n },
  k: { num: 1000n, den: 1n },
  M: { num: TEN ** 6n, den: 1n },
  G: { num: TEN ** 9n, den: 1n },
  T: { num: TEN ** 12n, den: 1n },
  P: { num: TEN ** 15n, den: 1n },
  E: { num: TEN ** 18n, den: 1n },
  Ki: { num: 1n << 10n, den: 1n },
  Mi: { num: 1n << 20n, den: 1n },
  Gi: { num: 1n << 30n, den: 1n },
  Ti: { num: 1n << 40n, den: 1n },
  Pi: { num: 1n << 50n, den: 1n },
  Ei: { num: 1n << 60n, den: 1n },
};

const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3})|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** A quantity as the API sends it, or undefined when it is not one (or absurdly long). */
export function parseQuantity(text: string): Quantity | undefined {
  if (text.length > 64) return undefined;
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, sign, whole = '', frac = '', exp, suffix = ''] = m;
  if (whole === '' && frac === '') return undefined;
  let num = BigInt(`${whole}${frac}` || '0');
  let den = TEN ** BigInt(frac.length);
  if (exp !== undefined) {
    const e = Number(exp);
    if (e >= 0) num *= TEN ** BigInt(e);
    else den *= TEN ** BigInt(-e);
  } else {
    const s = SUFFIXES[suffix] ?? SUFFIXES['']!;
    num *= s.num;
    den *= s.den;
  }
  return { num: sign === '-' ? -num : num, den };
}

/** ceil(q × scale) as a bigint. */
export function ceilScaled(q: Quantity, scale: bigint): bigint {
  const n = q.num * scale;
  const d = q.den;
  const div = n / d;
  return n % d !== 0n && n > 0n ? div + 1n : div;
}

/** kubectl's `Quantity.MilliValue()`: the value in thousandths, rounded up. */
export function milliValue(q: Quantity): bigint {
  return ceilScaled(q, 1000n);
}

/** kubectl's `Quantity.Value()`: the value, rounded up. */
export function quantityValue(q: Quantity): bigint {
  return ceilScaled(q, 1n);
}

/** The sum of quantities, exact. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

export const ZERO_QUANTITY: Quantity = { num: 0n, den: 1n };
