/**
 * The executor of Go's text/template (exec.go) over template values (go-value.ts): walks the parsed
 * nodes, evaluates pipelines, fields, variables and function calls with Go's rules (interfaces
 * unwrapped after each command, `<no value>` for a missing key unless missingkey=error), and fails
 * with Go's messages and positions (`template: output:1:2: executing "output" at <.x>: …`).
 */
import { goQuote, goSortedKeys } from './go-format.js';
import { nodeString } from './go-template-nodes.js';
import type { Arg, Command, Pipe, TNode } from './go-template-nodes.js';
import { FuncError, TEMPLATE_FUNCS, type ParamKind } from './go-template-funcs.js';
import {
  concrete,
  dynamic,
  iface,
  indirect,
  indirectInterface,
  INVALID,
  isTrue,
  isValid,
  kindOf,
  sprintValue,
  type GoVal,
} from './go-value.js';

/** The name kubectl parses its template under. */
export const NAME = 'output';
/** `final` absent (Go's missingVal). */
const MISSING: GoVal = { t: 'missing', v: undefined };

/** A failed execution; the message is Go's. */
export class ExecError extends Error {}
/** `{{break}}` and `{{continue}}` unwind to their range as exceptions (Errors, so anything may catch them). */
class Break extends Error {}
class Continue extends Error {}

export interface ExecOptions {
  allowMissingKeys: boolean;
  escape: (s: string) => string;
}

