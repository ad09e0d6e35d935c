/**
 * Go's fmt.Sprintf, Sprint and Sprintln over template values (go-value.ts), for the `printf`, `print`
 * and `println` template functions: the verbs %v %+v %#v %T %s %q %d %b %o %x %X %c %U %t %e %E %f %F
 * %g %G %%, flags `-+# 0`, width and precision (also `*`), and Go's texts for a wrong verb
 * (`%!d(string=x)`), a missing argument (`%!s(MISSING)`) and extra ones (`%!(EXTRA int=4)`), and
 * explicit argument indexes (`%[2]d`).
 */
import { formatFloat, goQuote, goSharpV, goSortedKeys } from './go-format.js';
import { concrete, sprintValue, type GoVal } from './go-value.js';

interface Flags {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  wid?: number;
  prec?: number;
}

const typeOf = (g: GoVal): string => (g.t === 'nil' || g.t === 'invalid' ? '<nil>' : g.t);

function pad(s: string, f: Flags, zeroOk = false): string {
  const n = [...s].length;
  if (f.wid === undefined || n >= f.wid) return s;
  const fill = f.wid - n;
  if (f.minus) return s + ' '.repeat(fill);
  if (f.zero && zeroOk) {
    const sign = /^[+\- ]/.test(s) ? (s[0] as string) : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function fmtInteger(n: number, verb: string, f: Flags): string | undefined {
  const neg = n < 0;
  const a = Math.abs(n);
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      digits = a.toString(10);
      break;
    case 'b':
      digits = a.toString(2);
      break;
    case 'o':
    case 'O':
      digits = a.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (f.sharp) prefix = '0';
      break;
    case 'x':
    case 'X':
      digits = a.toString(16);
      if (verb === 'X') digits = digits.toUpperCase();
      if (f.sharp) prefix = verb === 'x' ? '0x' : '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(n), f);
    case 'q':
      return pad(
        `'${goQuote(String.fromCodePoint(n)).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`,
        f,
      );
    case 'U':
      // Go treats the value as unsigned (uint64) here
      return pad(
        `U+${(n < 0 ? (1n << 64n) + BigInt(n) : BigInt(n)).toString(16).toUpperCase().padStart(4, '0')}`,
        f,
      );
    default:
      return undefined;
  }
  if (f.prec !== undefined) digits = n === 0 && f.prec === 0 ? '' : digits.padStart(f.prec, '0');
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + prefix + digits, f, f.prec === undefined);
}

function fmtFloatVerb(x: number, verb: string, f: Flags): string | undefined {
  let v = verb;
  let prec = f.prec ?? -1;
  if (verb === 'v') v = 'g';
  else if ('eEfF'.includes(verb)) prec = f.prec ?? 6;
  else if (!'gG'.includes(verb)) return undefined;
  if (v === 'F') v = 'f';
  let s = formatFloat(x, v, prec);
  if (!s.startsWith('-') && (f.plus || f.space) && s !== 'NaN') s = (f.plus ? '+' : ' ') + s;
  return pad(s, f, Number.isFinite(x));
}

/** strconv.CanBackquote: no backquote, no control character other than tab, no BOM. */
function canBackquote(s: string): boolean {
  for (const c of s) {
    const code = c.codePointAt(0) as number;
    if (c === '`' || c === '\ufeff' || code === 0x7f || (code < 0x20 && c !== '\t')) return false;
  }
  return true;
}

