// What `label` and `annotate` share: kubectl's arguments (objects, then key=value and key- changes),
// --overwrite, and the plan, question and change of every mutating verb.
import { Flags } from '@oclif/core';
import {
  isMetadataChange,
  loadManifests,
  parseMetadataChanges,
  planMetadata,
  runMetadata,
  type MetadataField,
} from '@kubectl-mc/core/fleet';
import {
  clusterFlags,
  kubeconfigFlags,
  selectionFromFlags,
  selectionWarnings,
  type SelectionFlags,
} from './flags.js';
import { confirmFlags, confirmOptionsFromFlags, failFastFlag } from './mutate-flags.js';
import { runMutation } from './mutate.js';
import { targetFlags, targetSpecFromFlags } from './target-flags.js';
import { startRequestLog, verboseFlags } from './verbose.js';

export function metadataFlags(what: string) {
  return {
    ...targetFlags,
    overwrite: Flags.boolean({
      description: `Change ${what}s that already have a value (without it, such a change is refused).`,
      default: false,
    }),
    'resource-version': Flags.string({
      description: 'Only change objects whose resourceVersion is this one.',
    }),
    'dry-run': Flags.string({
      description: 'client: stop after the plan; server: the server answers each change, nothing is stored.',
      options: ['none', 'server', 'client'],
      default: 'none',
    }),
    ...confirmFlags,
    ...failFastFlag,
    ...kubeconfigFlags,
    ...clusterFlags,
    ...verboseFlags,
  };
}

interface MetadataFlags extends SelectionFlags {
  filename?: string[] | undefined;
  recursive: boolean;
  selector?: string | undefined;
  all: boolean;
  namespace?: string | undefined;
  'all-namespaces': boolean;
  overwrite: boolean;
  'resource-version'?: string | undefined;
  'dry-run': string;
  yes: boolean;
  'include-protected': boolean;
  topology?: string[] | undefined;
  'fail-fast': boolean;
  v: number;
}

/** Run `label` (field `labels`) or `annotate` (`annotations`); the exit code. */
export async function runMetadataCommand(
  field: MetadataField,
  argv: string[],
  flags: MetadataFlags,
  err: (line: string) => void,
): Promise<number> {
  startRequestLog(flags.v);
  const changes = {
    ...parseMetadataChanges(field, argv.filter(isMetadataChange), flags.overwrite),
    ...(flags['resource-version'] ? { resourceVersion: flags['resource-version'] } : {}),
  };
  const manifests = flags.filename
    ? await loadManifests(flags.filename, { recursive: flags.recursive })
    : undefined;
  const spec = targetSpecFromFlags(
    argv.filter((a) => !isMetadataChange(a)),
    flags,
    manifests,
  );
  const sel = await selectionFromFlags(flags);
  for (const w of selectionWarnings(sel)) err(`warning: ${w}`);
  return runMutation(
    sel,
    {
      verb: field === 'labels' ? 'Label' : 'Annotate',
      past: field === 'labels' ? 'labeled' : 'annotated',
      dryRun: flags['dry-run'] as 'none' | 'server' | 'client',
      confirm: confirmOptionsFromFlags(flags),
      failFast: flags['fail-fast'],
      plan: (fleet, signal) =>
        planMetadata(fleet, spec, changes, {
          ...(flags.namespace ? { namespace: flags.namespace } : {}),
          signal,
        }),
      change: (fleet, plans, o) => runMetadata(fleet, plans, changes, o),
    },
    err,
  );
}
