/** The `:runs` view's state: opening it, the runs read into it, moving, Enter on a run and Esc. */
import assert from 'node:assert/strict';
import { handleKey } from '../../../src/tui/keys.js';
import { runView, sortRuns } from '../../../src/tui/runs.js';
import { initialState, reducer, top, type Action, type State } from '../../../src/tui/state.js';
import { sampleRuns } from '../run-records.js';

const views = () => sortRuns(sampleRuns().map(runView));

function keys(s: State, ...input: string[]): State {
  for (const i of input) {
    const k = i === '\r' ? { return: true } : i === '\u001b' ? { escape: true } : {};
    for (const a of handleKey(s, i === '\r' || i === '\u001b' ? '' : i, k).actions) s = reducer(s, a);
  }
  return s;
}

const loaded = (s: State, list = views(), at = 1): State =>
  reducer(s, { type: 'runsLoaded', at, runs: list });

describe('dashboard state: :runs', () => {
  it(':runs replaces the shown view, over the clusters view, and waits for a fresh read', () => {
    let s = loaded(initialState([{ name: 'dev' }]));
    s = keys(s, ':', 'p', 'o', '\r', ':', 'r', 'u', 'n', 's', '\r');
    assert.deepEqual(
      s.stack.map((f) => f.kind),
      ['clusters', 'runs'],
    );
    assert.equal(s.runs, undefined);
  });

  it('Enter opens the selected run, Esc goes back to the list', () => {
    let s = loaded(keys(initialState([{ name: 'dev' }]), ':', 'r', 'u', 'n', 's', '\r'));
    s = keys(s, 'j', '\r');
    const f = top(s);
    assert.ok(f.kind === 'run');
    assert.equal(f.id, 'run-20261205-153000-cccc');
    s = keys(s, '\u001b');
    assert.equal(top(s).kind, 'runs');
  });

  it('keeps the selection on its run when the order changes, and in range when runs go', () => {
    let s = loaded(keys(initialState([{ name: 'dev' }]), ':', 'r', 'u', 'n', 's', '\r'));
    s = keys(s, 'G');
    const selected = () => (top(s) as { selected: number }).selected;
    assert.equal(selected(), 2);
    const reordered = [...views()].reverse();
    s = loaded(s, reordered, 2);
    assert.equal(reordered[selected()]!.id, 'run-20261205-150000-aaaa');
    assert.equal(selected(), 0);
    s = keys(s, 'G');
    s = loaded(s, views().slice(0, 1), 3);
    assert.equal(selected(), 0);
  });

  it('a failed read keeps the last list and says why', () => {
    let s = loaded(keys(initialState([{ name: 'dev' }]), ':', 'r', 'u', 'n', 's', '\r'));
    const error: Action = { type: 'runsLoaded', at: 2, error: 'cannot read the runs: EACCES' };
    s = reducer(s, error);
    assert.equal(s.runs?.list.length, 3);
    assert.equal(s.runs?.error, 'cannot read the runs: EACCES');
    s = loaded(s);
    assert.equal(s.runs?.error, undefined);
  });
});
