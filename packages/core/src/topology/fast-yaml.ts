/**
 * A fast reader for the plain block YAML that large configuration files are made of (issue 21): block
 * maps and sequences, one-line plain and quoted scalars, one-line flow sequences of scalars, comments,
 * `---` between documents. It builds the very nodes `yaml`'s composer builds (same classes, values,
 * ranges, scalar types and formats, resolved through the same schema tags), without the lexer's tokens
 * and the parser's CST, which are most of the time and memory of parsing a multi-megabyte file.
 *
 * Anything else (anchors, aliases, tags, block scalars, flow maps, multi-line scalars, merge keys,
 * escapes, tabs, content after `---`, quotes or brackets inside plain scalars, nesting deeper than
 * FAST_MAX_DEPTH) makes it leave that document to `yaml` (fast-yaml-fallback.ts): it never guesses.
 * CR, other line breaks, directives, `...` and any syntax error make it give up on the whole file, which
 * is then parsed by `yaml` as before. A differential test (test/topology/fast-yaml.test.ts)
 * compares its documents with `yaml`'s, node by node, on the corpus and on generated variations.
 *
 * Where comments and blank lines after a value end up (in the value's range, a collection's, or
 * nowhere) follows `yaml`'s parser: a comment indented deeper than the innermost collection right after
 * a value belongs to the value; others wait for the next item, and when collections close they stay
 * with the first one they are not indented less than (never one at column 0).
 */
import { Document, LineCounter } from 'yaml';
import { yamlDocument } from './fast-yaml-fallback.js';
import { FastMap, FastPair, FastScalar, FastSeq, setRange } from './fast-yaml-nodes.js';
import { BAIL, HASH, NL, ScalarReader, SPACE, addToJSMap, bail, plainStart } from './fast-yaml-scalars.js';
import type { FastOptions } from './fast-yaml-scalars.js';

export type { FastOptions } from './fast-yaml-scalars.js';

export interface FastParse {
  docs: Document.Parsed[];
  /** Each document's `toJS()` (no aliases, no merge keys here), built while reading; not for `viaYaml`. */
  values: unknown[];
  /** The indexes of the documents read by `yaml` (fast-yaml-fallback.ts): their values are not built. */
  viaYaml: Set<number>;
  lineCounter: LineCounter;
}

type Node = FastScalar | FastMap | FastSeq;

/** Deepest nesting read here; `parse.ts`'s depth guards (200 levels) are not needed below it. */
export const FAST_MAX_DEPTH = 150;

