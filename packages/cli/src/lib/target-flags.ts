// How mutating verbs name their objects, as kubectl does: TYPE NAME..., TYPE/NAME..., -l, --all, -f.
import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import { parseTargets, type Manifest, type TargetSpec } from '@kubectl-mc/core/fleet';

export const targetFlags = {
  filename: Flags.string({
    char: 'f',
    description: 'A file, a directory of .yaml/.yml/.json files, or - for stdin, naming the objects.',
    multiple: true,
  }),
  recursive: Flags.boolean({ char: 'R', description: 'Process directories recursively.', default: false }),
  selector: Flags.string({
    char: 'l',
    description: 'Every object of the type whose labels match, e.g. app=web.',
  }),
  all: Flags.boolean({ description: 'Every object of the type (in the namespace).', default: false }),
  namespace: Flags.string({
    char: 'n',
    description: "Namespace (default: the context's namespace, else default).",
  }),
  'all-namespaces': Flags.boolean({
    char: 'A',
    description: 'With -l or --all: in every namespace.',
    default: false,
  }),
};

export function targetSpecFromFlags(
  args: string[],
  flags: {
    selector?: string | undefined;
    all: boolean;
    'all-namespaces': boolean;
    namespace?: string | undefined;
  },
  manifests: Manifest[] | undefined,
): TargetSpec {
  if (flags.namespace === '') throw new UsageError('--namespace must not be empty');
  if (flags.all && flags.selector !== undefined)
    throw new UsageError('cannot set --all and --selector at the same time');
  const spec: TargetSpec = {
    args,
    ...(flags.selector !== undefined ? { selector: flags.selector } : {}),
    all: flags.all,
    allNamespaces: flags['all-namespaces'],
    ...(manifests ? { manifests } : {}),
  };
  parseTargets(spec); // usage errors now, not once per cluster
  return spec;
}
