/**
 * A small Corefile reader (CoreDNS server blocks) that keeps the exact YAML-file position of every
 * directive and argument, including lines inside a `|` block scalar.
 */
import type { LineCounter, Scalar } from 'yaml';
import type { CorefileDirective, CorefileServerBlock, CorednsServerFile, Range } from './types.js';
import { valueText } from '../util/text.js';
import { offsetsToRange } from './yaml-util.js';

interface SourceLine {
  text: string;
  /** Absolute offset of `text[0]` in the YAML file, or undefined when not mappable. */
  offset: number | undefined;
}

interface Token {
  text: string;
  line: number; // index into lines
  start: number; // column index within the line text
}

/** Lines of a scalar's value with their offsets in the file (exact for `|` literals, else the node start). */
export function scalarLines(node: Scalar, fileText: string): SourceLine[] {
  const value = valueText(node.value);
  const valueLines = value.split('\n');
  const range = node.range;
  if (range && node.type === 'BLOCK_LITERAL') {
    const raw = fileText.slice(range[0], range[1]);
    const nl = raw.indexOf('\n');
    if (nl >= 0) {
      const body = raw.slice(nl + 1);
      const rawLines = body.split('\n');
      const firstNonEmpty = rawLines.find((l) => l.trim().length > 0);
      const indent = firstNonEmpty ? firstNonEmpty.length - firstNonEmpty.trimStart().length : 0;
      const out: SourceLine[] = [];
      let off = range[0] + nl + 1;
      for (const rl of rawLines) {
        const cr = rl.endsWith('\r') ? rl.slice(0, -1) : rl;
        out.push({
          text: cr.length >= indent ? cr.slice(indent) : '',
          offset: off + Math.min(indent, cr.length),
        });
        off += rl.length + 1;
      }
      // Trust the mapping only if it reproduces the value line by line.
      const ok = valueLines.every((vl, i) => i >= out.length || out[i]!.text === vl || vl === '');
      if (ok) return out.slice(0, Math.max(valueLines.length, 1));
    }
  }
  return valueLines.map((text) => ({ text, offset: undefined }));
}

/** The end of a CoreDNS environment substitution `{$NAME}` (or `{%NAME%}`) starting at `i`, else -1. */
export function envEnd(s: string, i: number): number {
  const m = /^\{(\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%)\}/.exec(s.slice(i, i + 256));
  return m ? i + m[0].length : -1;
}

/** The end of a shell command substitution `$(…)` starting at `i` (to its matching `)`), else -1. */
function shellEnd(s: string, i: number): number {
  if (s[i] !== '$' || s[i + 1] !== '(') return -1;
  let depth = 0;
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '(') depth++;
    else if (s[j] === ')' && --depth === 0) return j + 1;
  }
  return s.length;
}

