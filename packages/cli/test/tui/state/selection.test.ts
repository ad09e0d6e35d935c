import assert from 'node:assert/strict';
import { initialState } from '../../../src/tui/state.js';
import { POD_COLUMNS, pod, run, podsFrame } from './fixtures.js';

describe('dashboard state: selection', () => {
  it('keeps the selection inside the rows and the scroll window around it', () => {
    let s = initialState([{ name: 'a' }], 3);
    s = run(s, {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'a',
      columns: POD_COLUMNS,
      rows: Array.from({ length: 10 }, (_, i) => pod('ns', `p${i}`, 'Running')),
    });
    s = run(s, { type: 'openResource', resource: 'pods' }, { type: 'move', delta: 4 });
    assert.deepEqual([podsFrame(s).selected, podsFrame(s).scroll], [4, 2]);
    s = run(s, { type: 'moveTo', index: 'last' });
    assert.deepEqual([podsFrame(s).selected, podsFrame(s).scroll], [9, 7]);
    s = run(s, { type: 'rowDelete', resource: 'pods', cluster: 'a', key: 'ns/p9' });
    assert.equal(podsFrame(s).selected, 8);
    s = run(s, { type: 'moveTo', index: 'first' }, { type: 'move', delta: -5 });
    assert.deepEqual([podsFrame(s).selected, podsFrame(s).scroll], [0, 0]);
  });
});
