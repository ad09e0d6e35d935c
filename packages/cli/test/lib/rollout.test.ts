import assert from 'node:assert/strict';
import { UsageError } from '@kubectl-mc/core/errors';
import type { RolloutStatus } from '@kubectl-mc/core/fleet';
import { parseTarget, planTable, rolloutQuestion } from '../../src/lib/rollout.js';
import { StatusView, statusRows } from '../../src/lib/rollout-status.js';

const status = (over: Partial<RolloutStatus> = {}): RolloutStatus => ({
  message: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
  done: false,
  desired: 3,
  updated: 1,
  ready: 3,
  available: 3,
  condition: 'ReplicaSet "web-abc" is progressing.',
  observed: true,
  ...over,
});

class Sink {
  text = '';
  isTTY: boolean;
  columns = 200;
  constructor(tty: boolean) {
    this.isTTY = tty;
  }
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

describe('rollout CLI helpers', () => {
  it('reads TYPE/NAME and TYPE NAME as kubectl does', () => {
    assert.deepEqual(parseTarget('status', 'deploy/web', undefined), { type: 'deploy', name: 'web' });
    assert.deepEqual(parseTarget('status', 'deployment', 'web'), { type: 'deployment', name: 'web' });
    assert.throws(() => parseTarget('status', undefined, undefined), UsageError);
    assert.throws(() => parseTarget('status', 'deploy', undefined), UsageError);
    assert.throws(() => parseTarget('status', 'deploy/web', 'x'), UsageError);
  });

  it('prints one row per cluster, CLUSTER first, cluster text escaped', () => {
    const rows = new Map([
      ['a\x1b[31m', { state: 'waiting' as const, status: status() }],
      ['b', { state: 'error' as const, note: 'Forbidden' }],
    ]);
    const text = statusRows(['a\x1b[31m', 'b'], rows);
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0]!, /^CLUSTER\s+UPDATED\s+READY\s+AVAILABLE\s+STATE\s+MESSAGE$/);
    assert.match(
      lines[1]!,
      /^a\^\[\[31m\s+1\/3\s+3\/3\s+3\/3\s+waiting\s+ReplicaSet "web-abc" is progressing\.$/,
    );
    assert.match(lines[2]!, /^b\s+-\s+-\s+-\s+error\s+Forbidden$/);
    assert.ok(!text.includes('\x1b'));
  });

  it('without a terminal prints each new kubectl line once, prefixed by its cluster', () => {
    const out = new Sink(false);
    const view = new StatusView(['us-east', 'eu'], out as unknown as NodeJS.WritableStream);
    view.update('us-east', { state: 'waiting', status: status() });
    view.update('us-east', { state: 'waiting', status: status({ ready: 4 }) });
    view.update('eu', {
      state: 'done',
      status: status({ done: true, message: 'deployment "web" successfully rolled out' }),
    });
    assert.equal(
      out.text,
      'us-east | Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n' +
        'eu      | deployment "web" successfully rolled out\n',
    );
  });

  it('on a terminal redraws the table in place', () => {
    const out = new Sink(true);
    const view = new StatusView(['a'], out as unknown as NodeJS.WritableStream);
    view.draw();
    view.update('a', { state: 'done', status: status({ done: true }) });
    const frames = out.text.split('\x1b[2A');
    assert.equal(frames.length, 2, JSON.stringify(out.text));
    assert.match(frames[1]!, /done/);
  });

  it('plans name the change or why nothing changes; the question names the clusters', () => {
    const text = planTable([
      { context: 'a', ref: 'deployment.apps/web', namespace: 'prod', change: 'spec.paused: false → true' },
      { context: 'b', ref: 'deployment.apps/web', namespace: 'prod', note: 'already paused' },
    ]);
    assert.match(text, /^a\s+deployment.apps\/web\s+prod\s+spec.paused: false → true$/m);
    assert.match(text, /^b\s+deployment.apps\/web\s+prod\s+unchanged \(already paused\)$/m);
    assert.equal(
      rolloutQuestion('undo', 'deployment.apps/web', ['a', 'b']),
      'Roll back deployment.apps/web on 2 clusters (a, b)?',
    );
  });
});