export function parseCorefile(
  key: string,
  node: Scalar,
  fileText: string,
  lc: LineCounter,
): CorednsServerFile {
  const lines = scalarLines(node, fileText);
  const nodeRange: Range =
    node.range !== undefined && node.range !== null
      ? offsetsToRange(lc, node.range[0], node.range[1])
      : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const rangeOf = (t: Token, len = t.text.length): Range => {
    const l = lines[t.line];
    if (!l || l.offset === undefined) return nodeRange;
    return offsetsToRange(lc, l.offset + t.start, l.offset + t.start + len);
  };
  const spanRange = (a: Token, b: Token): Range => {
    const ra = rangeOf(a);
    const rb = rangeOf(b);
    return { start: ra.start, end: rb.end };
  };

  // Tokenize: words, `{`, `}`; `#` starts a comment; quotes keep spaces.
  const tokens: Token[] = [];
  lines.forEach((l, li) => {
    const s = l.text;
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (c === ' ' || c === '\t' || c === '\r') {
        i++;
      } else if (c === '#') {
        break;
      } else if ((c === '{' || c === '}') && envEnd(s, i) < 0) {
        tokens.push({ text: c, line: li, start: i });
        i++;
      } else if (c === '"') {
        const j = s.indexOf('"', i + 1);
        const end = j < 0 ? s.length : j + 1;
        tokens.push({ text: s.slice(i + 1, j < 0 ? s.length : j), line: li, start: i });
        i = end;
      } else {
        let j = i;
        while (j < s.length) {
          const e = envEnd(s, j);
          if (e > 0) {
            j = e; // `{$NAME}`: CoreDNS substitutes the environment variable
            continue;
          }
          const sub = shellEnd(s, j);
          if (sub > 0) {
            j = sub; // `$(command)`: one (unexpanded) word, whatever it holds
            continue;
          }
          if (/[\s{}#]/.test(s[j]!)) break;
          j++;
        }
        tokens.push({ text: s.slice(i, j), line: li, start: i });
        i = j;
      }
    }
  });

  const blocks: CorefileServerBlock[] = [];
  const problems: { message: string; range: Range }[] = [];
  let i = 0;
  while (i < tokens.length) {
    // Server block header: zones until `{`.
    // `import FILE|SNIPPET` between server blocks: allowed at the top level of a Corefile.
    if (tokens[i]!.text === 'import') {
      const line = tokens[i]!.line;
      while (
        i < tokens.length &&
        tokens[i]!.line === line &&
        tokens[i]!.text !== '{' &&
        tokens[i]!.text !== '}'
      )
        i++;
      continue;
    }
    const zoneToks: Token[] = [];
    while (i < tokens.length && tokens[i]!.text !== '{' && tokens[i]!.text !== '}')
      zoneToks.push(tokens[i++]!);
    const open = tokens[i];
    if (!open) {
      // The only server block may omit its braces (Caddyfile syntax): not an error on its own.
      if (zoneToks.length > 0 && blocks.length > 0) {
        problems.push({
          message: 'server block without `{`',
          range: spanRange(zoneToks[0]!, zoneToks.at(-1)!),
        });
      }
      break;
    }
    if (open.text === '}') {
      problems.push({ message: 'unexpected `}`', range: rangeOf(open) });
      i++;
      continue;
    }
    i++; // past `{`
    const directives: CorefileDirective[] = [];
    let closed: Token | undefined;
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (t.text === '}') {
        closed = t;
        i++;
        break;
      }
      if (t.text === '{') {
        problems.push({ message: 'unexpected `{`', range: rangeOf(t) });
        i++;
        continue;
      }
      // A directive: tokens on the same line, optionally followed by a nested block.
      const line = t.line;
      const args: Token[] = [];
      i++;
      while (
        i < tokens.length &&
        tokens[i]!.line === line &&
        tokens[i]!.text !== '{' &&
        tokens[i]!.text !== '}'
      ) {
        args.push(tokens[i++]!);
      }
      let last: Token = args.at(-1) ?? t;
      if (i < tokens.length && tokens[i]!.text === '{' && tokens[i]!.line === line) {
        // Nested block (e.g. `forward . 1.2.3.4 { … }`): skip to its matching brace.
        let depth = 0;
        while (i < tokens.length) {
          const u = tokens[i]!;
          if (u.text === '{') depth++;
          else if (u.text === '}') depth--;
          i++;
          if (depth === 0) {
            last = u;
            break;
          }
        }
        if (depth !== 0) problems.push({ message: `unclosed \`{\` after ${t.text}`, range: rangeOf(t) });
      }
      directives.push({
        name: t.text,
        args: args.map((a) => a.text),
        range: spanRange(t, last),
        argRanges: args.map((a) => rangeOf(a)),
      });
    }
    const first = zoneToks[0] ?? open;
    if (!closed) problems.push({ message: 'server block is not closed with `}`', range: rangeOf(open) });
    blocks.push({
      zones: zoneToks.map((z) => z.text),
      range: spanRange(first, closed ?? open),
      directives,
    });
  }
  return { key, node, blocks, problems };
}
