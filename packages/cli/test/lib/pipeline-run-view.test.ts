import assert from 'node:assert/strict';
import type { RunEvent } from '@kubectl-mc/core/fleet';
import { emptyRunState, reduceRun } from '../../src/lib/pipeline-run-state.js';
import { fitLine, RunView, runViewLines } from '../../src/lib/pipeline-run-view.js';
import { failing, okReadings, record } from './pipeline-run-fixtures.js';

const fold = (events: RunEvent[], now = 0) => events.reduce((s, e) => reduceRun(s, e, now), emptyRunState());

const started: RunEvent[] = [
  { type: 'run-started', run: record(), resumed: false },
  { type: 'stage-started', stage: 0, name: 'deploy-canary' },
  { type: 'applied', stage: 0, context: 'us-east-prod', canary: true },
  { type: 'gates', stage: 0, context: 'us-east-prod', readings: okReadings, remainingMs: 890_000 },
];

class Sink {
  text = '';
  writes = 0;
  isTTY = true;
  columns = 200;
  write(s: string): boolean {
    this.text += s;
    this.writes++;
    return true;
  }
}

const waitFor = async (cond: () => boolean): Promise<void> => {
  while (!cond()) await new Promise((r) => setImmediate(r));
};

describe('pipeline run live view', () => {
  it('shows every stage, the clusters of the started ones with their gate readings, and the time left', () => {
    const lines = runViewLines(fold(started, 1_000), 11_000);
    assert.equal(lines[0], 'run run-20261205-160102-3fa9  pipeline pipeline.yaml  running');
    assert.match(lines[1]!, /^1\/2 deploy-canary\s+10%\s+running\s+14m40s left$/);
    assert.match(lines[2]!, /^ {4}us-east-prod\s+gating\s+error-rate 0\.00% ≤ 0\.1%, pods-ready 1\/1$/);
    assert.match(lines[3]!, /^2\/2 promote\s+100% parallel\s+pending$/);
    assert.equal(lines.length, 4, 'the clusters of a stage not started yet are not listed');
  });

  it('marks the failed cluster with the failing reading and the run with its message', () => {
    const state = fold([
      ...started,
      { type: 'gate-failed', stage: 0, context: 'us-east-prod', reading: failing },
      { type: 'rolled-back', stage: 0, context: 'us-east-prod', message: 'canary deleted' },
      {
        type: 'run-finished',
        status: 'failed',
        message: 'stage deploy-canary: us-east-prod: error-rate 5.00% > 0.1%',
      },
    ]);
    const lines = runViewLines(state, 0);
    assert.match(lines[0]!, /failed$/);
    assert.match(lines[1]!, /rolled-back/);
    assert.match(lines[2]!, /rolled-back\s+error-rate 5\.00% > 0\.1%, pods-ready 1\/1$/);
    assert.equal(lines.at(-1), 'stage deploy-canary: us-east-prod: error-rate 5.00% > 0.1%');
  });

  it('shows a stage waiting for approval, then paused', () => {
    const waiting = fold([
      { type: 'run-started', run: record(), resumed: false },
      { type: 'stage-passed', stage: 0, name: 'deploy-canary' },
      { type: 'approval-needed', stage: 1, name: 'promote', reason: 'manual' },
    ]);
    assert.match(runViewLines(waiting, 0)[3]!, /waiting-approval/);
    const paused = reduceRun(
      waiting,
      { type: 'paused', stage: 1, name: 'promote', message: 'needs approval' },
      0,
    );
    assert.match(runViewLines(paused, 0)[3]!, /paused/);
  });

  it('shows the stage a run was interrupted in as interrupted', () => {
    const lines = runViewLines(fold([...started, { type: 'run-finished', status: 'interrupted' }]), 0);
    assert.match(lines[0]!, /interrupted$/);
    assert.match(lines[1]!, /^1\/2 deploy-canary\s+10%\s+interrupted$/);
  });

  it('keeps a resumed run’s finished stages as the record has them', () => {
    const r = record({ stage: 1, status: 'paused' });
    r.stages[0]!.status = 'passed';
    r.stages[0]!.clusters[0]!.status = 'passed';
    const lines = runViewLines(fold([{ type: 'run-started', run: r, resumed: true }]), 0);
    assert.match(lines[1]!, /passed/);
    assert.match(lines[2]!, /us-east-prod\s+passed/);
  });

  it('escapes cluster text and colours only when asked', () => {
    const state = fold([
      { type: 'run-started', run: record(), resumed: false },
      { type: 'stage-started', stage: 0, name: 'deploy-canary' },
      { type: 'cluster-failed', stage: 0, context: 'us-east-prod', message: 'x\x1b[2Jy' },
    ]);
    const plain = runViewLines(state, 0).join('\n');
    assert.ok(!plain.includes('\x1b'), plain);
    const red = runViewLines(state, 0, (style, t) => `<${style}>${t}</>`).join('\n');
    assert.match(red, /<red>failed\s*<\/>/);
  });

  it('cuts long lines to the width without counting colour codes', () => {
    assert.equal(fitLine('abcdef', 4), 'abc…\x1b[0m');
    assert.equal(fitLine('\x1b[31mab\x1b[39m', 4), '\x1b[31mab\x1b[39m');
  });

  it('redraws in place, at most once per interval', async () => {
    const sink = new Sink();
    let now = 1_000;
    const view = new RunView(sink, { NO_COLOR: '1' }, () => now, 200);
    view.update(started[0]!);
    assert.equal(sink.writes, 1, 'the first event draws at once');
    view.update(started[1]!);
    view.update(started[2]!);
    assert.equal(sink.writes, 1, 'events within the interval wait for the next draw');
    now += 200;
    await waitFor(() => sink.writes === 2);
    assert.ok(sink.text.includes('\x1b[4A'), 'the second drawing moves up over the first');
    assert.ok(!sink.text.includes('\x1b[3'), 'NO_COLOR: no colour codes');
    view.finish();
  });
});
