/**
 * How `kubectl mc logs` prints: each line after its source `cluster/pod/container`, prefixes aligned,
 * one colour per source on a terminal (none to a pipe, none with NO_COLOR), every line terminal-escaped
 * (a pod may write escape sequences into its log); failures and reconnects on stderr.
 */
import type { ClusterError } from '@kubectl-mc/core/errors';
import type { LogLine, LogSource } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { colorEnabled } from './output.js';
import { writeText } from './stdout.js';

const PALETTE = [36, 32, 33, 35, 34, 31, 96, 92, 93, 95, 94, 91];

type Writable = Pick<NodeJS.WriteStream, 'write' | 'once'> & { isTTY?: boolean };

export function sourceKey(s: LogSource): string {
  return `${s.context}/${s.pod}/${s.container}`;
}

export class LogPrinter {
  private width = 0;
  private readonly colors = new Map<string, number>();
  private readonly color: boolean;

  constructor(
    private readonly out: Writable = process.stdout,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.color = colorEnabled(out, env);
  }

  /** Sources known so far set the prefix width (it only grows) and get their colours in order. */
  addSources(sources: readonly LogSource[]): void {
    for (const s of sources) {
      const key = sourceKey(s);
      this.width = Math.max(this.width, escapeTerminal(key).length);
      if (!this.colors.has(key)) this.colors.set(key, PALETTE[this.colors.size % PALETTE.length]!);
    }
  }

  /** The text of some lines of one source, ready to write. */
  format(source: LogSource, lines: readonly LogLine[]): string {
    const key = sourceKey(source);
    const plain = escapeTerminal(key);
    this.width = Math.max(this.width, plain.length);
    const padded = plain.padEnd(this.width);
    const code = this.colors.get(key) ?? PALETTE[0]!;
    const prefix = this.color ? `\x1b[${code}m${padded}\x1b[39m` : padded;
    let text = '';
    for (const l of lines) text += `${prefix} ${escapeTerminal(l.text)}${l.cut ? ' […cut]' : ''}\n`;
    return text;
  }

  /** Write, waiting while the reader of stdout is behind (so memory stays bounded). */
  async write(text: string): Promise<void> {
    await writeText(text, this.out);
  }
}

/** `context "c": production/pod/container: message`, escaped. */
export function sourceErrorText(source: LogSource, error: ClusterError): string {
  return `context "${escapeTerminal(source.context)}": ${escapeTerminal(`${source.namespace}/${source.pod}/${source.container}`)}: ${escapeTerminal(error.message || error.kind)}`;
}
