// The PromQL subset the simulator's Prometheus evaluates, parsed into a small tree:
//   sum [by (l, …)] (EXPR) [by (l, …)]      rate(METRIC{matchers}[RANGE])
//   histogram_quantile(PHI, EXPR)           EXPR / EXPR          (EXPR)
// with label matchers =, !=, =~, !~ (regexes anchored, as Prometheus does). Anything else is a
// PromQLError naming what the simulator does not support.

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
  /** the anchored regex, for =~ and !~ */
  re?: RegExp;
}

export type Expr =
  | { type: 'rate'; metric: string; matchers: Matcher[]; rangeSeconds: number }
  | { type: 'sum'; by: string[] | undefined; expr: Expr }
  | { type: 'div'; lhs: Expr; rhs: Expr }
  | { type: 'quantile'; phi: number; expr: Expr };

export class PromQLError extends Error {}

type Tok =
  | { k: 'ident'; v: string; pos: number }
  | { k: 'num'; v: string; pos: number }
  | { k: 'str'; v: string; pos: number }
  | { k: 'dur'; v: string; pos: number }
  | { k: 'op'; v: string; pos: number }
  | { k: 'eof'; v: ''; pos: number };

const OPS = [
  '!=',
  '=~',
  '!~',
  '==',
  '>=',
  '<=',
  '=',
  '(',
  ')',
  '{',
  '}',
  ',',
  '/',
  '+',
  '-',
  '*',
  '%',
  '^',
  '>',
  '<',
  '@',
  ':',
];
const AGGREGATIONS = [
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'limitk',
  'limit_ratio',
];

