/**
 * Turning a child process's byte stream into lines: UTF-8 decoded across chunk boundaries, split on
 * `\n` (a `\r` before it dropped), bounded in length (a longer line is cut into pieces of at most
 * `maxLineBytes` bytes, each delivered as a line of its own), and the unterminated rest flushed at the
 * end.
 */
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly emit: (line: string, partial: boolean) => void,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {
    if (!(maxLineBytes >= 1)) throw new RangeError('maxLineBytes must be at least 1');
  }

  /** Feed a chunk; every complete line in it (and any cut-off piece of an overlong one) is emitted. */
  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      this.append(chunk.subarray(start, end));
      if (nl === -1) break;
      this.flushLine(false);
      start = nl + 1;
    }
  }

  /** The stream ended: an unterminated last line is emitted (as `partial`), if there is one. */
  end(): void {
    if (this.pendingBytes > 0) this.flushLine(true);
  }

  private append(bytes: Buffer): void {
    let rest = bytes;
    while (this.pendingBytes + rest.length > this.maxLineBytes) {
      const room = this.maxLineBytes - this.pendingBytes;
      this.pending.push(rest.subarray(0, room));
      this.pendingBytes += room;
      rest = rest.subarray(room);
      this.flushLine(false, true);
    }
    if (rest.length > 0) {
      this.pending.push(rest);
      this.pendingBytes += rest.length;
    }
  }

  private flushLine(partial: boolean, cut = false): void {
    const bytes = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    // a cut inside a multi-byte character keeps its first bytes in the decoder for the next piece
    let text = cut ? this.decoder.write(bytes) : this.decoder.write(bytes) + this.decoder.end();
    if (!cut && text.endsWith('\r')) text = text.slice(0, -1);
    this.emit(text, partial);
  }
}
