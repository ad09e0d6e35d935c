/** Guards against nesting deep enough to overflow a recursive walk (ours or the YAML library's). */
import { isMap, isPair, isSeq } from 'yaml';

/** Maximum nesting depth of an AST, computed without recursion (stops counting past `limit`). */
export function depthExceeds(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > limit) return true;
    if (isMap(n) || isSeq(n)) {
      for (const item of n.items) stack.push([item, d + 1]);
    } else if (isPair(n)) {
      stack.push([n.key, d]);
      stack.push([n.value, d]);
    }
  }
  return false;
}

/**
 * A cheap pre-scan (no recursion) for nesting beyond `limit`: block indentation levels, compact `- - -`
 * sequences and flow brackets. Returns the 1-based line where the limit is crossed.
 */
export function deepestLine(text: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    let depth: number;
    if (flow === 0) {
      const indent = raw.length - trimmed.length;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      const dashes = /^(-[ \t]+)*/.exec(trimmed)?.[0].split('-').length ?? 1;
      depth = indents.length + dashes - 1;
    } else {
      depth = indents.length + flow;
    }
    if (depth > limit) return line;
    let quote = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (quote) {
        if (c === quote) quote = '';
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(raw[i - 1]!))) break;
      else if (c === '[' || c === '{') {
        flow++;
        if (indents.length + flow > limit) return line;
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
  }
  return undefined;
}
