/**
 * The parser of kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath), rule for rule: the same
 * grammar, the same quirks and the same error texts, so `-o jsonpath=…` accepts and refuses exactly what
 * kubectl does. The evaluator is jsonpath.ts.
 */

export interface SliceParam {
  value: number;
  known: boolean;
  /** the end of `[n]`, derived as n+1 (so `[-1]` means the last element) */
  derived: boolean;
}

export type JpNode =
  | JpList
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { t: 'filter'; left: JpList; right: JpList; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: JpList[] }
  | { t: 'identifier'; name: string };

export interface JpList {
  t: 'list';
  nodes: JpNode[];
}

/** A template that kubectl would refuse to parse; `message` is kubectl's text. */
export class JsonPathParseError extends Error {}

const TERMINATORS = new Set([' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}']);
const isTerminator = (r: string | undefined) => r === undefined || TERMINATORS.has(r);
const isAlphaNumeric = (r: string | undefined) => r !== undefined && /^[_\p{L}\p{Nd}]$/u.test(r);
const isDigit = (r: string | undefined) => r !== undefined && /^\p{Nd}$/u.test(r);
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const DICT_KEY = /^'([^']*)'$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

/** Go's `%#U` of a rune: `U+007E '~'`. */
function runeName(r: string): string {
  const code = (r.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  return /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(r) ? `U+${code} '${r}'` : `U+${code}`;
}

/** strconv.UnquoteChar over a whole quoted body (client-go's UnquoteExtend accepts '…' strings too). */
function unquoteExtend(s: string): string {
  const fail = () => new JsonPathParseError('invalid syntax');
  if (s.length < 2) throw fail();
  const quote = s[0] as string;
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) throw fail();
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  const chars = [...body];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === quote) throw fail();
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = chars[++i];
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (e !== undefined && simple[e] !== undefined) out += simple[e];
    else if (e === "'" || e === '"') {
      if (e !== quote) throw fail();
      out += e;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = chars.slice(i + 1, i + 1 + n).join('');
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) throw fail();
      const code = parseInt(hex, 16);
      if (e !== 'x' && (code > 0x10ffff || (code >= 0xd800 && code < 0xe000))) throw fail();
      out += String.fromCodePoint(code);
      i += n;
    } else if (e !== undefined && e >= '0' && e <= '7') {
      const oct = chars.slice(i, i + 3).join('');
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw fail();
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw fail();
  }
  return out;
}

class Parser {
  root: JpList = { t: 'list', nodes: [] };
  private pos = 0;
  private start = 0;
  constructor(private readonly input: string) {}

  parse(): JpList {
    this.parseText(this.root);
    return this.root;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }
  private next(): string | undefined {
    if (this.pos >= this.input.length) return undefined;
    const r = String.fromCodePoint(this.input.codePointAt(this.pos) as number);
    this.pos += r.length;
    return r;
  }
  private backup(r: string | undefined): void {
    if (r !== undefined) this.pos -= r.length;
  }
  private peek(): string | undefined {
    const r = this.next();
    this.backup(r);
    return r;
  }
  private rest(): string {
    return this.input.slice(this.pos);
  }

  private parseText(cur: JpList): void {
    for (;;) {
      if (this.rest().startsWith('{')) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
        this.pos += 1;
        this.consumeText();
        const node: JpList = { t: 'list', nodes: [] };
        cur.nodes.push(node);
        this.parseInsideAction(node);
        return;
      }
      if (this.next() === undefined) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
  }

  private parseInsideAction(cur: JpList): void {
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        const last = cur.nodes[cur.nodes.length - 1];
        if (last?.t === 'recursive') throw new JsonPathParseError('invalid multiple recursive descent');
        this.pos += 2;
        this.consumeText();
        cur.nodes.push({ t: 'recursive' });
        if (isAlphaNumeric(this.peek())) this.parseField(cur);
        continue;
      }
      const r = this.next();
      if (r === undefined || r === '\r' || r === '\n') throw new JsonPathParseError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') this.consumeText();
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || isDigit(r)) {
        this.backup(r);
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup(r);
        this.parseIdentifier(cur);
      } else throw new JsonPathParseError(`unrecognized character in action: ${runeName(r)}`);
    }
  }

  private parseIdentifier(cur: JpList): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
  }

  private parseNumber(cur: JpList): void {
    const first = this.peek();
    if (first === '+' || first === '-') this.next();
    for (;;) {
      const r = this.next();
      if (r !== '.' && !isDigit(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consumeText();
    const int = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(int)) cur.nodes.push({ t: 'int', value: int });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: 'float', value: Number(value) });
    else throw new JsonPathParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: JpList): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new JsonPathParseError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      const nodes = parts.map((s) => parseAction(`[${s.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ t: 'union', nodes });
      return;
    }
    const key = DICT_KEY.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }
    const m = SLICE.exec(text);
    if (!m) throw new JsonPathParseError(`invalid array index ${text}`);
    const params: [SliceParam, SliceParam, SliceParam] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? '';
      const p = params[i] as SliceParam;
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') continue;
        const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
        if (!Number.isSafeInteger(n)) throw new JsonPathParseError(`array index ${v} is not a number`);
        p.known = true;
        p.value = n;
      } else if (i === 1) {
        p.known = true;
        p.value = params[0].value + 1;
        p.derived = true;
      }
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: JpList): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new JsonPathParseError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new JsonPathParseError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) {
      cur.nodes.push({ t: 'filter', left: parseAction(text), right: { t: 'list', nodes: [] }, op: 'exists' });
    } else {
      const left = parseAction(m[1] as string);
      const right = parseAction(m[3] as string);
      cur.nodes.push({ t: 'filter', left, right, op: m[2] as string });
    }
  }

  private parseQuote(cur: JpList, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new JsonPathParseError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JsonPathParseError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ t: 'text', text: s });
  }

  private parseField(cur: JpList): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replaceAll('\\', '') });
  }
}

/** Parse one action's inside (what is between `{` and `}`) as its own list. */
function parseAction(text: string): JpList {
  const root = new Parser(`{${text}}`).parse();
  return root.nodes[0] as JpList;
}

/** Parse a JSONPath template (`{.metadata.name}`, `{range .items[*]}…{end}`, literal text around). */
export function parseJsonPath(template: string): JpList {
  return new Parser(template).parse();
}
