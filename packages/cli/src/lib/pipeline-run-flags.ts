// The flags `rollout run` and `rollout resume ID` share: how the run goes, and where its records are.
import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';

export const stateDirFlag = {
  'state-dir': Flags.string({
    description: 'Where run records are kept (default: $KUBECTL_MC_STATE_DIR, else ~/.kube/kubectl-mc/runs).',
  }),
};

export const runFlags = {
  'no-rollback': Flags.boolean({
    description: 'When a stage fails, leave its clusters as they are instead of rolling them back.',
    default: false,
  }),
  'pause-before': Flags.string({
    description: 'Stop before this stage as if it had approval: manual (repeatable).',
    multiple: true,
  }),
  'gate-duration-scale': Flags.string({
    description:
      'Multiply every validation duration and the gate interval by N (e.g. 0.01 for a quick test run).',
    default: '1',
  }),
  ...stateDirFlag,
};

/** The run options these flags give; a bad --gate-duration-scale is a usage error. */
export function runOptionsFromFlags(flags: {
  'no-rollback': boolean;
  'pause-before'?: string[] | undefined;
  'gate-duration-scale': string;
}): { noRollback: boolean; pauseBefore: string[]; gateDurationScale: number } {
  const text = flags['gate-duration-scale'].trim();
  const scale = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(scale) || scale <= 0)
    throw new UsageError(
      `--gate-duration-scale must be a number above 0, got "${flags['gate-duration-scale']}"`,
    );
  return {
    noRollback: flags['no-rollback'],
    pauseBefore: (flags['pause-before'] ?? []).filter((s) => s !== ''),
    gateDurationScale: scale,
  };
}
