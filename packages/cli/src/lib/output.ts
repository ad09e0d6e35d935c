/** Terminal helpers: TTY detection, colour that honours NO_COLOR and pipes, an erasable progress line. */
import { requestLogActive } from './verbose.js';

type Stream = NodeJS.WriteStream | { isTTY?: boolean; write(s: string): boolean };

export function isTTY(stream: Stream = process.stdout): boolean {
  return stream.isTTY === true;
}

/** Colour only on a terminal, never with `NO_COLOR` set (any non-empty value) or `TERM=dumb`. */
export function colorEnabled(stream: Stream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return isTTY(stream);
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;
export type Style = keyof typeof CODES;

/** A colouriser bound to a stream: identity when colour is off. */
export function colorizer(stream: Stream = process.stdout, env: NodeJS.ProcessEnv = process.env) {
  const on = colorEnabled(stream, env);
  return (style: Style, text: string): string => {
    if (!on) return text;
    const [open, close] = CODES[style];
    return `\x1b[${open}m${text}\x1b[${close}m`;
  };
}

/**
 * A single status line on stderr, redrawn in place and erased by `clear()`. On a non-TTY stderr it
 * prints nothing at all, so pipes and log files stay clean.
 */
export class Progress {
  private readonly enabled: boolean;
  private shown = false;
  private last = '';

  constructor(private readonly stream: Stream = process.stderr) {
    // with -v request lines going to stderr, a line redrawn in place would garble them
    this.enabled = isTTY(stream) && !requestLogActive();
  }

  get active(): boolean {
    return this.enabled;
  }

  update(text: string): void {
    if (!this.enabled || text === this.last) return;
    this.last = text;
    const width = (this.stream as NodeJS.WriteStream).columns || 80; // 0 when the pty has no size
    const line = text.length >= width ? `${text.slice(0, Math.max(0, width - 2))}…` : text;
    this.stream.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }

  /** Erase the line (call before writing the result). */
  clear(): void {
    if (!this.enabled || !this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
    this.last = '';
  }
}
