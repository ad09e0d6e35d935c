/**
 * The functions a kubectl Go template can call: Go's text/template builtins (and or not len index
 * slice print printf println eq ne lt le gt ge html js urlquery) and the two kubectl adds (`exists`,
 * `base64decode`), with Go's error texts. Each function receives template values (go-value.ts).
 */
import { goCompareStrings } from './go-format.js';
import { sprint, sprintf, sprintln } from './go-printf.js';
import {
  byteLength,
  concrete,
  dynamic,
  iface,
  indirect,
  indirectInterface,
  INVALID,
  isTrue,
  isValid,
  kindOf,
  type GoVal,
} from './go-value.js';

/** How the executor passes arguments: as they are (`value`), unwrapped for `...any`, or as a string. */
export type ParamKind = 'value' | 'any' | 'string';

export interface TemplateFunc {
  /** the fixed parameters' kinds; `variadic` is the kind of the rest, if any */
  params: ParamKind[];
  variadic?: ParamKind;
  call: (args: GoVal[]) => GoVal;
}

/** An error a function returns: the executor reports it as `error calling NAME: MESSAGE`. */
export class FuncError extends Error {}

const str = (s: string): GoVal => ({ t: 'string', v: s });
const bool = (b: boolean): GoVal => ({ t: 'bool', v: b });
const truth = (g: GoVal) => isTrue(indirectInterface(g));