/** One execution: the output so far, the variables, and where it stands (for errors). */
export class State {
  out = '';
  private node: { pos: number; s: string } = { pos: 0, s: '' };
  private vars: Array<{ name: string; value: GoVal }> = [];
  /** the template being executed (`output`, or a defined one) */
  private name = NAME;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly opts: ExecOptions,
    private readonly defs: Map<string, TNode[]>,
    root: GoVal,
  ) {
    this.vars.push({ name: '$', value: root });
  }

  at(n: Arg | Command | TNode): void {
    this.node = { pos: n.pos, s: nodeString(n) };
  }

  errorf(msg: string): never {
    const before = this.text.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = Buffer.byteLength(nl < 0 ? before : before.slice(nl + 1), 'utf8');
    throw new ExecError(
      `template: ${NAME}:${line}:${col}: executing ${goQuote(this.name)} at <${this.node.s}>: ${msg}`,
    );
  }

  walk(dot: GoVal, nodes: TNode[]): void {
    for (const n of nodes) this.walkOne(dot, n);
  }

  private walkOne(dot: GoVal, n: TNode): void {
    switch (n.t) {
      case 'text':
        this.out += n.text;
        return;
      case 'action': {
        const val = this.evalPipeline(dot, n.pipe);
        if (n.pipe.decl.length === 0) {
          this.at(n);
          const text = !isValid(val)
            ? '<no value>'
            : val.t === 'interface {}' && val.v === null
              ? '<nil>'
              : sprintValue(val);
          this.out += this.opts.escape(text);
        }
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const val = this.evalPipeline(dot, n.pipe);
        if (isTrue(indirectInterface(val))) this.walk(n.t === 'with' ? val : dot, n.list);
        else if (n.elseList) this.walk(dot, n.elseList);
        this.vars.length = mark;
        return;
      }
      case 'range':
        this.walkRange(dot, n);
        return;
      case 'template':
        this.walkTemplate(dot, n);
        return;
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
    }
  }

  /** `{{template "name" pipeline}}`: the named template with the pipeline as dot and `$`, no other variables. */
  private walkTemplate(dot: GoVal, t: Extract<TNode, { t: 'template' }>): void {
    this.at(t);
    const body = this.defs.get(t.name);
    if (!body) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === 100000) this.errorf('exceeded maximum template depth (100000)');
    const d = t.pipe ? this.evalPipeline(dot, t.pipe) : INVALID;
    const saved = { vars: this.vars, name: this.name };
    this.vars = [{ name: '$', value: d }];
    this.name = t.name;
    this.depth++;
    try {
      this.walk(d, body);
    } finally {
      this.vars = saved.vars;
      this.name = saved.name;
      this.depth--;
    }
  }

  private walkRange(dot: GoVal, r: Extract<TNode, { t: 'range' }>): void {
    this.at(r);
    const mark = this.vars.length;
    const [val] = indirect(this.evalPipeline(dot, r.pipe));
    const inner = this.vars.length;
    const one = (index: GoVal, elem: GoVal) => {
      const d = r.pipe.decl;
      if (d.length > 0) {
        if (r.pipe.isAssign) this.setVar(d[0] as string, d.length > 1 ? index : elem);
        else this.setTopVar(1, elem);
      }
      if (d.length > 1) {
        if (r.pipe.isAssign) this.setVar(d[1] as string, elem);
        else this.setTopVar(2, index);
      }
      try {
        this.walk(elem, r.list);
      } catch (e) {
        if (!(e instanceof Continue)) throw e;
      } finally {
        this.vars.length = inner;
      }
    };
    let ran = false;
    try {
      const k = kindOf(val);
      if (k === 'slice') {
        (val.v as unknown[]).forEach((x, i) => one({ t: 'int', v: i }, iface(x)));
        ran = (val.v as unknown[]).length > 0;
      } else if (k === 'map') {
        const m = val.v as Record<string, unknown>;
        const keys = goSortedKeys(m);
        for (const key of keys) one({ t: 'string', v: key }, iface(m[key]));
        ran = keys.length > 0;
      } else if (k !== 'invalid') {
        this.errorf(`range can't iterate over ${sprintValue(val)}`);
      }
    } catch (e) {
      if (!(e instanceof Break)) throw e;
      ran = true;
    }
    if (!ran && r.elseList) this.walk(dot, r.elseList);
    this.vars.length = mark;
  }

  private setVar(name: string, value: GoVal): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v?.name === name) {
        v.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: GoVal): void {
    const v = this.vars[this.vars.length - n];
    if (v) v.value = value;
  }

  evalPipeline(dot: GoVal, pipe: Pipe): GoVal {
    this.at(pipe);
    let value = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value.t === 'interface {}') value = concrete(value.v);
    }
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, value);
      else this.vars.push({ name, value });
    }
    return value;
  }

  private notAFunction(args: Arg[], final: GoVal): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0] as Arg)}`);
    }
  }

  private evalCommand(dot: GoVal, cmd: Command, final: GoVal): GoVal {
    const first = cmd.args[0] as Arg;
    switch (first.t) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, dot, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.t) {
      case 'bool':
        return { t: 'bool', v: first.value };
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // eslint-disable-next-line no-fallthrough
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return { t: 'string', v: first.text };
    }
  }

  private idealConstant(n: Extract<Arg, { t: 'number' }>): GoVal {
    this.at(n);
    if (n.isFloat || !n.isInt) return { t: 'float64', v: n.value };
    if (!Number.isSafeInteger(n.value)) this.errorf(`${n.text} overflows int`);
    return { t: 'int', v: n.value };
  }

  private varValue(name: string): GoVal {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]?.name === name) return (this.vars[i] as { value: GoVal }).value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private evalVariable(dot: GoVal, v: Extract<Arg, { t: 'variable' }>, args: Arg[], final: GoVal): GoVal {
    this.at(v);
    const value = this.varValue(v.ident[0] as string);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v.ident.slice(1), args, final);
  }

  private evalChain(dot: GoVal, c: Extract<Arg, { t: 'chain' }>, args: Arg[], final: GoVal): GoVal {
    this.at(c);
    if (c.node.t === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(c)}`);
    const pipe = this.evalArg(dot, 'value', c.node);
    return this.evalFieldChain(dot, pipe, c.field, args, final);
  }

  private evalFieldChain(dot: GoVal, receiver: GoVal, ident: string[], args: Arg[], final: GoVal): GoVal {
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i++) r = this.evalField(ident[i] as string, [], MISSING, r);
    return this.evalField(ident[ident.length - 1] as string, args, final, r);
  }

  private evalField(name: string, args: Arg[], final: GoVal, receiver: GoVal): GoVal {
    if (!isValid(receiver)) {
      if (!this.opts.allowMissingKeys) this.errorf(`nil data; no entry for key ${goQuote(name)}`);
      return INVALID;
    }
    const typ = receiver.t;
    const [r, isNil] = indirect(receiver);
    if (isNil) this.errorf(`nil pointer evaluating ${typ}.${name}`);
    if (kindOf(r) === 'map') {
      if (args.length > 1 || final !== MISSING) this.errorf(`${name} is not a method but has arguments`);
      const m = r.v as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(m, name)) return iface(m[name]);
      if (!this.opts.allowMissingKeys) this.errorf(`map has no entry for key ${goQuote(name)}`);
      return INVALID;
    }
    this.errorf(`can't evaluate field ${name} in type ${typ}`);
  }

  private evalFunction(
    dot: GoVal,
    node: Extract<Arg, { t: 'identifier' }>,
    cmd: Command,
    args: Arg[],
    final: GoVal,
  ): GoVal {
    this.at(node);
    const name = node.name;
    const fn = TEMPLATE_FUNCS[name];
    if (!fn) this.errorf(`${goQuote(name)} is not a defined function`);
    const rest = args.slice(1);
    const numIn = rest.length + (final !== MISSING ? 1 : 0);
    if (fn.variadic !== undefined) {
      if (numIn < fn.params.length) {
        this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${rest.length}`);
      }
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    const kindAt = (i: number): ParamKind => fn.params[i] ?? (fn.variadic as ParamKind);
    if (name === 'and' || name === 'or') {
      let v = INVALID;
      for (const a of rest) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(indirectInterface(v)) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv = rest.map((a, i) => this.evalArg(dot, kindAt(i), a));
    if (final !== MISSING) argv.push(this.validate(final, kindAt(rest.length)));
    try {
      return fn.call(argv);
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
      this.at(cmd);
      this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  private validate(value: GoVal, kind: ParamKind): GoVal {
    if (kind === 'value') return value;
    if (kind === 'any') return dynamic(value);
    if (!isValid(value)) this.errorf('invalid value; expected string');
    const d = value.t === 'interface {}' ? concrete(value.v) : value;
    if (d.t !== 'string')
      this.errorf(`wrong type for value; expected string; got ${d.t === 'invalid' ? 'interface {}' : d.t}`);
    return d;
  }

  private evalArg(dot: GoVal, kind: ParamKind, n: Arg): GoVal {
    this.at(n);
    switch (n.t) {
      case 'dot':
        return this.validate(dot, kind);
      case 'nil':
        if (kind === 'string') this.errorf('cannot assign nil to string');
        return kind === 'any' ? { t: 'nil', v: null } : INVALID;
      case 'field':
        return this.validate(this.evalFieldChain(dot, dot, n.ident, [n], MISSING), kind);
      case 'variable':
        return this.validate(this.evalVariable(dot, n, [], MISSING), kind);
      case 'pipe':
        return this.validate(this.evalPipeline(dot, n), kind);
      case 'identifier':
        return this.validate(
          this.evalFunction(dot, n, { t: 'command', pos: n.pos, args: [n] }, [n], MISSING),
          kind,
        );
      case 'chain':
        return this.validate(this.evalChain(dot, n, [], MISSING), kind);
      case 'string':
        return { t: 'string', v: n.text };
    }
    if (kind === 'string') this.errorf(`expected string; found ${nodeString(n)}`);
    if (n.t === 'bool') return { t: 'bool', v: n.value };
    return this.idealConstant(n);
  }
}
