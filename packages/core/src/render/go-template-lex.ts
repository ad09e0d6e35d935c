/**
 * The lexer of Go's text/template (go-template-parse.ts parses its tokens): text between actions, trim
 * markers (`{{- ` and ` -}}`), comments, and the tokens inside `{{ }}`, with Go's lexical error texts.
 */

export type Tok = { k: string; v: string; pos: number; line: number };

const KEYWORDS = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'nil',
  'template',
  'with',
]);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined) => c !== undefined && /^[_\p{L}\p{Nd}]$/u.test(c);

/** Go's lexer: text and the tokens inside `{{ }}`. */
export function lex(input: string, err: (msg: string, line: number) => never): Tok[] {
  const toks: Tok[] = [];
  let pos = 0;
  let line = 1;
  const lineAt = (p: number) => 1 + (input.slice(0, p).match(/\n/g)?.length ?? 0);
  while (pos < input.length) {
    let open = input.indexOf('{{', pos);
    if (open < 0) open = input.length;
    let text = input.slice(pos, open);
    const trimLeft = open < input.length && input[open + 2] === '-' && isSpace(input[open + 3]);
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    if (text) toks.push({ k: 'text', v: text, pos, line: lineAt(pos) });
    if (open >= input.length) break;
    line = lineAt(open);
    let p = open + 2 + (trimLeft ? 2 : 0);
    toks.push({ k: '{{', v: '{{', pos: open, line });
    // comment
    if (input.startsWith('/*', p)) {
      const close = input.indexOf('*/', p + 2);
      if (close < 0) err('unclosed comment', line);
      p = close + 2;
      let trimRight = false;
      if (input[p] && isSpace(input[p]) && input[p + 1] === '-' && input.startsWith('}}', p + 2)) {
        trimRight = true;
        p += 2;
      }
      if (!input.startsWith('}}', p)) err('comment ends before closing delimiter', line);
      toks.pop();
      pos = p + 2;
      if (trimRight) pos = skipSpace(input, pos);
      continue;
    }
    let parens = 0;
    for (;;) {
      if (isSpace(input[p]) && input[p + 1] === '-' && input.startsWith('}}', p + 2)) {
        if (parens > 0) err('unclosed left paren', line);
        toks.push({ k: '}}', v: '}}', pos: p + 2, line: lineAt(p) });
        pos = skipSpace(input, p + 4);
        break;
      }
      if (input.startsWith('}}', p)) {
        if (parens > 0) err('unclosed left paren', line);
        toks.push({ k: '}}', v: '}}', pos: p, line: lineAt(p) });
        pos = p + 2;
        break;
      }
      const c = input[p];
      const start = p;
      const tl = lineAt(p);
      if (c === undefined) err('unclosed action', line);
      if (c === '\r' || c === '\n' || c === ' ' || c === '\t') {
        while (isSpace(input[p]) && !(input[p + 1] === '-' && input.startsWith('}}', p + 2))) p++;
        if (p === start) p++;
        toks.push({ k: 'space', v: input.slice(start, p), pos: start, line: tl });
        continue;
      }
      if (c === '=') toks.push({ k: '=', v: '=', pos: p++, line: tl });
      else if (c === ':') {
        if (input[p + 1] !== '=') err('expected :=', tl);
        toks.push({ k: ':=', v: ':=', pos: p, line: tl });
        p += 2;
      } else if (c === '|') toks.push({ k: '|', v: '|', pos: p++, line: tl });
      else if (c === ',') toks.push({ k: ',', v: ',', pos: p++, line: tl });
      else if (c === '(') {
        parens++;
        toks.push({ k: '(', v: '(', pos: p++, line: tl });
      } else if (c === ')') {
        if (--parens < 0) err('unexpected right paren', tl);
        toks.push({ k: ')', v: ')', pos: p++, line: tl });
      } else if (c === '"' || c === '`' || c === "'") {
        p++;
        for (;;) {
          const d = input[p];
          if (d === undefined || (c !== '`' && d === '\n')) {
            err(
              c === '`'
                ? 'unterminated raw quoted string'
                : c === "'"
                  ? 'unterminated character constant'
                  : 'unterminated quoted string',
              tl,
            );
          }
          p++;
          if (d === '\\' && c !== '`') p++;
          else if (d === c) break;
        }
        toks.push({ k: c === "'" ? 'char' : 'string', v: input.slice(start, p), pos: start, line: tl });
      } else if (c === '$' || (c === '.' && !/[0-9]/.test(input[p + 1] ?? ''))) {
        p++;
        while (isAlnum(input[p])) p++;
        const v = input.slice(start, p);
        toks.push({ k: c === '$' ? 'variable' : v === '.' ? 'dot' : 'field', v, pos: start, line: tl });
      } else if (/[0-9+-]/.test(c) || (c === '.' && /[0-9]/.test(input[p + 1] ?? ''))) {
        const m =
          /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]*([eE][+-]?[0-9_]+)?)/.exec(
            input.slice(p),
          );
        const v = m?.[0] ?? '';
        if (!v || !isNumTerm(input[p + v.length]))
          err(`bad number syntax: "${input.slice(p, p + Math.max(v.length, 1))}"`, tl);
        p += v.length;
        toks.push({ k: 'number', v, pos: start, line: tl });
      } else if (isAlnum(c)) {
        while (isAlnum(input[p])) p++;
        const v = input.slice(start, p);
        const k = v === 'true' || v === 'false' ? 'bool' : KEYWORDS.has(v) ? v : 'identifier';
        toks.push({ k, v, pos: start, line: tl });
      } else err(`unrecognized character in action: ${runeName(c)}`, tl);
    }
  }
  toks.push({ k: 'EOF', v: '', pos: input.length, line: lineAt(input.length) });
  return toks;
}

const isNumTerm = (c: string | undefined) => c === undefined || !isAlnum(c) || false;
const skipSpace = (s: string, p: number) => {
  while (isSpace(s[p])) p++;
  return p;
};
function runeName(r: string): string {
  const code = (r.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  return /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(r) ? `U+${code} '${r}'` : `U+${code}`;
}

/** Go's strconv.Unquote for a template string / raw string / char literal. */
export function unquote(q: string): string {
  if (q.startsWith('`')) return q.slice(1, -1).replace(/\r/g, '');
  const body = q.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/gs, (_m, e: string) => {
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
      '"': '"',
      "'": "'",
    };
    if (simple[e] !== undefined) return simple[e];
    if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    throw new Error('invalid syntax');
  });
}