function indexArg(index: GoVal, cap: number): number {
  const k = kindOf(index);
  if (k === 'invalid') throw new FuncError('cannot index slice/array with nil');
  if (k !== 'int' && k !== 'uint') throw new FuncError(`cannot index slice/array with type ${index.t}`);
  const x = index.v as number;
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function elementAt(item: GoVal, x: number): GoVal {
  if (item.t === 'string') {
    const bytes = Buffer.from(item.v as string, 'utf8');
    if (x >= bytes.length) throw new FuncError('reflect: string index out of range');
    return { t: 'uint8', v: bytes[x] };
  }
  const arr = item.v as unknown[];
  if (x >= arr.length) throw new FuncError('reflect: slice index out of range');
  return iface(arr[x]);
}

function index(args: GoVal[]): GoVal {
  let item = indirectInterface(args[0] as GoVal);
  if (!isValid(item)) throw new FuncError('index of untyped nil');
  for (const raw of args.slice(1)) {
    const idx = indirectInterface(raw);
    const [it, isNil] = indirect(item);
    if (isNil) throw new FuncError('index of nil pointer');
    item = it;
    const k = kindOf(item);
    if (k === 'slice' || k === 'string') {
      const len = k === 'string' ? byteLength(item.v as string) : (item.v as unknown[]).length;
      item = elementAt(item, indexArg(idx, len));
    } else if (k === 'map') {
      if (!isValid(idx)) throw new FuncError('value is nil; should be of type string');
      if (idx.t !== 'string') throw new FuncError(`value has type ${idx.t}; should be string`);
      const m = item.v as Record<string, unknown>;
      item = Object.prototype.hasOwnProperty.call(m, idx.v as string)
        ? iface(m[idx.v as string])
        : iface(null);
    } else throw new FuncError(`can't index item of type ${item.t}`);
  }
  return item;
}

function slice(args: GoVal[]): GoVal {
  const item = indirectInterface(args[0] as GoVal);
  const idxs = args.slice(1);
  if (!isValid(item)) throw new FuncError('slice of untyped nil');
  if (idxs.length > 3) throw new FuncError(`too many slice indexes: ${idxs.length}`);
  const k = kindOf(item);
  let len: number;
  if (k === 'string') {
    if (idxs.length === 3) throw new FuncError('cannot 3-index slice a string');
    len = byteLength(item.v as string);
  } else if (k === 'slice') len = (item.v as unknown[]).length;
  else throw new FuncError(`can't slice item of type ${item.t}`);
  const idx = [0, len, len];
  idxs.forEach((x, i) => (idx[i] = indexArg(indirectInterface(x), len)));
  const [a, b] = idx as [number, number];
  if (a > b) throw new FuncError(`invalid slice index: ${a} > ${b}`);
  if (idxs.length === 3 && b > (idx[2] as number))
    throw new FuncError(`invalid slice index: ${b} > ${idx[2]}`);
  if (k === 'string')
    return str(
      Buffer.from(item.v as string, 'utf8')
        .subarray(a, b)
        .toString('utf8'),
    );
  return { t: item.t, v: (item.v as unknown[]).slice(a, b) };
}

function length(args: GoVal[]): GoVal {
  const [item, isNil] = indirect(args[0] as GoVal);
  if (isNil) throw new FuncError('len of nil pointer');
  const k = kindOf(item);
  if (k === 'string') return { t: 'int', v: byteLength(item.v as string) };
  if (k === 'slice') return { t: 'int', v: (item.v as unknown[]).length };
  if (k === 'map') return { t: 'int', v: Object.keys(item.v as object).length };
  if (k === 'invalid') throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  throw new FuncError(`len of type ${item.t}`);
}

type Basic = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';
function basicKind(g: GoVal): Basic {
  const k = kindOf(g);
  return k === 'bool' || k === 'int' || k === 'uint' || k === 'float' || k === 'string' ? k : 'invalid';
}

function eq(args: GoVal[]): GoVal {
  const a = indirectInterface(args[0] as GoVal);
  if (args.length < 2) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const raw of args.slice(1)) {
    const b = indirectInterface(raw);
    const k2 = basicKind(b);
    let t = false;
    if (k1 !== k2 && !((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int'))) {
      if (isValid(a) && isValid(b)) throw new FuncError('incompatible types for comparison');
    } else if (k1 === 'invalid') {
      if (isValid(a) || isValid(b)) {
        throw new FuncError(`non-comparable types ${a.t}: ${b.t}`);
      }
      t = true;
    } else t = a.v === b.v;
    if (t) return bool(true);
  }
  return bool(false);
}

function lt(args: GoVal[]): GoVal {
  const a = indirectInterface(args[0] as GoVal);
  const b = indirectInterface(args[1] as GoVal);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new FuncError('invalid type for comparison');
  if (k1 !== k2 && !((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int'))) {
    throw new FuncError('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new FuncError('invalid type for comparison');
  if (k1 === 'string') return bool(goCompareStrings(a.v as string, b.v as string) < 0);
  return bool((a.v as number) < (b.v as number));
}

const le = (args: GoVal[]): GoVal => (lt(args).v ? bool(true) : eq(args));

function evalArgs(args: GoVal[]): string {
  if (args.length === 1 && args[0]?.t === 'string') return args[0].v as string;
  return sprint(args.map((a) => (a.t === 'nil' ? str('<no value>') : a)));
}

function htmlEscape(s: string): string {
  return s.replace(/["'&<>\0]/g, (c) =>
    c === '"'
      ? '&#34;'
      : c === "'"
        ? '&#39;'
        : c === '&'
          ? '&amp;'
          : c === '<'
            ? '&lt;'
            : c === '>'
              ? '&gt;'
              : '\ufffd',
  );
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;
function jsEscape(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.codePointAt(0) as number;
    const named: Record<string, string> = {
      '\\': '\\\\',
      "'": "\\'",
      '"': '\\"',
      '<': '\\u003C',
      '>': '\\u003E',
      '&': '\\u0026',
      '=': '\\u003D',
    };
    if (named[c] !== undefined) out += named[c];
    else if (code < 0x20) out += `\\u00${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (code < 0x80 || PRINTABLE.test(c)) out += c;
    else out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const B64 = /^[A-Za-z0-9+/]$/;
function base64decode(s: string): string {
  const clean = s.replace(/[\r\n]/g, '');
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i] as string;
    if (c === '=') {
      const rest = clean.slice(i);
      const ok = i % 4 >= 2 && (rest === '=' ? i % 4 === 3 : rest === '==' && i % 4 === 2);
      if (!ok) throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${i}`);
      break;
    }
    if (!B64.test(c)) throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${i}`);
  }
  if (clean.length % 4 !== 0) {
    throw new FuncError(
      `base64 decode failed: illegal base64 data at input byte ${clean.length - (clean.length % 4)}`,
    );
  }
  return Buffer.from(clean, 'base64').toString('utf8');
}

/** kubectl's `exists`: whether `index` would succeed with these indices. */
function exists(args: GoVal[]): GoVal {
  let v = args[0] as GoVal;
  for (const idx of args.slice(1)) {
    const [it, isNil] = indirect(v);
    if (isNil || !isValid(it)) return bool(false);
    const k = kindOf(it);
    if (k === 'slice' || k === 'string') {
      const ik = kindOf(idx);
      if (ik !== 'int' && ik !== 'uint') return bool(false);
      const len = k === 'string' ? byteLength(it.v as string) : (it.v as unknown[]).length;
      const x = idx.v as number;
      if (x < 0 || x >= len) return bool(false);
      v = elementAt(it, x);
    } else if (k === 'map') {
      if (idx.t !== 'string') return bool(false);
      const m = it.v as Record<string, unknown>;
      v = iface(Object.prototype.hasOwnProperty.call(m, idx.v as string) ? m[idx.v as string] : null);
    } else return bool(false);
  }
  const [, isNil] = indirect(v);
  return bool(!isNil && isValid(v));
}

export const TEMPLATE_FUNCS: Record<string, TemplateFunc> = {
  and: {
    params: ['value'],
    variadic: 'value',
    call: (a) => a.find((x) => !truth(x)) ?? (a[a.length - 1] as GoVal),
  },
  or: {
    params: ['value'],
    variadic: 'value',
    call: (a) => a.find((x) => truth(x)) ?? (a[a.length - 1] as GoVal),
  },
  not: { params: ['value'], call: (a) => bool(!truth(a[0] as GoVal)) },
  len: { params: ['value'], call: length },
  index: { params: ['value'], variadic: 'value', call: index },
  slice: { params: ['value'], variadic: 'value', call: slice },
  print: { params: [], variadic: 'any', call: (a) => str(sprint(a)) },
  printf: {
    params: ['string'],
    variadic: 'any',
    call: (a) => str(sprintf((a[0] as GoVal).v as string, a.slice(1))),
  },
  println: { params: [], variadic: 'any', call: (a) => str(sprintln(a)) },
  eq: { params: ['value'], variadic: 'value', call: eq },
  ne: { params: ['value', 'value'], call: (a) => bool(!eq(a).v) },
  lt: { params: ['value', 'value'], call: lt },
  le: { params: ['value', 'value'], call: le },
  gt: { params: ['value', 'value'], call: (a) => bool(!le(a).v) },
  ge: { params: ['value', 'value'], call: (a) => bool(!lt(a).v) },
  html: { params: [], variadic: 'any', call: (a) => str(htmlEscape(evalArgs(a))) },
  js: { params: [], variadic: 'any', call: (a) => str(jsEscape(evalArgs(a))) },
  urlquery: { params: [], variadic: 'any', call: (a) => str(queryEscape(evalArgs(a))) },
  exists: { params: ['any'], variadic: 'any', call: exists },
  base64decode: { params: ['string'], call: (a) => str(base64decode((a[0] as GoVal).v as string)) },
};

export { concrete, dynamic, INVALID };
