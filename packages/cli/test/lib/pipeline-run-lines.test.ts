import assert from 'node:assert/strict';
import type { RunEvent } from '@kubectl-mc/core/fleet';
import { eventLine, eventText, timeLeftText, type RunLineContext } from '../../src/lib/pipeline-run-lines.js';
import { failing, okReadings, record } from './pipeline-run-fixtures.js';

const texts = (events: RunEvent[]): string[] => {
  const ctx: RunLineContext = {};
  return events.map((e) => eventText(e, ctx));
};

describe('pipeline run event lines', () => {
  it('start with the local time HH:MM:SS and end with a newline', () => {
    const at = new Date(2026, 11, 5, 9, 5, 7);
    assert.equal(
      eventLine({ type: 'run-started', run: record(), resumed: false }, {}, at),
      '09:05:07 run run-20261205-160102-3fa9 started: pipeline pipeline.yaml, 2 stages\n',
    );
  });

  it("repeat a cluster's unchanged gate readings at most every 30 s, and a change at once", () => {
    const ctx: RunLineContext = {};
    const gates = (context: string, readings = okReadings): RunEvent => ({
      type: 'gates',
      stage: 0,
      context,
      readings,
      remainingMs: 60_000,
    });
    const at = (s: number) => new Date(2026, 11, 5, 9, 0, s);
    assert.match(eventLine(gates('a'), ctx, at(0)), /a: gates /);
    assert.equal(eventLine(gates('a'), ctx, at(10)), '');
    assert.match(eventLine(gates('b'), ctx, at(10)), /b: gates /);
    assert.match(eventLine(gates('a', [failing]), ctx, at(11)), /a: gates /);
    assert.equal(eventLine(gates('a', [failing]), ctx, at(40)), '');
    assert.match(eventLine(gates('a', [failing]), ctx, at(41)), /a: gates /);
  });

  it('name the stage as I/N and its name, and the cluster, for every event of a run', () => {
    const lines = texts([
      { type: 'run-started', run: record(), resumed: false },
      { type: 'stage-started', stage: 0, name: 'deploy-canary' },
      { type: 'applied', stage: 0, context: 'us-east-prod', canary: true },
      { type: 'routed', stage: 0, context: 'us-east-prod', canaryWeight: 10 },
      { type: 'ready', stage: 0, context: 'us-east-prod', message: 'web-canary 1/1 ready' },
      { type: 'gates', stage: 0, context: 'us-east-prod', readings: okReadings, remainingMs: 890_000 },
      { type: 'stage-passed', stage: 0, name: 'deploy-canary' },
      { type: 'approval-needed', stage: 1, name: 'promote', reason: 'manual' },
      { type: 'approved', stage: 1, name: 'promote' },
      { type: 'stage-started', stage: 1, name: 'promote' },
      { type: 'applied', stage: 1, context: 'eu-west-prod', canary: false },
      { type: 'promoted', stage: 1, context: 'us-east-prod' },
      { type: 'run-finished', status: 'succeeded' },
    ]);
    assert.deepEqual(lines, [
      'run run-20261205-160102-3fa9 started: pipeline pipeline.yaml, 2 stages',
      'stage 1/2 deploy-canary: started, us-east-prod at 10% traffic',
      'stage 1/2 deploy-canary us-east-prod: applied canary',
      'stage 1/2 deploy-canary us-east-prod: routed 10% to the canary',
      'stage 1/2 deploy-canary us-east-prod: ready web-canary 1/1 ready',
      'stage 1/2 deploy-canary us-east-prod: gates error-rate 0.00% ≤ 0.1%, pods-ready 1/1 (14m50s left)',
      'stage 1/2 deploy-canary: passed',
      'stage 2/2 promote: approval needed (approval: manual)',
      'stage 2/2 promote: approved',
      'stage 2/2 promote: started, us-east-prod, eu-west-prod at 100% traffic (parallel)',
      'stage 2/2 promote eu-west-prod: applied',
      'stage 2/2 promote us-east-prod: promoted',
      'run run-20261205-160102-3fa9 succeeded',
    ]);
  });

  it('say why a stage failed and what was rolled back', () => {
    const lines = texts([
      { type: 'run-started', run: record({ stage: 1, status: 'paused' }), resumed: true },
      { type: 'gate-failed', stage: 0, context: 'us-east-prod', reading: failing },
      { type: 'cluster-failed', stage: 0, context: 'us-east-prod', message: 'deployment web not found' },
      { type: 'rolling-back', stage: 0, context: 'us-east-prod' },
      { type: 'rolled-back', stage: 0, context: 'us-east-prod', message: 'canary deleted, routing restored' },
      { type: 'paused', stage: 1, name: 'promote', message: 'approval needed' },
      {
        type: 'run-finished',
        status: 'failed',
        message: 'stage deploy-canary: us-east-prod: error-rate 5.00% > 0.1%',
      },
    ]);
    assert.deepEqual(lines, [
      'run run-20261205-160102-3fa9 resumed at stage 2/2 promote: pipeline pipeline.yaml',
      'stage 1/2 deploy-canary us-east-prod: gate failed: error-rate 5.00% > 0.1%',
      'stage 1/2 deploy-canary us-east-prod: failed: deployment web not found',
      'stage 1/2 deploy-canary us-east-prod: rolling back',
      'stage 1/2 deploy-canary us-east-prod: rolled back: canary deleted, routing restored',
      'stage 2/2 promote: paused: approval needed',
      'run run-20261205-160102-3fa9 failed: stage deploy-canary: us-east-prod: error-rate 5.00% > 0.1%',
    ]);
  });

  it('escape what a cluster sent', () => {
    const line = eventText(
      { type: 'cluster-failed', stage: 0, context: 'evil\x1b[2Jctx', message: 'bad\x1b]0;title\x07' },
      {},
    );
    assert.ok(!line.includes('\x1b'), line);
    assert.ok(!line.includes('\x07'), line);
  });

  it('round time left up to whole seconds', () => {
    assert.equal(timeLeftText(890_000), '14m50s');
    assert.equal(timeLeftText(1_200), '2s');
    assert.equal(timeLeftText(-5), '0s');
  });
});
