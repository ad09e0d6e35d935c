import assert from 'node:assert/strict';
import { RUN_EXIT, type RunEvent, type RunRecord } from '@kubectl-mc/core/fleet';
import { approver, followRun, runEndText, runExitCode } from '../../src/lib/pipeline-run.js';
import { record } from './pipeline-run-fixtures.js';

class Sink {
  text = '';
  isTTY = false;
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

async function* events(list: RunEvent[], end: RunRecord): AsyncGenerator<RunEvent, RunRecord> {
  for (const e of list) yield await Promise.resolve(e);
  return end;
}

describe('following a pipeline run', () => {
  it('exits per RUN_EXIT', () => {
    assert.equal(runExitCode('succeeded'), 0);
    assert.equal(runExitCode('failed'), 1);
    assert.equal(runExitCode('paused'), 3);
    assert.equal(runExitCode('interrupted'), 130);
    assert.equal(RUN_EXIT.paused, 3);
  });

  it('tells how to continue a paused or interrupted run, with the name the user typed', () => {
    assert.equal(
      runEndText({ id: 'run-20261205-160102-3fa9', status: 'interrupted' }, 'kubectl mc'),
      'run run-20261205-160102-3fa9 interrupted\n' +
        'run run-20261205-160102-3fa9 interrupted; continue with: kubectl mc rollout resume run-20261205-160102-3fa9\n',
    );
    assert.equal(
      runEndText({ id: 'run-x', status: 'failed', message: 'stage a: b: c' }, 'kubectl-mc'),
      'run run-x failed: stage a: b: c\n',
    );
  });

  it('without a terminal prints one line per event, then the way on, and no approval is asked', async () => {
    const out = new Sink();
    let approve: unknown = 'unset';
    const end = record({ status: 'paused', stage: 1, message: 'stage promote needs approval' });
    const code = await followRun(
      (a) => {
        approve = a;
        return events(
          [
            { type: 'run-started', run: record(), resumed: false },
            { type: 'approval-needed', stage: 1, name: 'promote', reason: 'manual' },
            { type: 'paused', stage: 1, name: 'promote', message: 'stage promote needs approval' },
            { type: 'run-finished', status: 'paused', message: 'stage promote needs approval' },
          ],
          end,
        );
      },
      { out, input: { isTTY: false } as NodeJS.ReadableStream & { isTTY?: boolean }, env: {} },
    );
    assert.equal(code, 3);
    assert.equal(approve, undefined);
    const lines = out.text.trimEnd().split('\n');
    assert.equal(lines.length, 5);
    assert.match(lines[0]!, /^\d\d:\d\d:\d\d run run-20261205-160102-3fa9 started/);
    assert.match(
      lines[3]!,
      /^\d\d:\d\d:\d\d run run-20261205-160102-3fa9 paused: stage promote needs approval$/,
    );
    assert.match(lines[4]!, /continue with: kubectl[ -]mc rollout resume run-20261205-160102-3fa9$/);
  });

  it('asks for approval only on a terminal', () => {
    assert.equal(approver({ isTTY: false } as NodeJS.ReadableStream & { isTTY?: boolean }), undefined);
    assert.equal(typeof approver({ isTTY: true } as NodeJS.ReadableStream & { isTTY?: boolean }), 'function');
  });
});
