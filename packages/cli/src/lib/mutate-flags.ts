// The flags every verb that changes clusters shares: the question (--yes), protected contexts
// (--include-protected, --topology) and --fail-fast.
import { Flags } from '@oclif/core';

export const confirmFlags = {
  yes: Flags.boolean({ char: 'y', description: 'Go ahead without asking.', default: false }),
  'include-protected': Flags.boolean({
    description:
      'With --yes: include protected clusters (.kubectl-mc.yaml "protected:" or a topology\'s environment: production) without typing their environment\'s name.',
    default: false,
  }),
  topology: Flags.string({
    description: 'A topology YAML file (as for "lint"): clusters with environment: production are protected.',
    multiple: true,
  }),
};

export const failFastFlag = {
  'fail-fast': Flags.boolean({ description: 'Stop every cluster at the first failure.', default: false }),
};

/** The fields of confirm()'s options these flags give. */
export function confirmOptionsFromFlags(flags: {
  yes: boolean;
  'include-protected': boolean;
  topology?: string[] | undefined;
}): { yes: boolean; includeProtected: boolean; topology?: string[] } {
  return {
    yes: flags.yes,
    includeProtected: flags['include-protected'],
    ...(flags.topology ? { topology: flags.topology } : {}),
  };
}