function lex(q: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < q.length && q[i] !== '\n') i++;
      continue;
    }
    if (c === '[') {
      const end = q.indexOf(']', i);
      if (end < 0) throw new PromQLError(`1:${i + 1}: parse error: unclosed left bracket`);
      out.push({ k: 'dur', v: q.slice(i + 1, end).trim(), pos: i });
      i = end + 1;
      continue;
    }
    if (/[a-zA-Z_:]/.test(c)) {
      const m = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(q.slice(i))!;
      out.push({ k: 'ident', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(q.slice(i));
      if (!m) throw new PromQLError(`1:${i + 1}: parse error: unexpected character: '${c}'`);
      out.push({ k: 'num', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let s = '';
      while (j < q.length && q[j] !== c) {
        if (q[j] === '\\' && c !== '`' && j + 1 < q.length) {
          const e = q[j + 1]!;
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else s += q[j++];
      }
      if (j >= q.length) throw new PromQLError(`1:${i + 1}: parse error: unterminated quoted string`);
      out.push({ k: 'str', v: s, pos: i });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => q.startsWith(o, i));
    if (!op) throw new PromQLError(`1:${i + 1}: parse error: unexpected character: '${c}'`);
    out.push({ k: 'op', v: op, pos: i });
    i += op.length;
  }
  out.push({ k: 'eof', v: '', pos: q.length });
  return out;
}

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

export function parseDurationSeconds(text: string): number {
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(text)) throw new PromQLError(`parse error: bad duration "${text}"`);
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * UNITS[m[2]!]!;
  if (total <= 0) throw new PromQLError(`parse error: duration must be greater than 0`);
  return total;
}

class Parser {
  #t: Tok[];
  #i = 0;
  constructor(q: string) {
    this.#t = lex(q);
  }

  get #peek(): Tok {
    return this.#t[this.#i]!;
  }

  #next(): Tok {
    return this.#t[this.#i++]!;
  }

  #fail(tok: Tok, what: string): never {
    throw new PromQLError(`1:${tok.pos + 1}: parse error: ${what}`);
  }

  #expect(v: string): void {
    const t = this.#next();
    if (t.k !== 'op' || t.v !== v)
      this.#fail(t, `unexpected ${t.k === 'eof' ? 'end of input' : `"${t.v}"`}, expected "${v}"`);
  }

  parse(): Expr {
    const e = this.#expr();
    const t = this.#peek;
    if (t.k !== 'eof') this.#fail(t, `unexpected "${t.v}"`);
    return e;
  }

  #expr(): Expr {
    const lhs = this.#unary();
    const t = this.#peek;
    if (t.k === 'op' && t.v === '/') {
      this.#next();
      const rhs = this.#unary();
      const after = this.#peek;
      if (after.k === 'op' && !['(', ')', ',', '{', '}'].includes(after.v))
        this.#fail(
          after,
          `the simulator's Prometheus supports a single "A / B", not a chain with "${after.v}"`,
        );
      return { type: 'div', lhs, rhs };
    }
    if (t.k === 'op' && ['+', '-', '*', '%', '^', '==', '!=', '>', '<', '>=', '<='].includes(t.v))
      this.#fail(t, `binary operator "${t.v}" is not supported by the simulator's Prometheus (only "/")`);
    if (t.k === 'ident' && ['and', 'or', 'unless', 'on', 'ignoring', 'offset'].includes(t.v))
      this.#fail(t, `"${t.v}" is not supported by the simulator's Prometheus`);
    if (t.k === 'op' && t.v === '@')
      this.#fail(t, `"@" modifiers are not supported by the simulator's Prometheus`);
    return lhs;
  }

  #unary(): Expr {
    const t = this.#next();
    if (t.k === 'op' && t.v === '(') {
      const e = this.#expr();
      this.#expect(')');
      return e;
    }
    if (t.k === 'num')
      this.#fail(t, `a number as an expression is not supported by the simulator's Prometheus`);
    if (t.k !== 'ident') this.#fail(t, t.k === 'eof' ? 'unexpected end of input' : `unexpected "${t.v}"`);
    const name = t.v;
    const open = this.#peek.k === 'op' && this.#peek.v === '(';
    if (name === 'sum') return this.#sum();
    if (AGGREGATIONS.includes(name))
      this.#fail(t, `aggregation "${name}" is not supported by the simulator's Prometheus (only sum)`);
    if (name === 'rate' && open) return this.#rate();
    if (name === 'histogram_quantile' && open) return this.#quantile();
    if (open) this.#fail(t, `function "${name}" is not supported by the simulator's Prometheus`);
    this.#fail(t, `a selector outside rate() ("${name}") is not supported by the simulator's Prometheus`);
  }

  #labels(): string[] {
    this.#expect('(');
    const out: string[] = [];
    while (!(this.#peek.k === 'op' && this.#peek.v === ')')) {
      const t = this.#next();
      if (t.k !== 'ident') this.#fail(t, `unexpected "${t.v}" in grouping opts, expected label`);
      out.push(t.v);
      if (this.#peek.k === 'op' && this.#peek.v === ',') this.#next();
    }
    this.#expect(')');
    return out;
  }

  #grouping(): string[] | undefined {
    const t = this.#peek;
    if (t.k !== 'ident') return undefined;
    if (t.v === 'without')
      this.#fail(t, `"without" is not supported by the simulator's Prometheus (use "by")`);
    if (t.v !== 'by') return undefined;
    this.#next();
    return this.#labels();
  }

  #sum(): Expr {
    let by = this.#grouping();
    this.#expect('(');
    const expr = this.#expr();
    this.#expect(')');
    const after = this.#grouping();
    if (by && after) this.#fail(this.#peek, 'sum has two "by" clauses');
    by ??= after;
    return { type: 'sum', by, expr };
  }

  #rate(): Expr {
    this.#expect('(');
    const t = this.#next();
    let metric = '';
    let matchers: Matcher[] = [];
    if (t.k === 'ident') {
      metric = t.v;
      if (this.#peek.k === 'op' && this.#peek.v === '{') matchers = this.#matchers();
    } else if (t.k === 'op' && t.v === '{') {
      this.#i--;
      matchers = this.#matchers();
    } else this.#fail(t, `rate() needs a range vector selector`);
    const nameMatcher = matchers.find((m) => m.name === '__name__');
    if (!metric && !nameMatcher) this.#fail(t, 'vector selector must contain a metric name');
    const r = this.#next();
    if (r.k !== 'dur') this.#fail(r, `rate() needs a range vector, e.g. ${metric || 'metric'}[1m]`);
    if (r.v.includes(':')) this.#fail(r, "subqueries are not supported by the simulator's Prometheus");
    let rangeSeconds: number;
    try {
      rangeSeconds = parseDurationSeconds(r.v);
    } catch (e) {
      this.#fail(r, e instanceof Error ? e.message.replace(/^parse error: /, '') : String(e));
    }
    const after = this.#peek;
    if (after.k === 'ident' && after.v === 'offset')
      this.#fail(after, '"offset" is not supported by the simulator\'s Prometheus');
    this.#expect(')');
    return { type: 'rate', metric, matchers, rangeSeconds };
  }

  #matchers(): Matcher[] {
    this.#expect('{');
    const out: Matcher[] = [];
    while (!(this.#peek.k === 'op' && this.#peek.v === '}')) {
      const n = this.#next();
      if (n.k !== 'ident') this.#fail(n, `unexpected "${n.v}" in label matching, expected label`);
      const op = this.#next();
      if (op.k !== 'op' || !['=', '!=', '=~', '!~'].includes(op.v))
        this.#fail(op, `unexpected "${op.v}" in label matching, expected one of "=", "!=", "=~" or "!~"`);
      const v = this.#next();
      if (v.k !== 'str') this.#fail(v, `unexpected "${v.v}" in label matching, expected string`);
      const m: Matcher = { name: n.v, op: op.v as MatchOp, value: v.v };
      if (m.op === '=~' || m.op === '!~') {
        try {
          m.re = new RegExp(`^(?:${v.v})$`, 'u');
        } catch (e) {
          this.#fail(v, `invalid regular expression "${v.v}": ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      out.push(m);
      if (this.#peek.k === 'op' && this.#peek.v === ',') this.#next();
      else if (!(this.#peek.k === 'op' && this.#peek.v === '}'))
        this.#fail(this.#peek, `unexpected "${this.#peek.v}" in label matching, expected "," or "}"`);
    }
    this.#expect('}');
    return out;
  }

  #quantile(): Expr {
    this.#expect('(');
    const n = this.#next();
    if (n.k !== 'num') this.#fail(n, 'histogram_quantile() needs a number as its first argument');
    this.#expect(',');
    const expr = this.#expr();
    this.#expect(')');
    return { type: 'quantile', phi: Number(n.v), expr };
  }
}

export function parsePromQL(q: string): Expr {
  if (!q.trim()) throw new PromQLError('parse error: no expression found in input');
  return new Parser(q).parse();
}