function fmtString(s: string, verb: string, f: Flags): string | undefined {
  switch (verb) {
    case 'v':
    case 's':
      return pad(f.prec !== undefined ? [...s].slice(0, f.prec).join('') : s, f);
    case 'q':
      if (f.sharp && canBackquote(s)) return pad(`\`${s}\``, f);
      return pad(goQuote(s, f.plus), f);
    case 'x':
    case 'X': {
      const bytes = [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
      let out = bytes.join(f.space ? ' ' : '');
      if (f.sharp) out = f.space ? bytes.map((b) => `0x${b}`).join(' ') : `0x${out}`;
      return pad(verb === 'X' ? out.toUpperCase() : out, f);
    }
    default:
      return undefined;
  }
}

function badVerb(verb: string, g: GoVal, f: Flags): string {
  if (g.t === 'nil' || g.t === 'invalid') return `%!${verb}(<nil>)`;
  return `%!${verb}(${g.t}=${fmtArg(g, 'v', { ...f, sharp: false }, 0, true)})`;
}

/** One operand with one verb (fmt's printArg / printValue). */
function fmtArg(g: GoVal, verb: string, f: Flags, depth = 0, keepPlus = false): string {
  if (verb === 'T') return pad(typeOf(g), f);
  if (g.t === 'nil' || g.t === 'invalid') {
    return verb === 'v' || depth > 0 ? pad('<nil>', f) : badVerb(verb, g, f);
  }
  if (verb === 'v' && f.sharp) {
    if (g.t === 'string') return pad(goQuote(g.v as string), f);
    if (g.t === 'int' || g.t === 'int64' || g.t === 'uint8' || g.t === 'bool') return pad(String(g.v), f);
    if (g.t === 'float64') return pad(formatFloat(g.v as number, 'g', -1), f);
    return pad(goSharpV(g.v), f);
  }
  // %+v and %#v: the flag shapes the whole value, not numbers' signs
  if (verb === 'v' && f.plus && !keepPlus) f = { ...f, plus: false };
  let out: string | undefined;
  switch (g.t) {
    case 'bool':
      out = verb === 'v' || verb === 't' ? pad(g.v ? 'true' : 'false', f) : undefined;
      break;
    case 'int':
    case 'int64':
    case 'uint8':
      out = fmtInteger(g.v as number, verb, f);
      break;
    case 'float64':
      out = fmtFloatVerb(g.v as number, verb, f);
      break;
    case 'string':
      out = fmtString(g.v as string, verb, f);
      break;
    case '[]interface {}':
      return `[${(g.v as unknown[]).map((x) => fmtArg(concrete(x), verb, f, depth + 1)).join(' ')}]`;
    case 'map[string]interface {}': {
      const m = g.v as Record<string, unknown>;
      return `map[${goSortedKeys(m)
        .map(
          (k) =>
            `${fmtArg({ t: 'string', v: k }, verb, f, depth + 1)}:${fmtArg(concrete(m[k]), verb, f, depth + 1)}`,
        )
        .join(' ')}]`;
    }
  }
  return out ?? badVerb(verb, g, f);
}

/** fmt.Sprintf (explicit argument indexes `%[2]d` included). */
export function sprintf(format: string, args: GoVal[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  const end = format.length;
  for (let i = 0; i < end;) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    let goodArgNum = true;
    const f: Flags = { minus: false, plus: false, sharp: false, space: false, zero: false };
    for (; i < end; i++) {
      const c = format[i];
      if (c === '-') f.minus = true;
      else if (c === '+') f.plus = true;
      else if (c === '#') f.sharp = true;
      else if (c === ' ') f.space = true;
      else if (c === '0') f.zero = !f.minus;
      else break;
    }
    const num = (): number | undefined => {
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]) > 1e6 ? undefined : Number(m[0]);
    };
    /** `[n]` before a width, precision or verb: sets argNum; true when one was there */
    const argIndex = (): boolean => {
      if (format[i] !== '[') return false;
      reordered = true;
      const close = format.indexOf(']', i);
      const digits = close < 0 ? '' : format.slice(i + 1, close);
      if (close < 0 || !/^\d+$/.test(digits)) {
        goodArgNum = false;
        i = close < 0 ? i + 1 : close + 1;
        return false;
      }
      i = close + 1;
      const n = Number(digits) - 1;
      if (n >= 0 && n < args.length) argNum = n;
      else goodArgNum = false;
      return true;
    };
    const star = (): number | undefined => {
      i++;
      const a = args[argNum];
      if (a === undefined) return undefined;
      argNum++;
      if (a.t !== 'int' && a.t !== 'int64' && a.t !== 'uint8') return undefined;
      return Math.abs(a.v as number) > 1e6 ? undefined : (a.v as number);
    };
    let afterIndex = argIndex();
    if (format[i] === '*') {
      const w = star();
      if (w === undefined) out += '%!(BADWIDTH)';
      else if (w < 0) {
        f.minus = true;
        f.wid = -w;
      } else f.wid = w;
      afterIndex = false;
    } else {
      f.wid = num();
      if (afterIndex && f.wid !== undefined) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      afterIndex = argIndex();
      if (format[i] === '*') {
        const p = star();
        if (p === undefined || p < 0) out += '%!(BADPREC)';
        else f.prec = p;
        afterIndex = false;
      } else f.prec = num() ?? 0;
    }
    if (!afterIndex) argIndex();
    if (f.minus) f.zero = false;
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) as number);
    i += verb.length;
    const arg = args[argNum];
    if (verb === '%') out += '%';
    else if (!goodArgNum) out += `%!${verb}(BADINDEX)`;
    else if (arg === undefined) out += `%!${verb}(MISSING)`;
    else {
      argNum++;
      out += fmtArg(arg, verb, f);
    }
  }
  if (!reordered && argNum < args.length) {
    out += `%!(EXTRA ${args
      .slice(argNum)
      .map((a) => (a.t === 'nil' ? '<nil>' : `${typeOf(a)}=${sprintValue(a)}`))
      .join(', ')})`;
  }
  return out;
}

const noFlags = (): Flags => ({ minus: false, plus: false, sharp: false, space: false, zero: false });

/** fmt.Sprint: spaces between operands when neither is a string. */
export function sprint(args: GoVal[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && a.t !== 'string' && args[i - 1]?.t !== 'string') out += ' ';
    out += fmtArg(a, 'v', noFlags());
  });
  return out;
}

/** fmt.Sprintln: spaces between all operands, and a newline. */
export function sprintln(args: GoVal[]): string {
  return `${args.map((a) => fmtArg(a, 'v', noFlags())).join(' ')}\n`;
}
