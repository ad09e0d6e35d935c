/** The `:runs` view's text: records escaped and checked, the table's order and cells, a run's detail. */
import assert from 'node:assert/strict';
import type { RunRecord } from '@kubectl-mc/core/fleet';
import { runCells, runDetailLines, runsTickMs, runView, sortRuns } from '../../src/tui/runs.js';
import { runRecord, sampleRuns } from './run-records.js';

const NOW = Date.parse('2026-12-05T16:00:00Z');

describe('dashboard runs: formatting', () => {
  it('lists running runs first, then newest first', () => {
    const ids = sortRuns(sampleRuns().map(runView)).map((r) => r.id);
    assert.deepEqual(ids, [
      'run-20261205-140000-bbbb',
      'run-20261205-153000-cccc',
      'run-20261205-150000-aaaa',
    ]);
  });

  it('gives each run its pipeline file, status, stage i/n, clusters done/total, age and message', () => {
    const [failed, running] = sampleRuns().map(runView);
    assert.deepEqual(runCells(running!, NOW), [
      'run-20261205-140000-bbbb',
      'prod.pipeline.yaml',
      'running',
      'promote 2/2',
      '1/3',
      '120m',
      '',
    ]);
    assert.deepEqual(runCells(failed!, NOW), [
      'run-20261205-150000-aaaa',
      'pipeline.yaml',
      'failed',
      'deploy-canary 1/2',
      '1/2',
      '60m',
      'stage deploy-canary: us-east-prod: error-rate 5.00% > 0.1%',
    ]);
  });

  it("details each stage and each cluster's status and message, marking the run's stage", () => {
    const running = runView(sampleRuns()[1]!);
    assert.deepEqual(runDetailLines(running, NOW), [
      'pipeline prod.pipeline.yaml  status running  stage promote 2/2  age 120m',
      'owner ann@laptop pid 42',
      '',
      'stage 1/2 canary  passed',
      '  eu-west-prod  passed',
      '',
      'stage 2/2 promote  running  ←',
      '  eu-west-prod  gating  pods-ready 1/1, 0 restarts',
      '  us-east-prod  pending',
    ]);
  });

  it('escapes every string a record holds (anyone can edit the files)', () => {
    const evil = '\u001b]0;pwned\u0007';
    const r = runRecord(
      `run-${evil}`,
      'failed',
      '2026-12-05T15:00:00Z',
      [{ name: `st${evil}`, status: 'failed', clusters: [[`ctx${evil}`, 'failed', `msg\n${evil}`]] }],
      { message: `boom${evil}`, file: `p${evil}.yaml` },
    );
    const v = runView(r);
    const text = [...runCells(v, NOW), ...runDetailLines(v, NOW)].join('\n');
    assert.ok(!text.includes('\u001b') && !text.includes('\u0007'), text);
    assert.match(text, /run-\^\[\]0;pwned\^G/);
    assert.match(text, /msg\\n\^\[/);
  });

  it('shows what an edited record left out or mistyped as empty, not a crash', () => {
    const broken = { id: 'run-x', status: 7, stages: [null, { clusters: 'no' }], createdAt: 'yesterday' };
    const v = runView(broken as unknown as RunRecord);
    assert.deepEqual(runCells(v, NOW), ['run-x', '', '', '1/2', '0/0', '<unknown>', '']);
    assert.ok(runDetailLines(v, NOW).includes('  (no clusters)'));
  });

  it('ticks every second while a run is under 10 minutes old (its age shows seconds), else every 10 s', () => {
    const runs = sampleRuns().map(runView);
    assert.equal(runsTickMs(runs, NOW), 10_000);
    assert.equal(runsTickMs(runs, Date.parse('2026-12-05T15:35:00Z')), 1000);
  });
});
