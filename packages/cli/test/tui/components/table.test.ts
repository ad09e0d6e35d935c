import assert from 'node:assert/strict';
import { fitColumns, statusColor } from '../../../src/tui/components/Table.js';

describe('dashboard layout', () => {
  it('fits columns into the width, shrinking the widest first', () => {
    const { widths, gap } = fitColumns(['NAME', 'STATUS'], [['a-very-long-pod-name-indeed', 'Running']], 20);
    assert.equal(gap, 1);
    assert.ok(widths[0]! + widths[1]! + gap <= 20);
    assert.equal(widths[1], 7);
  });

  it('colours status only', () => {
    assert.equal(statusColor('STATUS', 'Running'), 'green');
    assert.equal(statusColor('STATUS', 'CrashLoopBackOff'), 'red');
    assert.equal(statusColor('STATUS', 'unreachable'), 'red');
    assert.equal(statusColor('NAME', 'Running'), undefined);
  });
});