/** Parse `text` into documents, or undefined when it is not in the subset read here. */
export function fastParseAll(text: string, options: FastOptions): FastParse | undefined {
  // Tabs, CR, other Unicode line or page breaks and a BOM past the start are left to `yaml`.
  // (Tabs and `<<` send only their documents there.)
  if (/[\r\u0085\u2028\u2029\ufeff]/.test(text)) return undefined;
  try {
    return new Reader(text, options).read();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

const KINDS = ['blank', 'comment', 'marker', 'content'] as const;
const MARKER = 2;

/** Comments waiting after a value for the collection they end in (see the module comment). */
interface Pending {
  end: number;
  indents: number[];
}

class Reader extends ScalarReader {
  private readonly ls: number[];
  private readonly lineCounter = new LineCounter();
  private li = 0;
  private segEnd = 0;
  private pending: Pending | undefined;
  /** Whether the last value read was empty (its line's newline then belongs to no node). */
  private lastEmpty = false;
  private depth = 0;
  /** Each line's indentation and kind, computed once. */
  private readonly indents: Int32Array;
  private readonly kinds: Uint8Array;
  /** `---` lines with something after the marker: their documents are left to `yaml`. */
  private readonly busyMarkers = new Set<number>();

  constructor(text: string, options: FastOptions) {
    super(text, options);
    const ls = this.lineCounter.lineStarts;
    ls.push(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) ls.push(i + 1);
    this.ls = ls;
    this.indents = new Int32Array(ls.length);
    this.kinds = new Uint8Array(ls.length);
    for (let i = 0; i < ls.length; i++) {
      const st = ls[i]!;
      let p = st;
      while (text.charCodeAt(p) === SPACE) p++;
      this.indents[i] = p - st;
      this.kinds[i] = this.kindOf(i, p);
    }
  }

  read(): FastParse {
    const markers: number[] = [];
    for (let i = 0; i < this.ls.length; i++) if (this.kinds[i] === MARKER) markers.push(i);
    const docs: Document.Parsed[] = [];
    const values: unknown[] = [];
    const viaYaml = new Set<number>();
    const push = (a: number, b: number, marker: number | undefined, from: number) => {
      const doc = this.tryDoc(a, b, marker);
      if (doc) {
        docs.push(doc);
        values.push(this.js);
        return;
      }
      const other = yamlDocument(this.text, from, this.offsetOfLine(b), this.options);
      if (!other) bail();
      viaYaml.add(docs.length);
      docs.push(other);
      values.push(undefined);
    };
    const first = markers.length > 0 ? markers[0]! : this.ls.length;
    const head = this.nextContent(0, first) < first;
    if (head) push(0, first, undefined, 0);
    markers.forEach((m, k) =>
      // The first document's own text starts with the comments before its marker, as in `yaml`.
      push(m + 1, markers[k + 1] ?? this.ls.length, m, k === 0 && !head ? 0 : this.ls[m]!),
    );
    return { docs, values, viaYaml, lineCounter: this.lineCounter };
  }

  /** The document between lines `a` and `b`, or undefined when it is not in the subset read here. */
  private tryDoc(a: number, b: number, marker: number | undefined): Document.Parsed | undefined {
    if (marker !== undefined && this.busyMarkers.has(marker)) return undefined;
    const own = this.text.slice(this.offsetOfLine(marker ?? a), this.offsetOfLine(b));
    if (own.includes('\t') || own.includes('<<')) return undefined;
    try {
      return this.doc(a, b, marker);
    } catch (e) {
      if (e !== BAIL) throw e;
      this.depth = 0;
      this.pending = undefined;
      this.lastEmpty = false;
      return undefined;
    }
  }

  // ---- lines ----

  private lineEnd(i: number): number {
    return i + 1 < this.ls.length ? this.ls[i + 1]! - 1 : this.text.length;
  }
  private lineNext(i: number): number {
    return i + 1 < this.ls.length ? this.ls[i + 1]! : this.text.length;
  }
  private indent(i: number): number {
    return this.indents[i]!;
  }
  private lineKind(i: number): 'blank' | 'comment' | 'marker' | 'content' {
    return KINDS[this.kinds[i]!]!;
  }
  /** The kind of line `i`, whose first non-space character is at `p`. */
  private kindOf(i: number, p: number): number {
    const t = this.text;
    const s = this.ls[i]!;
    const e = this.lineEnd(i);
    if (t.startsWith('---', s) && (e === s + 3 || t.charCodeAt(s + 3) === SPACE)) {
      if (t.slice(s + 3, e).trim() !== '') this.busyMarkers.add(i);
      return MARKER;
    }
    if (t.startsWith('...', s) || t.charCodeAt(s) === 37 /* % */) bail();
    if (p >= e) return 0;
    return t.charCodeAt(p) === HASH ? 1 : 3;
  }
  /** The first content line from `i` before `end` (or `end`). */
  private nextContent(i: number, end: number): number {
    while (i < end && this.lineKind(i) !== 'content') i++;
    return i;
  }
  private offsetOfLine(i: number): number {
    return i < this.ls.length ? this.ls[i]! : this.text.length;
  }

  // ---- documents ----

  private doc(a: number, b: number, marker: number | undefined): Document.Parsed {
    const doc = new Document(undefined, this.options) as unknown as Document.Parsed;
    this.schema = doc.schema;
    this.segEnd = b;
    this.pending = undefined;
    const fc = this.nextContent(a, b);
    if (fc >= b) {
      // An empty document after `---`: `yaml` gives it an empty scalar right after the marker.
      if (marker === undefined) bail();
      for (let i = a; i < b; i++) if (this.lineKind(i) !== 'blank') bail();
      const m = this.ls[marker]! + 3;
      doc.contents = this.plain('', m, m) as never;
      doc.range = [this.ls[marker]!, m, m];
      return doc;
    }
    if (this.indent(fc) !== 0) bail();
    this.li = fc;
    const root = this.collection(fc, 0, -1);
    if (this.li < b) bail();
    doc.contents = root as never;
    const start = marker === undefined ? this.ls[fc]! : this.ls[marker]!;
    doc.range = [start, root.r2, this.lastEmpty ? root.r2 : this.offsetOfLine(b)];
    return doc;
  }

  private isSeqLine(i: number, col: number): boolean {
    const p = this.ls[i]! + col;
    if (this.text.charCodeAt(p) !== 45 /* - */) return false;
    const c = this.text.charCodeAt(p + 1);
    return c === SPACE || c === NL || p + 1 >= this.text.length;
  }

  /** The block collection whose first entry is at column `col` of line `i`. */
  private collection(i: number, col: number, parentIndent: number): FastMap | FastSeq {
    return this.isSeqLine(i, col) ? this.seq(col, parentIndent) : this.map(col);
  }

  /** After an item: the indentation of the next content line, or -1 at the end of the document. */
  private nextIndent(): number {
    return this.li < this.segEnd ? this.indent(this.li) : -1;
  }

  private close(node: FastMap | FastSeq, indent: number, start: number, last: Node): void {
    // `push` left room for more items; most collections are small, and there are many.
    node.items = node.items.slice();
    const end = last.r2;
    let end2 = end;
    const p = this.pending;
    if (p && indent !== 0 && p.indents.some((c) => c >= indent)) {
      end2 = p.end;
      this.pending = undefined;
    }
    setRange(node, start, end, end2);
  }

  private map(indent: number): FastMap {
    if (++this.depth > FAST_MAX_DEPTH) bail();
    const map = new FastMap(this.schema);
    const start = this.ls[this.li]! + indent;
    let col = indent;
    let last: Node | undefined;
    const obj: Record<string, unknown> = {};
    for (;;) {
      const line = this.li;
      const at = this.ls[line]! + col;
      const key = this.key(at, this.lineEnd(line));
      if (!key) bail();
      const jsKey = this.js as string | number | boolean | bigint | null; // a scalar's value
      const value = this.value(line, key.after, indent, indent);
      map.items.push(new FastPair(key.node, value));
      addToJSMap(obj, jsKey, this.js);
      last = value;
      const j = this.nextIndent();
      if (j === indent) {
        if (this.isSeqLine(this.li, j)) bail();
        this.pending = undefined; // becomes the next key's comment
        col = indent;
        continue;
      }
      if (j > indent) bail();
      break;
    }
    this.close(map, indent, start, last);
    this.depth--;
    this.js = obj;
    return map;
  }

  private seq(indent: number, parentIndent: number): FastSeq {
    if (++this.depth > FAST_MAX_DEPTH) bail();
    const seq = new FastSeq(this.schema);
    const start = this.ls[this.li]! + indent;
    let last: Node | undefined;
    const arr: unknown[] = [];
    for (;;) {
      const line = this.li;
      const end = this.lineEnd(line);
      let p = this.ls[line]! + indent + 1;
      while (p < end && this.text.charCodeAt(p) === SPACE) p++;
      let value: Node;
      if (p >= end || this.text.charCodeAt(p) === HASH) {
        const n = this.nextContent(line + 1, this.segEnd);
        if (n >= this.segEnd || this.indent(n) <= indent) bail();
        this.li = n;
        value = this.collection(n, this.indent(n), indent);
      } else if (this.isSeqLine(line, p - this.ls[line]!)) {
        bail();
      } else if (this.key(p, end)) {
        value = this.map(p - this.ls[line]!);
      } else {
        value = this.inline(line, p, indent);
      }
      seq.items.push(value);
      arr.push(this.js);
      last = value;
      const j = this.nextIndent();
      if (j === indent && this.isSeqLine(this.li, j)) {
        this.pending = undefined;
        continue;
      }
      if (j > indent || (j === indent && parentIndent !== indent)) bail();
      break;
    }
    this.close(seq, indent, start, last);
    this.depth--;
    this.js = arr.slice(); // cut to size, as the items
    return seq;
  }

  /** The value of a pair whose `:` is followed by `after` on line `line`. */
  private value(line: number, after: number, mapIndent: number, innermost: number): Node {
    const t = this.text;
    const end = this.lineEnd(line);
    let p = after;
    while (p < end && t.charCodeAt(p) === SPACE) p++;
    if (p < end && t.charCodeAt(p) !== HASH) return this.inline(line, p, innermost);
    // Nothing on the line: a nested block, or an empty value.
    const n = this.nextContent(line + 1, this.segEnd);
    const j = n < this.segEnd ? this.indent(n) : -1;
    if (j > mapIndent || (j === mapIndent && this.isSeqLine(n, j))) {
      this.li = n;
      return this.collection(n, j, mapIndent);
    }
    if (p < end || n !== line + 1) bail(); // an empty value with comments around it
    this.li = n;
    this.lastEmpty = true;
    return this.plain('', p, p);
  }

  /** A scalar or one-line flow sequence at `p` of line `line`, then the rest of the line and after. */
  private inline(line: number, p: number, innermost: number): Node {
    const t = this.text;
    const end = this.lineEnd(line);
    const c = t.charCodeAt(p);
    let node: Node;
    let q: number;
    if (c === 91 /* [ */) {
      [node, q] = this.flowSeq(p, end);
    } else if (c === 39 || c === 34) {
      [node, q] = this.quoted(p, end);
    } else {
      if (!plainStart(t, p)) bail();
      let e = p;
      while (e < end && !(t.charCodeAt(e) === HASH && t.charCodeAt(e - 1) === SPACE)) e++;
      while (t.charCodeAt(e - 1) === SPACE) e--;
      const src = t.slice(p, e);
      if (src.includes(': ') || src.endsWith(':')) bail();
      node = this.plain(src, p, e);
      q = e;
    }
    // The rest of the line: spaces, then a comment or nothing.
    const hadSpace = t.charCodeAt(q) === SPACE;
    while (q < end && t.charCodeAt(q) === SPACE) q++;
    if (q < end && !(hadSpace && t.charCodeAt(q) === HASH)) bail();
    node.r2 = this.trailing(line, innermost);
    this.lastEmpty = false;
    return node;
  }

  /**
   * Where the value ending on `line` ends: its line, then blank lines and comments indented deeper
   * than `innermost` that follow before any other comment. Leaves `li` at the next content line and
   * records the other comments as pending.
   */
  private trailing(line: number, innermost: number): number {
    let end = this.lineNext(line);
    let j = line + 1;
    let absorbing = true;
    const indents: number[] = [];
    let any = false;
    for (; j < this.segEnd; j++) {
      const k = this.lineKind(j);
      if (k === 'content') break;
      if (k === 'blank') {
        any = true;
        continue;
      }
      const c = this.indent(j);
      if (absorbing && c > innermost) {
        end = this.lineNext(j);
        any = false;
      } else {
        absorbing = false;
        any = true;
        indents.push(c);
      }
    }
    this.li = j;
    this.pending =
      any && indents.length > 0
        ? { end: j < this.segEnd ? this.ls[j]! + this.indent(j) : this.offsetOfLine(j), indents }
        : undefined;
    return end;
  }
}
