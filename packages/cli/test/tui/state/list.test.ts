import assert from 'node:assert/strict';
import { visibleRows, rowCells } from '../../../src/tui/state/views.js';
import { fleet, run, podsFrame } from './fixtures.js';

describe('dashboard state: sort', () => {
  it('cycles the sort column, sorting ages as durations', () => {
    let s = run(fleet(), { type: 'openResource', resource: 'pods' });
    const ages = () => visibleRows(s, podsFrame(s)).map((r) => rowCells(r, true)[6]);
    for (let i = 0; i < 7; i++) s = run(s, { type: 'cycleSort' }); // CLUSTER, NAMESPACE, Name, Ready, Status, Restarts, Age
    assert.equal(podsFrame(s).sort, 6);
    assert.deepEqual(ages(), ['30s', '3m', '10m', '2h', '1d']);
    s = run(s, { type: 'cycleSort' });
    assert.equal(podsFrame(s).sort, -1, 'after the last column the natural order returns');
  });
});
