/** Terminal colour that honours NO_COLOR, TERM=dumb and pipes (no other import: `lint` loads only this). */
export type Stream = NodeJS.WriteStream | { isTTY?: boolean; write(s: string): boolean };

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
