/**
 * The parser of Go's text/template as kubectl's `-o go-template` uses it: text, actions with trim
 * markers (`{{- x -}}`), comments, pipelines, variables (`$x :=`, `$x =`), field chains, parenthesized
 * pipelines, literals, `if`/`else if`/`with`/`else with`/`range`/`else`/`end`, `break`/`continue`,
 * `define`/`template`/`block`. Errors read as Go's (`template: output:1: function "foo" not defined`).
 * The nodes are go-template-nodes.ts, the executor go-template-exec.ts.
 */
import { lex, unquote, type Tok } from './go-template-lex.js';
import { nodeString } from './go-template-nodes.js';
import type { Arg, Command, ParsedTemplate, Pipe, TNode } from './go-template-nodes.js';

export class TemplateParseError extends Error {}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private readonly toks: Tok[];

  constructor(
    private readonly name: string,
    input: string,
    private readonly funcs: Set<string>,
  ) {
    this.toks = lex(input, (msg, line) => this.fail(msg, line));
  }

  fail(msg: string, line = this.toks[Math.max(this.i - 1, 0)]?.line ?? 1): never {
    throw new TemplateParseError(`template: ${this.name}:${line}: ${msg}`);
  }
  private next(): Tok {
    return this.toks[this.i++] as Tok;
  }
  private peek(): Tok {
    return this.toks[this.i] as Tok;
  }
  private nextNonSpace(): Tok {
    let t = this.next();
    while (t.k === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Tok {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }
  private unexpected(t: Tok, context: string): never {
    if (t.k === 'EOF') this.fail(`unexpected EOF in ${context}`, t.line);
    const what = t.k === '}}' ? '"}}"' : t.k === 'space' ? 'space' : JSON.stringify(t.v);
    this.fail(`unexpected ${what} in ${context}`, t.line);
  }

  readonly defs = new Map<string, TNode[]>();

  parse(): ParsedTemplate {
    const root: TNode[] = [];
    while (this.peek().k !== 'EOF') {
      if (this.peek().k === '{{') {
        const save = this.i;
        this.next();
        if (this.nextNonSpace().k === 'define') {
          this.definition();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n === 'end' || n === 'else') this.fail(`unexpected {{${n}}}`);
      root.push(n);
    }
    return { root, defs: this.defs };
  }

  /** `{{define "name"}}…{{end}}` (after `define`). */
  private definition(): void {
    const [name] = this.templateName('define clause');
    this.expect('}}', 'define clause');
    this.body(name, 'define clause');
  }

  /** A named template's body up to `{{end}}`, parsed with its own variables, then registered. */
  private body(name: string, context: string): void {
    const [vars, depth] = [this.vars, this.rangeDepth];
    [this.vars, this.rangeDepth] = [['$'], 0];
    const [list, end] = this.itemList();
    [this.vars, this.rangeDepth] = [vars, depth];
    if (end !== 'end') this.fail(`unexpected {{else}} in ${context}`);
    const empty = (l: TNode[]) => l.every((n) => n.t === 'text' && n.text.trim() === '');
    const old = this.defs.get(name);
    if (old && !empty(old) && !empty(list))
      this.fail(`template: multiple definition of template ${JSON.stringify(name)}`);
    if (!old || empty(old)) this.defs.set(name, list);
  }

  /** A template's name, and where it stands (Go's position of a template node). */
  private templateName(context: string): [string, number] {
    const t = this.nextNonSpace();
    if (t.k !== 'string') this.unexpected(t, context);
    return [unquote(t.v), t.pos];
  }

  private textOrAction(): TNode | 'end' | 'else' {
    const t = this.nextNonSpace();
    if (t.k === 'text') return { t: 'text', pos: t.pos, text: t.v };
    if (t.k === '{{') return this.action();
    this.unexpected(t, 'input');
  }

  private action(): TNode | 'end' | 'else' {
    const t = this.nextNonSpace();
    switch (t.k) {
      case 'end':
        this.expect('}}', 'end');
        return 'end';
      case 'else': {
        const p = this.peekNonSpace();
        if (p.k === 'if' || p.k === 'with') return 'else';
        this.expect('}}', 'else');
        return 'else';
      }
      case 'if':
      case 'with':
      case 'range':
        return this.control(t.k, t.pos);
      case 'break':
      case 'continue':
        if (this.rangeDepth === 0) this.fail(`{{${t.k}}} outside {{range}}`);
        this.expect('}}', t.k);
        return { t: t.k, pos: t.pos };
      case 'define':
        this.fail('unexpected "define" in command');
      // eslint-disable-next-line no-fallthrough
      case 'template': {
        const [name, pos] = this.templateName('template clause');
        if (this.peekNonSpace().k === '}}') {
          this.nextNonSpace();
          return { t: 'template', pos, name };
        }
        return { t: 'template', pos, name, pipe: this.pipeline('template clause', '}}') };
      }
      case 'block': {
        const [name, pos] = this.templateName('block clause');
        const pipe = this.pipeline('block clause', '}}');
        this.body(name, 'block clause');
        return { t: 'template', pos, name, pipe };
      }
    }
    this.i--;
    return { t: 'action', pos: t.pos, pipe: this.pipeline('command', '}}') };
  }

  private expect(k: string, context: string): Tok {
    const t = this.nextNonSpace();
    if (t.k !== k) this.unexpected(t, context);
    return t;
  }

  private control(kind: 'if' | 'with' | 'range', pos: number): TNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, '}}');
    if (kind === 'range') this.rangeDepth++;
    const [list, first] = this.itemList();
    let next = first;
    if (kind === 'range') this.rangeDepth--;
    let elseList: TNode[] | undefined;
    if (next === 'else') {
      const p = this.peekNonSpace();
      if ((kind === 'if' && p.k === 'if') || (kind === 'with' && p.k === 'with')) {
        this.nextNonSpace();
        elseList = [this.control(kind, p.pos)];
      } else {
        [elseList, next] = this.itemList();
        if (next !== 'end') this.fail('expected end; found {{else}}');
      }
    }
    this.vars.length = mark;
    return { t: kind, pos, pipe, list, ...(elseList ? { elseList } : {}) };
  }

  private itemList(): [TNode[], 'end' | 'else'] {
    const list: TNode[] = [];
    while (this.peekNonSpace().k !== 'EOF') {
      const n = this.textOrAction();
      if (n === 'end' || n === 'else') return [list, n];
      list.push(n);
    }
    this.fail('unexpected EOF');
  }

  private pipeline(context: string, end: string): Pipe {
    const pipe: Pipe = { t: 'pipe', pos: this.peekNonSpace().pos, decl: [], isAssign: false, cmds: [] };
    const v = this.peekNonSpace();
    if (v.k === 'variable') {
      const save = this.i;
      this.nextNonSpace();
      for (;;) {
        const nx = this.peekNonSpace();
        if (nx.k === ':=' || nx.k === '=') {
          this.nextNonSpace();
          pipe.isAssign = nx.k === '=';
          pipe.decl.push(v.v);
          this.vars.push(v.v);
          break;
        }
        if (nx.k === ',' && pipe.decl.length === 0) {
          this.nextNonSpace();
          pipe.decl.push(v.v);
          this.vars.push(v.v);
          if (context !== 'range') this.fail(`too many declarations in ${context}`);
          const v2 = this.nextNonSpace();
          if (v2.k !== 'variable') this.fail('range can only initialize variables');
          const op = this.nextNonSpace();
          if (op.k !== ':=' && op.k !== '=') this.fail('range can only initialize variables');
          pipe.isAssign = op.k === '=';
          pipe.decl.push(v2.v);
          this.vars.push(v2.v);
          break;
        }
        this.i = save;
        break;
      }
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.k === end) {
        if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0]?.t ?? '')) {
            this.fail(`non executable command in pipeline stage ${i + 2}`);
          }
        });
        return pipe;
      }
      if (
        ['bool', 'char', 'dot', 'field', 'identifier', 'number', 'nil', 'string', 'variable', '('].includes(
          t.k,
        )
      ) {
        this.i--;
        pipe.cmds.push(this.command());
      } else this.unexpected(t, context);
    }
  }

  private command(): Command {
    const cmd: Command = { t: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.k === 'space') continue;
      if (t.k === '}}' || t.k === ')') this.i--;
      else if (t.k !== '|') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command');
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().k !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().k === 'field') fields.push(this.next().v.slice(1));
    if (node.t === 'field') return { t: 'field', pos, ident: [...node.ident, ...fields] };
    if (node.t === 'variable') return { t: 'variable', pos, ident: [...node.ident, ...fields] };
    if (['bool', 'string', 'number', 'nil', 'dot'].includes(node.t)) {
      this.fail(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
    }
    return { t: 'chain', pos, node, field: fields };
  }

  private term(): Arg | undefined {
    const t = this.nextNonSpace();
    switch (t.k) {
      case 'identifier':
        if (!this.funcs.has(t.v)) this.fail(`function ${JSON.stringify(t.v)} not defined`);
        return { t: 'identifier', pos: t.pos, name: t.v };
      case 'dot':
        return { t: 'dot', pos: t.pos };
      case 'nil':
        return { t: 'nil', pos: t.pos };
      case 'variable': {
        const ident = t.v.split('.');
        if (!this.vars.includes(ident[0] as string))
          this.fail(`undefined variable ${JSON.stringify(ident[0])}`);
        return { t: 'variable', pos: t.pos, ident };
      }
      case 'field':
        return { t: 'field', pos: t.pos, ident: [t.v.slice(1)] };
      case 'bool':
        return { t: 'bool', pos: t.pos, value: t.v === 'true' };
      case 'number':
      case 'char':
        return this.number(t);
      case '(':
        return this.pipeline('parenthesized pipeline', ')');
      case 'string':
        try {
          return { t: 'string', pos: t.pos, quoted: t.v, text: unquote(t.v) };
        } catch (e) {
          this.fail((e as Error).message);
        }
    }
    this.i--;
    return undefined;
  }

  private number(t: Tok): Arg {
    if (t.k === 'char') {
      const s = unquote(t.v);
      return {
        t: 'number',
        pos: t.pos,
        text: t.v,
        isInt: true,
        isFloat: false,
        value: s.codePointAt(0) ?? 0,
      };
    }
    const text = t.v.replaceAll('_', '');
    const sign = text.startsWith('-') ? -1 : 1;
    const digits = text.replace(/^[+-]/, '');
    const value = /^0[xXbBoO]/.test(digits)
      ? sign * Number(digits)
      : /^0[0-7]+$/.test(digits)
        ? sign * parseInt(digits, 8)
        : Number(text);
    if (Number.isNaN(value)) this.fail(`illegal number syntax: ${JSON.stringify(t.v)}`);
    const isFloat = /[.eE]/.test(text) && !/^[+-]?0[xX]/.test(text);
    return { t: 'number', pos: t.pos, text: t.v, isInt: Number.isInteger(value), isFloat, value };
  }
}

/** Parse `text` as the template named `name`; `funcs` are the function names it may call. */
export function parseTemplate(name: string, text: string, funcs: Set<string>): ParsedTemplate {
  return new Parser(name, text, funcs).parse();
}
