/**
 * The fast YAML reader's scalars (see fast-yaml.ts): one-line plain and quoted scalars, keys and flow
 * sequences of scalars, resolved as `yaml`'s composer resolves them, each with its plain JavaScript value.
 */
import { Document, isScalar } from 'yaml';
import type { CollectionTag, DocumentOptions, ParseOptions, ScalarTag, Schema, SchemaOptions } from 'yaml';
import { FastScalar, FastSeq, setRange } from './fast-yaml-nodes.js';

export type FastOptions = DocumentOptions & ParseOptions & SchemaOptions;

/** Thrown (one instance) to give up; caught in fastParseAll. */
export const BAIL = new Error('not in the subset the fast reader reads');
/** Give up: the text is left to `yaml`. */
export function bail(): never {
  throw BAIL;
}

export const SPACE = 32;
export const HASH = 35;
export const NL = 10;
/** Characters a plain scalar may not start with (YAML's indicators), besides space. */
const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`'.split('').map((c) => c.charCodeAt(0)));
/** Longest implicit key `yaml` accepts is 1024 characters; stay well inside. */
const MAX_KEY = 1000;

export abstract class ScalarReader {
  /** The plain JavaScript value of the node read last (its `toJS()`). */
  protected js: unknown = null;
  protected schema: Schema | undefined;
  private readonly tags: (ScalarTag | CollectionTag)[];
  /** Resolved plain scalars by source: one string, one resolution for every repeat of a key or value. */
  private readonly plainCache = new Map<
    string,
    { src: string; value: unknown; format: string | undefined }
  >();

  constructor(
    protected readonly text: string,
    protected readonly options: FastOptions,
  ) {
    this.tags = new Document(undefined, options).schema.tags;
  }

  /** A key at `p` (plain or quoted, on one line, followed by `:` and a space or the line's end). */
  protected key(p: number, end: number): { node: FastScalar; after: number } | undefined {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 39 || c === 34) {
      const [node, q] = this.quoted(p, end);
      if (t.charCodeAt(q) !== 58 /* : */) return undefined;
      if (q + 1 < end && t.charCodeAt(q + 1) !== SPACE) bail();
      node.r2 = q;
      return { node, after: q + 1 };
    }
    let q = p;
    for (; q < end; q++) {
      const ch = t.charCodeAt(q);
      if (ch === HASH && t.charCodeAt(q - 1) === SPACE) return undefined;
      if (ch === 58 && (q + 1 >= end || t.charCodeAt(q + 1) === SPACE)) break;
    }
    if (q >= end) return undefined;
    if (!plainStart(t, p) || t.charCodeAt(q - 1) === SPACE || q - p > MAX_KEY) bail();
    return { node: this.plain(t.slice(p, q), p, q), after: q + 1 };
  }

  /** A one-line quoted scalar at `p`; returns it and the offset after its closing quote. */
  protected quoted(p: number, end: number): [FastScalar, number] {
    const t = this.text;
    const quote = t[p]!;
    let q = p + 1;
    let value: string;
    if (quote === '"') {
      q = t.indexOf('"', q);
      if (q < 0 || q >= end) bail();
      value = t.slice(p + 1, q);
      if (value.includes('\\')) bail();
    } else {
      for (;;) {
        q = t.indexOf("'", q);
        if (q < 0 || q >= end) bail();
        if (t.charCodeAt(q + 1) !== 39) break;
        q += 2;
      }
      value = t.slice(p + 1, q).replace(/''/g, "'");
    }
    const node = new FastScalar(value, value, quote === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', p, q + 1);
    this.js = value;
    return [node, q + 1];
  }

  /** `[a, 'b', …]` on one line at `p`: scalars only. Returns it and the offset after `]`. */
  protected flowSeq(p: number, end: number): [FastSeq, number] {
    const t = this.text;
    const seq = new FastSeq(this.schema);
    seq.flow = true;
    const arr: unknown[] = [];
    const skip = (q: number) => {
      while (q < end && t.charCodeAt(q) === SPACE) q++;
      return q;
    };
    let q = skip(p + 1);
    if (t.charCodeAt(q) !== 93 /* ] */) {
      for (;;) {
        let item: FastScalar;
        const c = t.charCodeAt(q);
        if (c === 39 || c === 34) {
          [item, q] = this.quoted(q, end);
        } else {
          if (!plainStart(t, q)) bail();
          let e = q;
          for (; e < end; e++) {
            const ch = t.charCodeAt(e);
            if (ch === 44 || ch === 93 || ch === 91 || ch === 123 || ch === 125) break;
            if (ch === HASH && t.charCodeAt(e - 1) === SPACE) bail();
            if (ch === 58 && (e + 1 >= end || ' ,]'.includes(t[e + 1]!))) bail();
          }
          let v = e;
          while (t.charCodeAt(v - 1) === SPACE) v--;
          item = this.plain(t.slice(q, v), q, v);
          q = v;
        }
        q = skip(q);
        item.r2 = q;
        seq.items.push(item);
        arr.push(this.js);
        const sep = t.charCodeAt(q);
        if (sep === 93) break;
        if (sep !== 44) bail();
        q = skip(q + 1);
        if (t.charCodeAt(q) === 93 || t.charCodeAt(q) === 44) bail();
      }
    }
    seq.items = seq.items.slice();
    setRange(seq, p, q + 1);
    this.js = arr.slice(); // cut to size: `push` leaves room for 16 more
    return [seq, q + 1];
  }

  /** A plain scalar resolved as `yaml`'s composer resolves it (the schema's default tags, in order). */
  protected plain(src: string, start: number, end: number): FastScalar {
    let r = this.plainCache.get(src);
    if (!r) {
      // Quotes and brackets in a plain scalar would throw `deepestLine`'s pre-scan off: left to `yaml`.
      if (/['"[\]{}]/.test(src)) bail();
      const tag = this.tags.find((g) => g.default === true && g.test?.test(src)) as ScalarTag | undefined;
      if (!tag) r = { src, value: src, format: undefined };
      else {
        let failed = false;
        const res: unknown = tag.resolve(src, () => (failed = true), this.options);
        if (failed) bail();
        r = { src, value: isScalar(res) ? res.value : res, format: tag.format };
      }
      this.plainCache.set(src, r);
    }
    const node = new FastScalar(r.value, r.src, 'PLAIN', start, end);
    this.js = r.value;
    if (r.format !== undefined) node.format = r.format;
    return node;
  }
}

/** `yaml`'s addPairToJSMap for a scalar key: stringified, and an own property even over an inherited one. */
export function addToJSMap(
  obj: Record<string, unknown>,
  key: string | number | boolean | bigint | null,
  value: unknown,
): void {
  const k = key === null ? '' : String(key);
  if (k in obj)
    Object.defineProperty(obj, k, { value, writable: true, enumerable: true, configurable: true });
  else obj[k] = value;
}

/** May a plain scalar start at `p`? Not with an indicator (`-` only before a non-space). */
export function plainStart(t: string, p: number): boolean {
  const c = t.charCodeAt(p);
  if (Number.isNaN(c) || c === SPACE || c === NL) return false;
  if (c === 45) {
    // `-` only before a letter, digit, `.`, `_` or `/` (`-1`, `-.inf`, `-foo`): nothing YAML reads otherwise.
    return /[\w./]/.test(t[p + 1] ?? ' ');
  }
  return !INDICATORS.has(c);
}
