// `kubectl mc get`'s arguments and printer flags, read with kubectl's rules.
import { UsageError } from '@kubectl-mc/core/errors';
import { printerFromFlags, PrinterError, type PrinterSpec } from '@kubectl-mc/core/render';
import { readFileSync } from 'node:fs';
import { escapeTemplateOutput } from './get-output.js';
import { invokedName } from './invoked.js';
import type { Output, Request } from './get-output.js';

/** `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`, as kubectl reads them. */
export function parseRequest(argv: string[]): Request {
  if (argv.length === 0)
    throw new UsageError(`you must specify the type of resource to get, e.g. "${invokedName()} get pods"`);
  const names = new Map<string, string[]>();
  const types: string[] = [];
  const add = (type: string, name?: string) => {
    if (!names.has(type)) {
      names.set(type, []);
      types.push(type);
    }
    if (name !== undefined) names.get(type)?.push(name);
  };
  if (argv.some((a) => a.includes('/'))) {
    for (const a of argv) {
      const slash = a.indexOf('/');
      if (slash <= 0 || slash === a.length - 1) {
        throw new UsageError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${invokedName()} get resource/<resource_name>' instead of '${invokedName()} get resource resource/<resource_name>'`,
        );
      }
      add(a.slice(0, slash), a.slice(slash + 1));
    }
    return { types, names };
  }
  const [typeArg, ...rest] = argv as [string, ...string[]];
  const list = typeArg.split(',').filter((t) => t !== '');
  if (list.length === 0) throw new UsageError('you must specify the type of resource to get');
  if (rest.length > 0 && list.length > 1) {
    throw new UsageError('arguments in resource/name form must have a single resource and name');
  }
  for (const t of list) add(t);
  for (const n of rest) names.get(list[0] as string)?.push(n);
  return { types, names };
}

/** The printer `-o`/`--template` ask for, with kubectl's rules; a refusal is a usage error. */
export function parsePrinter(flags: {
  output?: string | undefined;
  template?: string | undefined;
  'allow-missing-template-keys'?: boolean | undefined;
  'no-headers'?: boolean | undefined;
}): PrinterSpec {
  try {
    return printerFromFlags({
      output: flags.output,
      template: flags.template,
      allowMissingTemplateKeys: flags['allow-missing-template-keys'],
      noHeaders: flags['no-headers'],
      escape: escapeTemplateOutput,
      readFile: (p) => readFileSync(p, 'utf8'),
    });
  } catch (e) {
    if (e instanceof PrinterError) throw new UsageError(e.message.replace(/\n+$/, ''));
    throw e;
  }
}

export function outputOf(printer: PrinterSpec): Output {
  return printer.kind === 'jsonpath' || printer.kind === 'go-template' || printer.kind === 'custom-columns'
    ? 'template'
    : printer.kind;
}
