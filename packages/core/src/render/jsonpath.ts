/**
 * kubectl's `-o jsonpath=…` and `-o jsonpath-as-json=…`: the evaluator of k8s.io/client-go/util/jsonpath
 * over an object's unstructured content (what `-o json` shows), and its printing rules: maps and arrays
 * as compact JSON, strings raw, several results of one action joined by a space, `{range}`/`{end}`
 * loops, and kubectl's error texts. The parser is jsonpath-parse.ts.
 *
 * Where Go is random we are not: `*` and `..` over a map visit its keys in sorted order (Go's map order
 * changes from run to run).
 */
import { goJson, goQuote, goSharpV, goSortedKeys, goSprint, goTypeName, isInt64 } from './go-format.js';
import { JsonPathParseError, parseJsonPath } from './jsonpath-parse.js';
import type { JpList, JpNode } from './jsonpath-parse.js';

export { JsonPathParseError, parseJsonPath } from './jsonpath-parse.js';
export type { JpList, JpNode } from './jsonpath-parse.js';

/** One byte of a string, as `*` or `..` over a Go string yields them (uint8 values). */
class Byte {
  constructor(readonly n: number) {}
}

/** An error while evaluating (kubectl's inner text, e.g. `x is not found`). */
export class JsonPathExecError extends Error {}

/**
 * A kubectl printer failure: `message` is the whole text kubectl prints after `error: `, `output` what
 * it printed on stdout before failing (a Go template's partial output and report, custom columns' rows).
 */
export class PrinterError extends Error {
  constructor(
    message: string,
    readonly output = '',
  ) {
    super(message);
  }
}

/** `undefined` stands for Go's invalid reflect.Value (nothing), `null` for a nil inside a map or array. */
type Val = unknown;
type Step = [Val[], JsonPathExecError | undefined];

/** One action's results, and whether they are the template's literal text (not data). */
export interface ResultGroup {
  values: Val[];
  literal: boolean;
}

function typeName(v: Val): string {
  if (v instanceof Byte) return 'uint8';
  return goTypeName(v);
}

const isMap = (v: Val): v is Record<string, Val> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Byte);

/** The children `*` and `..` visit: map values (sorted keys), array elements, a string's bytes. */
function children(v: Val): Val[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return goSortedKeys(v).map((k) => v[k]);
  if (typeof v === 'string') return [...Buffer.from(v, 'utf8')].map((b) => new Byte(b));
  return [];
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'uint';

function basicKind(v: Val): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return isInt64(v) ? 'int' : 'float';
  if (v instanceof Byte) return 'uint';
  throw new JsonPathExecError('invalid type for comparison');
}

function compare(op: string, a: Val, b: Val): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new JsonPathExecError('incompatible types for comparison');
  const x = a instanceof Byte ? a.n : (a as number | string | boolean);
  const y = b instanceof Byte ? b.n : (b as number | string | boolean);
  if (op === '==') return x === y;
  if (op === '!=') return x !== y;
  if (ka === 'bool') throw new JsonPathExecError('invalid type for comparison');
  if (op === '<') return x < y;
  if (op === '>') return x > y;
  if (op === '<=') return x <= y;
  if (op === '>=') return x >= y;
  throw new JsonPathExecError(`unrecognized filter operator ${op}`);
}

class Evaluator {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;

  constructor(
    private readonly nodes: JpNode[],
    private readonly allowMissingKeys: boolean,
  ) {}

  /** client-go's FindResults over nodes[from…], with its range/end bookkeeping. */
  findResults(data: Val, from = 0): ResultGroup[] {
    const cur: Val[] = [data];
    const full: ResultGroup[] = [];
    for (let i = from; i < this.nodes.length; i++) {
      const node = this.nodes[i] as JpNode;
      const [results, err] = this.walk(cur, node);
      if (err) throw err;
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value ?? undefined, i + 1));
        } else {
          this.findResults(undefined, i + 1);
        }
        this.inRange--;
        for (let k = i + 1; k < this.nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push({ values: results, literal: isLiteral(node) });
    }
    return full;
  }

  private walk(input: Val[], node: JpNode): Step {
    switch (node.t) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [[node.text], undefined];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
      case 'bool':
        return [input.map(() => node.value), undefined];
      case 'wildcard':
        return [input.filter((v) => v !== null).flatMap(children), undefined];
      case 'recursive':
        return [this.evalRecursive(input), undefined];
      case 'union': {
        const out: Val[] = [];
        for (const list of node.nodes) {
          const [vals, err] = this.evalList(input, list);
          if (err) return [input, err];
          out.push(...vals);
        }
        return [out, undefined];
      }
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: Val[], list: JpList): Step {
    let cur = input;
    for (const n of list.nodes) {
      const [vals, err] = this.walk(cur, n);
      if (err) return [vals, err];
      cur = vals;
    }
    return [cur, undefined];
  }

  private evalIdentifier(input: Val[], name: string): Step {
    if (name === 'range') {
      this.beginRange++;
      return [input, undefined];
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [[], undefined];
      }
      return [[], new JsonPathExecError('not in range, nothing to end')];
    }
    return [input, new JsonPathExecError(`unrecognized identifier ${name}`)];
  }

  private evalField(input: Val[], name: string): Step {
    const results: Val[] = [];
    if (input.length === 0) return [results, undefined];
    for (const v of input) {
      if (v === null) continue;
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name)) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) {
      return [results, new JsonPathExecError(`${name} is not found`)];
    }
    return [results, undefined];
  }

  private evalArray(input: Val[], node: Extract<JpNode, { t: 'array' }>): Step {
    const result: Val[] = [];
    for (const value of input) {
      if (value === null) continue;
      if (!Array.isArray(value)) {
        const what = value === undefined ? '<invalid reflect.Value>' : typeName(value);
        return [input, new JsonPathExecError(`${what} is not array or slice`)];
      }
      const [p0, p1, p2] = node.params;
      const len = value.length;
      let start = p0.known ? p0.value : 0;
      if (start < 0) start += len;
      let end = p1.known ? p1.value : len;
      if (end < 0 || (end === 0 && p1.derived)) end += len;
      if (end === start) return [result, undefined];
      if (start >= len || start < 0) {
        return [input, new JsonPathExecError(`array index out of bounds: index ${start}, length ${len}`)];
      }
      if (end > len || end < 0) {
        return [input, new JsonPathExecError(`array index out of bounds: index ${end - 1}, length ${len}`)];
      }
      if (start > end) {
        return [input, new JsonPathExecError(`starting index ${start} is greater than ending index ${end}`)];
      }
      let step = 1;
      if (p2.known) {
        if (p2.value <= 0) return [input, new JsonPathExecError('step must be > 0')];
        step = p2.value;
      }
      for (let i = start; i < end; i += step) result.push(value[i]);
    }
    return [result, undefined];
  }

  private evalRecursive(input: Val[]): Val[] {
    const result: Val[] = [];
    for (const value of input) {
      if (value === null) continue;
      const kids = children(value);
      if (kids.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: Val[], node: Extract<JpNode, { t: 'filter' }>): Step {
    const results: Val[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        const shown = value === undefined ? '<invalid reflect.Value>' : goSprint(value);
        return [input, new JsonPathExecError(`${shown} is not array or slice and cannot be filtered`)];
      }
      for (const item of value) {
        const [lefts, lerr] = this.evalList([item], node.left);
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lerr) return [input, lerr];
        if (lefts.length === 0) continue;
        if (lefts.length > 1) return [input, new JsonPathExecError('can only compare one element at a time')];
        const [rights, rerr] = this.evalList([item], node.right);
        if (rerr) return [input, rerr];
        if (rights.length === 0) continue;
        if (rights.length > 1)
          return [input, new JsonPathExecError('can only compare one element at a time')];
        try {
          if (compare(node.op, lefts[0], rights[0])) results.push(item);
        } catch (e) {
          return [results, e as JsonPathExecError];
        }
      }
    }
    return [results, undefined];
  }
}

