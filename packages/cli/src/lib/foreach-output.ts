/** How `kubectl mc foreach` prints a child's line: the cluster, padded and coloured, then the line. */
import { escapeTerminal } from '@kubectl-mc/core/util';
import { colorEnabled } from './output.js';

type Stream = { isTTY?: boolean; write(s: string): boolean };

/** One foreground colour per cluster, in selection order, cycling (red is left for errors). */
const PALETTE = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94];

export interface LinePrinter {
  /** The text to write for one line of `context` (with its newline). */
  format(context: string, text: string): string;
}

/**
 * A printer for one destination: prefixes padded to the longest selected name, colour only when that
 * destination is a terminal without NO_COLOR, and the cluster's text made inert on a terminal
 * (control characters escaped; tabs kept, they move nothing but the cursor within the line).
 */
export function linePrinter(
  contexts: readonly string[],
  stream: Stream,
  env: NodeJS.ProcessEnv = process.env,
): LinePrinter {
  const width = contexts.reduce((w, c) => Math.max(w, escapeTerminal(c).length), 0);
  const color = colorEnabled(stream, env);
  const tty = stream.isTTY === true;
  const prefixes = new Map(
    contexts.map((c, i) => {
      const name = escapeTerminal(c).padEnd(width);
      const code = PALETTE[i % PALETTE.length] as number;
      return [c, color ? `\x1b[${code}m${name}\x1b[39m` : name];
    }),
  );
  return {
    format(context, text) {
      const prefix = prefixes.get(context) ?? escapeTerminal(context).padEnd(width);
      const body = tty ? text.split('\t').map(escapeTerminal).join('\t') : text;
      return body === '' ? `${prefix} |\n` : `${prefix} | ${body}\n`;
    },
  };
}
