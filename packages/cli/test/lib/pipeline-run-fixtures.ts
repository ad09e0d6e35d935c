// Synthetic pipelines, records and events for the run view, lines and runs table tests.
import type { GateReading, Pipeline, RunRecord } from '@kubectl-mc/core/fleet';

export const pipeline: Pipeline = {
  file: 'pipeline.yaml',
  stages: [
    {
      index: 0,
      name: 'deploy-canary',
      clusters: [{ name: 'us-east', context: 'us-east-prod' }],
      traffic: 10,
      parallel: false,
      approval: 'auto',
      durationMs: 900_000,
      gates: [{ kind: 'error-rate', max: 0.001, text: '0.1%' }, { kind: 'pods-ready' }],
    },
    {
      index: 1,
      name: 'promote',
      clusters: [
        { name: 'us-east', context: 'us-east-prod' },
        { name: 'eu-west', context: 'eu-west-prod' },
      ],
      traffic: 100,
      parallel: true,
      approval: 'manual',
      durationMs: 0,
      gates: [{ kind: 'pods-ready' }],
    },
  ],
};

export function record(over: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-20261205-160102-3fa9',
    version: 1,
    pipeline,
    objects: [],
    manifestFiles: ['app.yaml'],
    status: 'running',
    stage: 0,
    stages: pipeline.stages.map((s) => ({
      name: s.name,
      status: 'pending',
      clusters: s.clusters.map((c) => ({ context: c.context, status: 'pending' })),
    })),
    createdAt: '2026-12-05T16:01:02.000Z',
    updatedAt: '2026-12-05T16:01:02.000Z',
    owner: 'ann@host pid 1',
    options: { gateDurationScale: 1, noRollback: false, pauseBefore: [] },
    ...over,
  };
}

export const okReadings: GateReading[] = [
  {
    gate: 'error-rate',
    context: 'us-east-prod',
    state: 'ok',
    value: 0,
    threshold: 0.001,
    text: 'error-rate 0.00% ≤ 0.1%',
  },
  {
    gate: 'pods-ready',
    context: 'us-east-prod',
    state: 'ok',
    value: 1,
    threshold: 1,
    text: 'pods-ready 1/1',
  },
];

export const failing: GateReading = {
  gate: 'error-rate',
  context: 'us-east-prod',
  state: 'failing',
  value: 0.05,
  threshold: 0.001,
  text: 'error-rate 5.00% > 0.1%',
};