/** A top-level node that only yields the template's own text (`abc` between actions, `{"\t"}`). */
function isLiteral(node: JpNode): boolean {
  if (node.t === 'text') return true;
  return node.t === 'list' && node.nodes.length > 0 && node.nodes.every((n) => n.t === 'text');
}

/** Evaluate a parsed template against `data` (kubectl's FindResults); throws JsonPathExecError. */
export function findJsonPathResults(root: JpList, data: unknown, allowMissingKeys = true): ResultGroup[] {
  return new Evaluator(root.nodes, allowMissingKeys).findResults(data);
}

/** A result as Go's %v prints it (what custom columns show). */
export function sprintResult(v: unknown): string {
  return v instanceof Byte ? String(v.n) : goSprint(v);
}

function scalarText(v: Val): string {
  if (v instanceof Byte) return String(v.n);
  if (v === null || v === undefined) return 'null';
  return goSprint(v);
}

function jsonable(v: Val): unknown {
  if (v instanceof Byte) return v.n;
  if (Array.isArray(v)) return v.map(jsonable);
  return v;
}

export interface JsonPathPrintOptions {
  /** jsonpath-as-json: each action's results as one indented JSON array */
  outputJson?: boolean;
  /** applied to text that came from the data (not to the template's own literal text) */
  escape?: (s: string) => string;
}

/** kubectl's PrintResults for every group, concatenated. */
export function printJsonPathResults(groups: ResultGroup[], opts: JsonPathPrintOptions = {}): string {
  const esc = opts.escape ?? ((s: string) => s);
  let out = '';
  for (const g of groups) {
    if (opts.outputJson) {
      const text = `${goJson(g.values.map(jsonable), '    ')}\n`;
      out += g.literal ? text : esc(text);
      continue;
    }
    g.values.forEach((v, i) => {
      const text = Array.isArray(v) || isMap(v) ? goJson(jsonable(v)) : scalarText(v);
      out += g.literal ? text : esc(text);
      if (i !== g.values.length - 1) out += ' ';
    });
  }
  return out;
}

export interface JsonPathOptions extends JsonPathPrintOptions {
  /** kubectl's --allow-missing-template-keys (default true) */
  allowMissingKeys?: boolean;
}

/** A parsed `-o jsonpath` template; `print` evaluates it against one object (or List). */
export class JsonPathPrinter {
  private readonly root: JpList;

  /** Throws PrinterError with kubectl's text when the template does not parse. */
  constructor(
    readonly template: string,
    private readonly opts: JsonPathOptions = {},
  ) {
    try {
      this.root = parseJsonPath(template);
    } catch (e) {
      if (!(e instanceof JsonPathParseError)) throw e;
      throw new PrinterError(`error parsing jsonpath ${template}, ${e.message}`);
    }
  }

  /** The printed text; throws PrinterError with kubectl's whole message when evaluation fails. */
  print(data: unknown): string {
    let groups: ResultGroup[];
    try {
      groups = findJsonPathResults(this.root, data, this.opts.allowMissingKeys ?? true);
    } catch (e) {
      if (!(e instanceof JsonPathExecError)) throw e;
      throw new PrinterError(
        `error executing jsonpath ${goQuote(this.template)}: Error executing template: ${e.message}. ` +
          `Printing more information for debugging the template:\n\ttemplate was:\n\t\t${this.template}\n` +
          `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n`,
      );
    }
    return printJsonPathResults(groups, this.opts);
  }
}
