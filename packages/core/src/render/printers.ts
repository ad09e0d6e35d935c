/**
 * kubectl get's choice of printer from `-o`, `--template`, `--allow-missing-template-keys` and
 * `--no-headers`, with kubectl's rules and error texts (`-o jsonpath=…`, `-o jsonpath --template=…`,
 * `--template` alone meaning go-template, `template format specified but no template given`, …), and
 * printing a fleet's objects with the chosen template printer: the template sees the same v1 List that
 * `-o json` prints (items annotated with their context), or the object itself when one named object
 * came from one cluster, as kubectl does for `get TYPE NAME`.
 */
import { CustomColumnsPrinter, parseCustomColumns, parseCustomColumnsFile } from './custom-columns.js';
import type { Column } from './custom-columns.js';
import { GoTemplatePrinter } from './go-template.js';
import { JsonPathPrinter, PrinterError } from './jsonpath.js';
import { CONTEXT_ANNOTATION } from './output.js';
import type { KubeList } from './output.js';

/** The formats kubectl get accepts, as its error lists them. */
export const OUTPUT_FORMATS = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
] as const;

const TEMPLATE_FORMATS = ['template', 'go-template', 'go-template-file', 'templatefile'];
const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-file', 'jsonpath-as-json'];
const COLUMNS_FORMATS = ['custom-columns', 'custom-columns-file'];

export type PrinterSpec =
  | { kind: 'table' | 'wide' | 'json' | 'yaml' | 'name' }
  | { kind: 'jsonpath'; printer: JsonPathPrinter }
  | { kind: 'go-template'; printer: GoTemplatePrinter }
  | { kind: 'custom-columns'; columns: Column[]; noHeaders: boolean };

export interface PrinterFlags {
  output?: string | undefined;
  template?: string | undefined;
  allowMissingTemplateKeys?: boolean | undefined;
  noHeaders?: boolean | undefined;
  /** applied to text from clusters in template output (terminal safety) */
  escape?: (s: string) => string;
  /** reads a -file format's file; throws an Error with a `code` (ENOENT…) */
  readFile: (path: string) => string;
}

const GO_IO_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

function read(flags: PrinterFlags, path: string, prefix: string): string {
  try {
    return flags.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    const op = code === 'EISDIR' ? 'read' : 'open';
    throw new PrinterError(`${prefix} ${path}, ${op} ${path}: ${GO_IO_ERRORS[code] ?? (e as Error).message}`);
  }
}

/** `format=value` split on the first `=` when `format` is one of `formats` (kubectl's rule). */
function split(output: string, template: string, formats: string[]): [string, string] | undefined {
  if (template !== '') return formats.includes(output) ? [output, template] : undefined;
  for (const f of formats) if (output.startsWith(`${f}=`)) return [f, output.slice(f.length + 1)];
  return formats.includes(output) ? [output, ''] : undefined;
}

/** The printer kubectl get would use; throws PrinterError with kubectl's text when it would refuse. */
export function printerFromFlags(flags: PrinterFlags): PrinterSpec {
  const template = flags.template ?? '';
  let output = flags.output ?? '';
  if (template !== '' && output === '') output = 'go-template';
  if (output === 'json' || output === 'yaml' || output === 'name' || output === 'wide')
    return { kind: output };
  const allowMissingKeys = flags.allowMissingTemplateKeys ?? true;
  const escape = flags.escape ?? ((s: string) => s);

  const tmpl = split(output, template, TEMPLATE_FORMATS);
  if (tmpl) {
    const [format, value] = tmpl;
    if (value === '') throw new PrinterError('template format specified but no template given');
    const text = format.endsWith('file') ? read(flags, value, 'error reading --template') : value;
    return { kind: 'go-template', printer: new GoTemplatePrinter(text, { allowMissingKeys, escape }) };
  }
  const jp = split(output, template, JSONPATH_FORMATS);
  if (jp) {
    const [format, value] = jp;
    if (value === '') throw new PrinterError('template format specified but no template given');
    const text = format === 'jsonpath-file' ? read(flags, value, 'error reading --template') : value;
    const printer = new JsonPathPrinter(text, {
      allowMissingKeys,
      outputJson: format === 'jsonpath-as-json',
      escape,
    });
    return { kind: 'jsonpath', printer };
  }
  const cc = split(output, template, COLUMNS_FORMATS);
  if (cc) {
    const [format, value] = cc;
    if (value === '') throw new PrinterError('custom-columns format specified but no custom columns given');
    if (format === 'custom-columns-file') {
      // kubectl prints a columns file's headers even with --no-headers
      return {
        kind: 'custom-columns',
        columns: parseCustomColumnsFile(read(flags, value, 'error reading template')),
        noHeaders: false,
      };
    }
    return {
      kind: 'custom-columns',
      columns: parseCustomColumns(value),
      noHeaders: flags.noHeaders ?? false,
    };
  }
  if (output === '') return { kind: 'table' };
  throw new PrinterError(
    `unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUT_FORMATS.join(',')}`,
  );
}

/** True for the printers that need whole objects (not the server's Table). */
export function needsObjects(spec: PrinterSpec): boolean {
  return spec.kind !== 'table' && spec.kind !== 'wide' && spec.kind !== 'name';
}

export interface TemplateOutputOptions {
  /** one named object from one cluster: the template sees the object, not a List */
  single?: boolean;
  /** custom columns without the CLUSTER column */
  noClusterColumn?: boolean;
  escape?: (s: string) => string;
}

/**
 * Print a fleet's objects (the List `-o json` prints: items annotated with their context, already in
 * order) with a jsonpath, go-template or custom-columns printer. Throws PrinterError (its `output` is
 * what to print on stdout before the error) when the template fails.
 */
export function printWithTemplate(
  spec: Extract<PrinterSpec, { kind: 'jsonpath' | 'go-template' | 'custom-columns' }>,
  list: KubeList,
  opts: TemplateOutputOptions = {},
): string {
  if (spec.kind === 'custom-columns') {
    const objects = list.items.map((o) => ({
      context: o.metadata?.annotations?.[CONTEXT_ANNOTATION] ?? '',
      object: o,
    }));
    const printer = new CustomColumnsPrinter(spec.columns, {
      noHeaders: spec.noHeaders,
      clusterColumn: !opts.noClusterColumn,
      ...(opts.escape ? { escape: opts.escape } : {}),
    });
    return printer.print(objects);
  }
  const data = opts.single && list.items.length === 1 ? list.items[0] : list;
  return spec.printer.print(data);
}
