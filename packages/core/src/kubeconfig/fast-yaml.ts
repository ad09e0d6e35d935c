/**
 * A fast path for the YAML that kubeconfig files are made of, in front of the `yaml` package.
 *
 * `yaml`'s `parseDocument` builds a node per value with positions and is generic: a 1,000-context
 * kubeconfig (1 MB) took ~140 ms of CPU warm and ~400 ms in a fresh process (the CLI's case), most of a
 * `get`'s start-up at that scale. kubectl writes kubeconfigs in a small block-style subset (Go's yaml
 * marshaller), and so do most tools: block mappings and sequences, plain and quoted one-line scalars.
 *
 * This parser accepts only that subset and returns `undefined` for anything else (flow collections,
 * anchors, aliases, tags, block scalars, multi-line scalars, comments after a value, escapes, tabs, CRLF,
 * several documents, duplicate or unusual keys, scalars that could be numbers or other typed values, …),
 * and the caller then uses `yaml` as before. What it returns equals `yaml`'s `toJS()` of the same text
 * (YAML 1.2 core schema), which `test/kubeconfig/fast-yaml.test.ts` checks against `yaml` on generated
 * documents. It never throws: every error is `yaml`'s to report, with its positions.
 */

type Value = string | boolean | null | Value[] | { [k: string]: Value };

/** Parsed value, and the 1-based line of every mapping that is an item of a sequence. */
export interface FastDocument {
  value: Value;
  itemLines: WeakMap<object, number>;
}

interface Line {
  indent: number;
  text: string; // without the indentation
  no: number; // 1-based
}

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

const KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
// A plain scalar that is a string in the core schema and means the same in every context we accept it.
const PLAIN = /^([A-Za-z_/$^=(]|-[-A-Za-z_])[^\t]*$/;

function scalar(raw: string): Value {
  if (raw === '') return null;
  // kubectl writes `preferences: {}`
  if (raw === '{}') return {};
  if (raw === '[]') return [];
  const c = raw[0]!;
  if (c === '"') {
    if (raw.length < 2 || !raw.endsWith('"') || raw.includes('\\')) bail();
    const inner = raw.slice(1, -1);
    if (inner.includes('"')) bail();
    return inner;
  }
  if (c === "'") {
    if (raw.length < 2 || !raw.endsWith("'")) bail();
    const inner = raw.slice(1, -1);
    if (inner.replaceAll("''", '').includes("'")) bail();
    return inner.replaceAll("''", "'");
  }
  switch (raw) {
    case 'null':
    case 'Null':
    case 'NULL':
    case '~':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (
    !PLAIN.test(raw) ||
    raw.includes(': ') ||
    raw.includes(' #') ||
    raw.endsWith(':') ||
    raw.endsWith(' ') ||
    /[{}[\],`]/.test(raw)
  )
    bail();
  return raw;
}

/** `key: rest` → [key, rest] (rest '' when the value is on following lines); undefined when not a pair. */
function pair(text: string): [string, string] | undefined {
  const i = text.indexOf(':');
  if (i <= 0) return undefined;
  if (i + 1 < text.length && text[i + 1] !== ' ') return undefined;
  const key = text.slice(0, i);
  if (!KEY.test(key) || key === '__proto__' || key === '<<') bail();
  return [key, text.slice(i + 1).trim()];
}

class Parser {
  private i = 0;
  readonly itemLines = new WeakMap<object, number>();
  constructor(private readonly lines: Line[]) {}

  private peek(): Line | undefined {
    return this.lines[this.i];
  }

  /** The block starting at the current line, which is at `indent`. */
  block(indent: number): Value {
    const l = this.peek()!;
    if (l.text === '-' || l.text.startsWith('- ')) return this.seq(indent);
    return this.map(indent, undefined);
  }

  /** A mapping at `indent`; `first` is its first pair when it started after `- ` on a sequence line. */
  map(indent: number, first: [string, string] | undefined): Record<string, Value> {
    const out: Record<string, Value> = {};
    const add = (kv: [string, string] | undefined): void => {
      if (!kv) return bail();
      const [key, rest] = kv;
      if (Object.prototype.hasOwnProperty.call(out, key)) bail();
      out[key] = this.valueAfter(rest, indent);
    };
    if (first) add(first);
    for (let l = this.peek(); l && l.indent === indent; l = this.peek()) {
      if (l.text === '-' || l.text.startsWith('- ')) bail();
      this.i++;
      add(pair(l.text));
    }
    const next = this.peek();
    if (next && next.indent > indent) bail();
    return out;
  }

  /** The value of a key whose line is at `indent`, given what followed `key:` on that line. */
  private valueAfter(rest: string, indent: number): Value {
    if (rest !== '') {
      const v = scalar(rest);
      const next = this.peek();
      if (next && next.indent > indent) bail(); // a multi-line scalar, or worse
      return v;
    }
    const next = this.peek();
    if (!next || next.indent < indent) return null;
    if (next.indent === indent) {
      // a sequence may sit at its key's indentation (what Go's marshaller writes)
      if (next.text === '-' || next.text.startsWith('- ')) return this.seq(indent);
      return null;
    }
    return this.block(next.indent);
  }

  seq(indent: number): Value[] {
    const out: Value[] = [];
    for (let l = this.peek(); l && l.indent === indent; l = this.peek()) {
      if (!(l.text === '-' || l.text.startsWith('- '))) break;
      this.i++;
      const rest = l.text.slice(1).trimStart();
      if (rest === '') {
        const next = this.peek();
        if (!next || next.indent <= indent) out.push(null);
        else out.push(this.block(next.indent));
        continue;
      }
      if (rest === '-' || rest.startsWith('- ')) bail(); // nested compact sequences
      const kv = rest.startsWith('"') || rest.startsWith("'") ? undefined : pair(rest);
      if (kv) {
        const m = this.map(indent + (l.text.length - rest.length), kv);
        this.itemLines.set(m, l.no);
        out.push(m);
      } else {
        out.push(scalar(rest));
        const next = this.peek();
        if (next && next.indent > indent) bail();
      }
    }
    return out;
  }

  done(): boolean {
    return this.i === this.lines.length;
  }
}

/** `text` parsed, when it is in the subset this parser knows; else undefined (use `yaml`). */
export function fastParseYaml(text: string): FastDocument | undefined {
  if (/[\t\r\uFEFF\u0085\u2028\u2029]/.test(text) || /[^\n\x20-\x7e]/.test(text)) return undefined;
  const lines: Line[] = [];
  const raw = text.split('\n');
  for (let n = 0; n < raw.length; n++) {
    const s = raw[n]!;
    const body = s.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    if (body.startsWith('---') || body.startsWith('...') || body.startsWith('%')) return undefined;
    const first = body[0]!;
    if ('{[&*!|>?@`'.includes(first)) return undefined;
    lines.push({ indent: s.length - body.length, text: body.trimEnd(), no: n + 1 });
  }
  if (lines.length === 0) return undefined;
  try {
    const p = new Parser(lines);
    if (lines[0]!.indent !== 0) return undefined;
    const value = p.block(0);
    if (!p.done()) return undefined;
    return { value, itemLines: p.itemLines };
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
}
