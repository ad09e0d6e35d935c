import assert from 'node:assert/strict';
import { UsageError } from '@kubectl-mc/core/errors';
import { parseTopSortBy } from '../../src/lib/top.js';

describe('cli/lib/top', () => {
  it('accepts cpu and memory for --sort-by, nothing else (kubectl: a usage error)', () => {
    assert.equal(parseTopSortBy(undefined), undefined);
    assert.equal(parseTopSortBy(''), undefined);
    assert.equal(parseTopSortBy('cpu'), 'cpu');
    assert.equal(parseTopSortBy('memory'), 'memory');
    for (const bad of ['CPU', 'name', '.metadata.name', 'mem']) {
      assert.throws(
        () => parseTopSortBy(bad),
        (e: unknown) => e instanceof UsageError && e.message === '--sort-by accepts only cpu or memory',
      );
    }
  });
});
