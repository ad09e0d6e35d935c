import { Box, Text } from 'ink';
import { Line } from './Line.js';

export interface TableRow {
  cells: string[];
  selected: boolean;
  dim?: boolean;
}

/**
 * Column widths from the header and the visible rows, fitted to the width: gap 2, or 1 when tight; then the
 * widest columns shrink first, NAME and CLUSTER last (they keep up to 30% and 20% of the width) and
 * STATUS (16), others to their header.
 */
export function fitColumns(
  columns: string[],
  rows: string[][],
  width: number,
): { widths: number[]; gap: number } {
  const widths = columns.map((c, i) =>
    Math.min(60, Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const sum = widths.reduce((a, b) => a + b, 0);
  const gaps = Math.max(0, columns.length - 1);
  const gap = sum + gaps * 2 <= width ? 2 : 1;
  let total = sum + gaps * gap;
  const floors = columns.map((c, i) =>
    Math.min(
      widths[i]!,
      c === 'NAME'
        ? Math.floor(width * 0.3)
        : c === 'CLUSTER'
          ? Math.floor(width * 0.2)
          : c === 'STATUS'
            ? 16
            : Math.max(3, Math.min(c.length, 12)),
    ),
  );
  for (const floorOf of [(i: number) => floors[i]!, () => 3]) {
    while (total > width) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) {
        if (widths[i]! > floorOf(i) && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
      }
      if (widest < 0) break;
      widths[widest]!--;
      total--;
    }
  }
  return { widths, gap };
}

function cell(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
}

/** Colour carries meaning only: health and status. */
export function statusColor(column: string | undefined, value: string): string | undefined {
  if (column !== 'STATUS' && column !== 'Status' && column !== 'READY' && column !== 'Ready')
    return undefined;
  if (/^(ok|Running|Ready|Active|Bound|Succeeded|Completed)$/.test(value)) return 'green';
  if (/^(…|Pending|ContainerCreating|PodInitializing|Terminating|Init:.*|NotReady.*)$/.test(value)) {
    return 'yellow';
  }
  if (column === 'READY' || column === 'Ready') {
    const m = /^(\d+)\/(\d+)$/.exec(value);
    if (m) return m[1] === m[2] ? undefined : 'yellow';
    return undefined;
  }
  return 'red';
}

/** A header and the given rows (already the visible page), columns fitted to the width. */
export function Table({
  columns,
  rows,
  width,
  colorOf,
}: {
  columns: string[];
  rows: TableRow[];
  width: number;
  colorOf: (col: number, value: string) => string | undefined;
}) {
  const { widths, gap } = fitColumns(
    columns,
    rows.map((r) => r.cells),
    width,
  );
  const sep = ' '.repeat(gap);
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>{columns.map((c, i) => cell(c, widths[i]!)).join(sep)}</Text>
      </Line>
      {rows.map((r, ri) => (
        <Line key={ri} width={width}>
          <Text inverse={r.selected} dimColor={r.dim}>
            {r.cells.map((v, i) => {
              const c = colorOf(i, v);
              const t = cell(v, widths[i] ?? 0) + (i < r.cells.length - 1 ? sep : '');
              return c ? (
                <Text key={i} color={c}>
                  {t}
                </Text>
              ) : (
                t
              );
            })}
          </Text>
        </Line>
      ))}
    </Box>
  );
}
