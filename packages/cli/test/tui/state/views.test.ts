import assert from 'node:assert/strict';
import { visibleClusters, visibleRows, rowCells } from '../../../src/tui/state/views.js';
import { fleet, run, podsFrame } from './fixtures.js';

describe('dashboard state: list views', () => {
  it('shows a failing cluster in place with its typed error, not hiding the others', () => {
    const rows = visibleClusters(fleet());
    assert.deepEqual(
      rows.map((r) => [r.cells[0], r.cells[3]]),
      [
        ['us-east', 'ok'],
        ['eu-west', 'ok'],
        ['dev', 'unreachable'],
      ],
    );
    assert.equal(rows[0]!.cells[1], 'us-east-1');
    assert.equal(rows[1]!.cells[6], '2/3');
    assert.equal(rows[0]!.cells[7], '1/1/0/1');
  });

  it('lists a resource across clusters with CLUSTER first', () => {
    const s = run(fleet(), { type: 'openResource', resource: 'po' });
    const f = podsFrame(s);
    assert.equal(f.resource, 'pods');
    const rows = visibleRows(s, f);
    assert.equal(rows.length, 5);
    assert.deepEqual(rowCells(rows[0]!, true), ['us-east', 'shop', 'payment-1', '1/1', 'Running', '0', '2h']);
  });
});
