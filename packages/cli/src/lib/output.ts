/** Terminal helpers: TTY detection, colour that honours NO_COLOR and pipes, an erasable progress line. */
import { requestLogActive } from './verbose.js';
import { isTTY, type Stream } from './color.js';

export { colorEnabled, colorizer, isTTY, type Style } from './color.js';

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
