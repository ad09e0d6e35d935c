/**
 * How Go prints the values kubectl's JSONPath and template printers work on, so our output matches
 * kubectl byte for byte. Those printers see an object as "unstructured" content: maps
 * `map[string]interface {}`, arrays `[]interface {}`, strings, booleans, nil, and numbers that are
 * `int64` when the JSON number is an integer and `float64` otherwise.
 *
 * Known limits: a JS number cannot tell `1.0` from `1` (Go keeps `1.0` a float64; we treat it as int64),
 * and integers beyond 2^53 lose precision in `JSON.parse`.
 */

/** Go's dynamic type name of an unstructured value (`%T`). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isInt64(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** True when an unstructured number is an int64 (an integer JSON number). */
export function isInt64(n: number): boolean {
  return Number.isInteger(n);
}

/** Go's string order (bytes of UTF-8, which is code-point order), as fmt and encoding/json sort map keys. */
export function goCompareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** The keys of a map in Go's printing order. */
export function goSortedKeys(m: object): string[] {
  return Object.keys(m).sort(goCompareStrings);
}

// ---------------------------------------------------------------------------------------------------
// Floating point, as strconv.FormatFloat and fmt's %e %f %g %v do it.

interface Digits {
  neg: boolean;
  /** significant digits without leading/trailing zeros ('' for zero) */
  d: string;
  /** decimal point position: value = 0.d × 10^dp */
  dp: number;
}

/** The exact decimal digits of a positive finite double (value = 0.d × 10^dp). */
function exactDigits(a: number): { d: string; dp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e2 = -1074;
  if (expBits !== 0) {
    mant |= 1n << 52n;
    e2 = expBits - 1075;
  }
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    dp = digits.length + e2;
  }
  return { d: digits.replace(/0+$/, ''), dp };
}

/** Round exact digits to `nd` digits, halves to even (Go's strconv rounding). */
function roundDigits(x: { d: string; dp: number }, nd: number): { d: string; dp: number } {
  if (nd < 0) return { d: '', dp: x.dp };
  if (nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up = next > 5 || (next === 5 && nd + 1 < x.d.length);
  if (next === 5 && nd + 1 === x.d.length) up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  let d = x.d.slice(0, nd);
  let dp = x.dp;
  if (up) {
    let i = d.length - 1;
    while (i >= 0 && d[i] === '9') i--;
    if (i < 0) {
      d = '1';
      dp++;
    } else d = d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1);
  }
  return { d: d.replace(/0+$/, ''), dp };
}

/** Shortest digits that round-trip (`prec` < 0), or rounded to `prec` significant digits. */
function digitsOf(x: number, prec: number): Digits {
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (a === 0) return { neg, d: '', dp: 0 };
  if (prec < 0) {
    const [mant = '', exp = '0'] = a.toExponential().split('e');
    return { neg, d: mant.replace('.', '').replace(/0+$/, ''), dp: Number(exp) + 1 };
  }
  return { neg, ...roundDigits(exactDigits(a), Math.max(prec, 1)) };
}

/** Digits rounded to `frac` digits after the decimal point (for %f with a precision). */
function fixedDigitsOf(x: number, frac: number): Digits {
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (a === 0) return { neg, d: '', dp: 0 };
  const exact = exactDigits(a);
  return { neg, ...roundDigits(exact, exact.dp + frac) };
}

function fmtE(g: Digits, prec: number, e: string): string {
  let out = g.neg ? '-' : '';
  out += g.d[0] ?? '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += g.d[i] ?? '0';
  }
  const exp = g.d === '' ? 0 : g.dp - 1;
  const abs = Math.abs(exp);
  return `${out}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(g: Digits, prec: number): string {
  let out = g.neg ? '-' : '';
  if (g.dp > 0) {
    for (let i = 0; i < g.dp; i++) out += g.d[i] ?? '0';
  } else out += '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      const j = g.dp + i;
      out += j < 0 ? '0' : (g.d[j] ?? '0');
    }
  }
  return out;
}

/** strconv.FormatFloat(x, verb, prec, 64) for verbs e E f g G (prec -1: shortest). */
export function formatFloat(x: number, verb: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const shortest = prec < 0;
  const lower = verb.toLowerCase();
  if (lower === 'f') {
    const g = shortest ? digitsOf(x, -1) : fixedDigitsOf(x, prec);
    return fmtF(g, shortest ? Math.max(g.d.length - g.dp, 0) : prec);
  }
  const e = verb === 'E' || verb === 'G' ? 'E' : 'e';
  if (lower === 'e') {
    const g = digitsOf(x, shortest ? -1 : prec + 1);
    return fmtE(g, shortest ? Math.max(g.d.length - 1, 0) : prec, e);
  }
  // %g
  let p = prec === 0 ? 1 : prec;
  const g = digitsOf(x, shortest ? -1 : p);
  if (shortest) p = g.d.length;
  let eprec = p;
  if (eprec > g.d.length && g.d.length >= g.dp) eprec = g.d.length;
  if (shortest) eprec = 6;
  const exp = g.dp - 1;
  if (g.d !== '' && (exp < -4 || exp >= eprec)) {
    if (p > g.d.length) p = g.d.length;
    return fmtE(g, p - 1, e);
  }
  if (p > g.dp) p = g.d.length;
  return fmtF(g, Math.max(p - g.dp, 0));
}

// ---------------------------------------------------------------------------------------------------
// fmt's %v (what fmt.Fprint prints) and %#v, and encoding/json.

/** fmt.Sprint of one unstructured value: `map[a:1 b:[x y]]`, `<nil>`, numbers as Go prints them. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return isInt64(v) ? String(v) : formatFloat(v, 'g', -1);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  const m = v as Record<string, unknown>;
  return `map[${goSortedKeys(m)
    .map((k) => `${k}:${goSprint(m[k])}`)
    .join(' ')}]`;
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** strconv.Quote (`ascii`: strconv.QuoteToASCII). */
export function goQuote(s: string, ascii = false): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c < 0x80 && c >= 0x20 && c !== 0x7f) out += ch;
    else if (!ascii && c >= 0x80 && PRINTABLE.test(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** fmt's %#v of an unstructured value inside an `interface {}` (how kubectl dumps the JSONPath input). */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return isInt64(v) ? String(v) : formatFloat(v, 'g', -1);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x)).join(', ')}}`;
  const m = v as Record<string, unknown>;
  return `map[string]interface {}{${goSortedKeys(m)
    .map((k) => `${goQuote(k)}:${goSharpV(m[k])}`)
    .join(', ')}}`;
}

function sortedForJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedForJson);
  if (v !== null && typeof v === 'object') {
    const m = v as Record<string, unknown>;
    // fromEntries defines `__proto__` as a key (an assignment would set the prototype instead)
    return Object.fromEntries(goSortedKeys(m).map((k) => [k, sortedForJson(m[k])]));
  }
  return v;
}

/** encoding/json's Marshal (or MarshalIndent with `indent`): sorted keys and HTML-safe escapes. */
export function goJson(v: unknown, indent?: string): string {
  const text = JSON.stringify(sortedForJson(v === undefined ? null : v), null, indent) ?? 'null';
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
