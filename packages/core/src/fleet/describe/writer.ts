/**
 * kubectl's describe output machinery: a prefix writer (two spaces per level, added once per write)
 * over Go's text/tabwriter as kubectl configures it (minwidth 0, tabwidth 8, padding 2, pad with spaces,
 * no flags). Cells end at a tab; a column's width is that of its widest cell plus two, over each run of
 * consecutive lines that have a cell in that column; the last cell of a line is never padded.
 */

interface Cell {
  text: string;
  width: number;
}

/** Go's `tabwriter` semantics over complete text (what kubectl's `tabbedString` does at its end). */
export function tabwrite(text: string): string {
  const rawLines = text.split('\n');
  const lines: Cell[][] = rawLines.map((l) => l.split('\t').map((t) => ({ text: t, width: [...t].length })));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] ?? [];
      let s = '';
      line.forEach((c, j) => {
        s += c.text;
        const w = widths[j];
        if (j < widths.length && j < line.length - 1 && w !== undefined)
          s += ' '.repeat(Math.max(0, w - c.width));
      });
      out.push(i + 1 === lines.length ? s : `${s}\n`);
    }
  };

  const format = (l0: number, line1: number): void => {
    let line0 = l0;
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= (lines[t]?.length ?? 0) - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = 0;
      for (; t < line1; t++) {
        const line = lines[t] ?? [];
        if (column >= line.length - 1) break;
        const w = (line[column]?.width ?? 0) + 2;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--; // the loop's increment: Go's `this` stays on the line that ended the block
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.join('');
}

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** kubectl's PrefixWriter over a tabwriter: `write(level, text)` and `flush()` between aligned sections. */
export class DescribeWriter {
  private pending = '';
  private done = '';

  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  /** `WriteLine`: the parts joined by spaces, then a newline, no prefix. */
  writeLine(...parts: string[]): void {
    this.pending += `${parts.join(' ')}\n`;
  }

  /** What was written so far is aligned on its own (Go's `Flush`). */
  flush(): void {
    if (this.pending === '') return;
    this.done += tabwrite(this.pending);
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done;
  }

  /** The text as written, tabs left as they are (kubectl's PrefixWriter without a tabwriter). */
  raw(): string {
    return this.done + this.pending;
  }
}

/** kubectl's `tabbedString`: run `f` over a fresh writer, return the aligned text. */
export function tabbed(f: (w: DescribeWriter) => void): string {
  const w = new DescribeWriter();
  f(w);
  return w.toString();
}
