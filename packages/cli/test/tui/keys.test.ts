import assert from 'node:assert/strict';
import { handleKey } from '../../src/tui/keys.js';
import { initialState, reducer, top, visibleRows, type State } from '../../src/tui/state.js';
import { fleet, pod, podsFrame, POD_COLUMNS, run } from './state/fixtures.js';

describe('dashboard keys', () => {
  function press(s: State, input: string, key: Parameters<typeof handleKey>[2] = {}): State {
    return handleKey(s, input, key).actions.reduce(reducer, s);
  }

  it('maps the k9s keys', () => {
    let s = fleet();
    s = press(s, 'j');
    assert.equal((top(s) as { selected: number }).selected, 1);
    s = press(s, '', { upArrow: true });
    assert.equal((top(s) as { selected: number }).selected, 0);
    s = press(s, 'G');
    assert.equal((top(s) as { selected: number }).selected, 2);
    s = press(s, 'g');
    assert.equal((top(s) as { selected: number }).selected, 0);
    s = press(s, '?');
    assert.equal(top(s).kind, 'help');
    s = press(s, '', { escape: true });
    assert.equal(top(s).kind, 'clusters');
    assert.equal(handleKey(s, 'r', {}).refresh, true);
    assert.equal(handleKey(s, 'q', {}).quit, true);
    assert.equal(handleKey(s, 'c', { ctrl: true }).quit, true);
  });

  it('types into the prompt: letters are text, not commands, and backspace edits', () => {
    let s = press(fleet(), ':');
    for (const ch of 'podsq') s = press(s, ch);
    assert.equal(s.prompt?.text, 'podsq');
    assert.equal(s.quitting, false);
    s = press(s, '', { backspace: true });
    s = press(s, '', { return: true });
    assert.equal(podsFrame(s).resource, 'pods');
    s = press(s, '/');
    for (const ch of 'batch') s = press(s, ch);
    assert.deepEqual(
      visibleRows(s, podsFrame(s)).map((r) => r.name),
      ['batch-1'],
    );
    s = press(s, '', { escape: true });
    assert.equal(podsFrame(s).filter, '', 'Esc in the filter prompt clears it');
  });

  it('PgDn moves by a page', () => {
    let s = initialState([{ name: 'a' }], 5);
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'a',
      columns: POD_COLUMNS,
      rows: Array.from({ length: 20 }, (_, i) => pod('ns', `p${i}`, 'Running')),
    });
    s = run(s, { type: 'openResource', resource: 'pods' });
    s = press(s, '', { pageDown: true });
    assert.equal(podsFrame(s).selected, 4);
    s = press(s, '', { pageUp: true });
    assert.equal(podsFrame(s).selected, 0);
  });
});
