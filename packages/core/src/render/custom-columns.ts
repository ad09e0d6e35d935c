/**
 * kubectl's `-o custom-columns=NAME:.metadata.name,…` and `-o custom-columns-file=FILE` (a header line
 * and a line of JSONPath specs, whitespace-separated): each column a relaxed JSONPath (`.a.b`, `a.b`,
 * `{a.b}` or `{.a.b}`), several results joined by `,`, `<none>` when there is none, values printed as
 * Go's %v (maps as `map[k:v]`), laid out as kubectl's tabwriter does (3 spaces of padding, columns at
 * least 6 wide). For a fleet, a CLUSTER column (the object's context) comes first.
 */
import {
  sprintResult,
  findJsonPathResults,
  JsonPathExecError,
  JsonPathParseError,
  parseJsonPath,
  PrinterError,
} from './jsonpath.js';
import type { JpList } from './jsonpath.js';

export interface Column {
  header: string;
  /** the JSONPath template, e.g. `{.metadata.name}` */
  fieldSpec: string;
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** kubectl's RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}`, `{.a.b}` → `{.a.b}`. */
export function relaxedJsonPath(expr: string): string {
  if (expr === '') return expr;
  const m = RELAXED.exec(expr);
  if (!m) {
    throw new PrinterError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] || m[2]}}`;
}

/** The columns of `-o custom-columns=SPEC` (kubectl's texts on error). */
export function parseCustomColumns(spec: string): Column[] {
  if (spec === '') throw new PrinterError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) {
      throw new PrinterError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    }
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

const FILE_FORMAT =
  'Expected format is one line of space separated headers, one line of space separated column specs.';

/** The columns of a custom-columns file: a line of headers, then a line of specs. */
export function parseCustomColumnsFile(text: string): Column[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (text === '' || lines.length < 1)
    throw new PrinterError(`invalid template, missing header line. ${FILE_FORMAT}`);
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '' && text.endsWith('\n'))) {
    throw new PrinterError(`invalid template, missing spec line. ${FILE_FORMAT}`);
  }
  const words = (l: string) => l.split(/[ \t\n\v\f\r\u0085\u00a0]+/).filter(Boolean);
  const headers = words(lines[0] as string);
  const specs = words(lines[1] as string);
  if (headers.length !== specs.length) {
    throw new PrinterError(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPath(specs[i] as string) }));
}

interface Cell {
  text: string;
  width: number;
}

/**
 * Go's text/tabwriter as kubectl configures it (min width 6, padding 3, spaces, no flags), over the
 * whole text: a tab ends a cell, a newline a line (also inside values, as in kubectl), the last cell
 * of a line is not aligned, and columns are aligned per block of consecutive lines that have them.
 */
export function tabwrite(text: string, minWidth = 6, padding = 3): string {
  const lines: Cell[][] = text
    .split('\n')
    .map((l) => l.split('\t').map((t) => ({ text: t, width: [...t].length })));
  const widths: number[] = [];
  let out = '';
  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] as Cell[];
      line.forEach((c, j) => {
        out += c.text;
        if (j < widths.length && j < line.length - 1)
          out += ' '.repeat(Math.max((widths[j] as number) - c.width, 0));
      });
      if (i + 1 < lines.length) out += '\n';
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= (lines[i] as Cell[]).length - 1) continue;
      writeLines(line0, i);
      line0 = i;
      let width = minWidth;
      for (; i < line1; i++) {
        const line = lines[i] as Cell[];
        if (column >= line.length - 1) break;
        width = Math.max(width, (line[column] as Cell).width + padding);
      }
      widths.push(width);
      format(line0, i);
      widths.pop();
      line0 = i;
      i--;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out;
}

export interface CustomColumnsOptions {
  noHeaders?: boolean;
  /** a first column CLUSTER with each object's context */
  clusterColumn?: boolean;
  /** applied to every cell that came from the data */
  escape?: (s: string) => string;
}

/** One object to print, and the context it came from. */
export interface ContextObject {
  context: string;
  object: unknown;
}

/** Prints objects as custom columns; `print` throws PrinterError (with what was printed) on failure. */
export class CustomColumnsPrinter {
  constructor(
    readonly columns: Column[],
    private readonly opts: CustomColumnsOptions = {},
  ) {}

  print(objects: ContextObject[]): string {
    return tabwrite(
      this.lines(objects)
        .map((r) => `${r}\n`)
        .join(''),
    );
  }

  /**
   * The lines before alignment, cells separated by tabs (a caller that aligns across several calls, as
   * kubectl's watch remembers column widths); a failing template throws `PrinterError` with the aligned
   * output so far.
   */
  lines(objects: ContextObject[]): string[] {
    const esc = this.opts.escape ?? ((s: string) => s);
    const rows: string[] = [];
    if (!this.opts.noHeaders) {
      rows.push(
        [...(this.opts.clusterColumn ? ['CLUSTER'] : []), ...this.columns.map((c) => c.header)].join('\t'),
      );
    }
    const text = () => tabwrite(rows.map((r) => `${r}\n`).join(''));
    const fail = (message: string): never => {
      throw new PrinterError(message, text());
    };
    const parsers: JpList[] = [];
    for (const c of this.columns) {
      try {
        parsers.push(parseJsonPath(c.fieldSpec));
      } catch (e) {
        if (!(e instanceof JsonPathParseError)) throw e;
        fail(e.message);
      }
    }
    for (const { context, object } of objects) {
      const cells = parsers.map((p) => {
        try {
          const groups = findJsonPathResults(p, object, true);
          if (groups.length === 0 || groups[0]?.values.length === 0) return '<none>';
          return groups.flatMap((g) => g.values.map((v) => esc(sprintResult(v)))).join(',');
        } catch (e) {
          if (!(e instanceof JsonPathExecError)) throw e;
          return fail(e.message);
        }
      });
      rows.push([...(this.opts.clusterColumn ? [esc(context)] : []), ...cells].join('\t'));
    }
    return rows;
  }
}
