import assert from 'node:assert/strict';
import { ageSeconds, compareCells } from '../../../src/tui/state/compare.js';

describe('dashboard state: cell order', () => {
  it('compares cells as kubectl users expect', () => {
    assert.equal(ageSeconds('2d3h'), 2 * 86400 + 3 * 3600);
    assert.equal(ageSeconds('Running'), undefined);
    assert.ok(compareCells('9', '10') < 0);
    assert.ok(compareCells('5m', '1h') < 0);
    assert.ok(compareCells('', 'a') > 0);
  });
});
