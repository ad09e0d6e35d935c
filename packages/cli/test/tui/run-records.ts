/** Pipeline run records as core's `listRuns` returns them, for the `:runs` tests. */
import type { ClusterStatus, RunRecord, RunStatus, StageStatus } from '@kubectl-mc/core/fleet';

export interface StageSpec {
  name: string;
  status: StageStatus;
  clusters: [string, ClusterStatus, string?][];
}

export function runRecord(
  id: string,
  status: RunStatus,
  createdAt: string,
  stages: StageSpec[],
  extra: { stage?: number; message?: string; file?: string } = {},
): RunRecord {
  return {
    id,
    version: 1,
    pipeline: { file: extra.file ?? 'pipeline.yaml', stages: [] },
    objects: [],
    manifestFiles: ['web.yaml'],
    status,
    stage: extra.stage ?? 0,
    stages: stages.map((s) => ({
      name: s.name,
      status: s.status,
      clusters: s.clusters.map(([context, st, message]) => ({
        context,
        status: st,
        ...(message !== undefined ? { message } : {}),
      })),
    })),
    createdAt,
    updatedAt: createdAt,
    owner: 'ann@laptop pid 42',
    options: { gateDurationScale: 1, noRollback: false, pauseBefore: [] },
    ...(extra.message !== undefined ? { message: extra.message } : {}),
  };
}

/** A failed run (older), a running one (newer than nothing: running sorts first anyway), a succeeded one. */
export function sampleRuns(): RunRecord[] {
  return [
    runRecord(
      'run-20261205-150000-aaaa',
      'failed',
      '2026-12-05T15:00:00Z',
      [
        {
          name: 'deploy-canary',
          status: 'rolled-back',
          clusters: [['us-east-prod', 'rolled-back', 'error-rate 5.00% > 0.1%']],
        },
        { name: 'promote', status: 'pending', clusters: [['us-east-prod', 'pending']] },
      ],
      { message: 'stage deploy-canary: us-east-prod: error-rate 5.00% > 0.1%' },
    ),
    runRecord(
      'run-20261205-140000-bbbb',
      'running',
      '2026-12-05T14:00:00Z',
      [
        { name: 'canary', status: 'passed', clusters: [['eu-west-prod', 'passed']] },
        {
          name: 'promote',
          status: 'running',
          clusters: [
            ['eu-west-prod', 'gating', 'pods-ready 1/1, 0 restarts'],
            ['us-east-prod', 'pending'],
          ],
        },
      ],
      { stage: 1, file: 'prod.pipeline.yaml' },
    ),
    runRecord('run-20261205-153000-cccc', 'succeeded', '2026-12-05T15:30:00Z', [
      { name: 'all', status: 'passed', clusters: [['dev', 'passed']] },
    ]),
  ];
}
