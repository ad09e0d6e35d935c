/** When the dashboard reads the pipeline runs: only while `:runs` (or a run) is shown, changes only. */
import assert from 'node:assert/strict';
import { RunsPoller } from '../../src/tui/runs-poller.js';
import { initialState, reducer, type Action, type State } from '../../src/tui/state.js';
import { sampleRuns } from './run-records.js';

function setup() {
  let reads = 0;
  const emitted: Action[] = [];
  const tasks: Promise<unknown>[] = [];
  const poller = new RunsPoller(
    {
      async runs() {
        reads++;
        return sampleRuns();
      },
    },
    (a) => emitted.push(a),
    (p) => tasks.push(p),
    { refreshMs: 5, now: () => 0 },
  );
  return { poller, emitted, tasks, reads: () => reads };
}

const home = (): State => initialState([{ name: 'dev' }]);
const runs = (): State =>
  reducer(home(), {
    type: 'batch',
    actions: [
      { type: 'promptOpen', kind: 'command' },
      { type: 'promptText', text: 'runs' },
      { type: 'promptClose', submit: true },
    ],
  });

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('dashboard runs poller', () => {
  it('reads nothing while the runs are not shown', async () => {
    const t = setup();
    t.poller.sync(home());
    assert.equal(t.tasks.length, 0);
    assert.equal(t.reads(), 0);
  });

  it('reads at once when shown, sorted; a read that changed nothing dispatches nothing', async () => {
    const t = setup();
    t.poller.sync(runs());
    await until(() => t.reads() >= 3, 'three reads');
    assert.equal(t.emitted.length, 1);
    const a = t.emitted[0]!;
    assert.ok(a.type === 'runsLoaded' && a.runs);
    assert.equal(a.runs[0]!.status, 'running');
    t.poller.stop();
    await Promise.all(t.tasks);
  });

  it('stops reading when the view goes (its loop ends)', async () => {
    const t = setup();
    t.poller.sync(runs());
    await until(() => t.reads() >= 1, 'a read');
    t.poller.sync(home());
    await Promise.all(t.tasks);
    const after = t.reads();
    t.poller.sync(home());
    assert.equal(t.reads(), after);
    assert.equal(t.tasks.length, 1);
  });

  it('stopped while a read is in flight, ends at once instead of after its period', async () => {
    let release: (() => void) | undefined;
    const tasks: Promise<unknown>[] = [];
    const poller = new RunsPoller(
      { runs: () => new Promise((r) => (release = () => r(sampleRuns()))) },
      () => undefined,
      (p) => tasks.push(p),
      { refreshMs: 3_600_000, now: () => 0 },
    );
    poller.sync(runs());
    await until(() => release !== undefined, 'the read');
    poller.stop();
    release!();
    await Promise.all(tasks); // an hour's period would time this test out
  });
});
