/**
 * The nodes of a parsed Go template (go-template-parse.ts builds them, go-template-exec.ts runs them),
 * and Go's String() of a node, which error messages quote (`at <.metadata.name>`).
 */

export type TNode =
  | { t: 'text'; pos: number; text: string }
  | { t: 'action'; pos: number; pipe: Pipe }
  | { t: 'if' | 'with'; pos: number; pipe: Pipe; list: TNode[]; elseList?: TNode[] }
  | { t: 'range'; pos: number; pipe: Pipe; list: TNode[]; elseList?: TNode[] }
  | { t: 'break' | 'continue'; pos: number }
  | { t: 'template'; pos: number; name: string; pipe?: Pipe };

/** A parsed template: its body, and the templates it defines (`define`, `block`). */
export interface ParsedTemplate {
  root: TNode[];
  defs: Map<string, TNode[]>;
}

export interface Pipe {
  t: 'pipe';
  pos: number;
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
}

export interface Command {
  t: 'command';
  pos: number;
  args: Arg[];
}

export type Arg =
  | { t: 'field'; pos: number; ident: string[] }
  | { t: 'variable'; pos: number; ident: string[] }
  | { t: 'chain'; pos: number; node: Arg; field: string[] }
  | { t: 'identifier'; pos: number; name: string }
  | { t: 'dot'; pos: number }
  | { t: 'nil'; pos: number }
  | { t: 'bool'; pos: number; value: boolean }
  | { t: 'number'; pos: number; text: string; isInt: boolean; isFloat: boolean; value: number }
  | { t: 'string'; pos: number; quoted: string; text: string }
  | Pipe;

/** Go's String() of a node, used in error contexts (`at <.x>`). */
export function nodeString(n: Arg | Command | TNode): string {
  switch (n.t) {
    case 'field':
      return `.${n.ident.join('.')}`;
    case 'variable':
      return n.ident.join('.');
    case 'chain':
      return `${n.node.t === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)}.${n.field.join('.')}`;
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'pipe': {
      const decl = n.decl.length ? `${n.decl.join(', ')} ${n.isAssign ? '=' : ':='} ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.t === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'text':
      return JSON.stringify(n.text);
    case 'template':
      return `{{template ${JSON.stringify(n.name)}${n.pipe ? ` ${nodeString(n.pipe)}` : ''}}}`;
    default:
      return `{{${n.t}}}`;
  }
}
