import assert from 'node:assert/strict';
import { parseSortBy, valueAt, sortByPath, compareSortValues } from '../../src/render/index.js';
import { UsageError } from '../../src/errors.js';

describe('render: --sort-by JSONPath', () => {
  it('parses kubectl forms', () => {
    assert.deepEqual(parseSortBy('{.metadata.name}'), ['metadata', 'name']);
    assert.deepEqual(parseSortBy('.status.phase'), ['status', 'phase']);
    assert.deepEqual(parseSortBy('{.status.containerStatuses[0].restartCount}'), [
      'status',
      'containerStatuses',
      0,
      'restartCount',
    ]);
    assert.deepEqual(parseSortBy('{.metadata.labels.app\\.kubernetes\\.io/name}'), [
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
    assert.deepEqual(parseSortBy("{.metadata.annotations['a.b/c']}"), ['metadata', 'annotations', 'a.b/c']);
  });

  it('refuses what it cannot evaluate with a UsageError', () => {
    assert.throws(() => parseSortBy('{.items[?(@.x)]}'), UsageError);
    assert.throws(() => parseSortBy('{.a..b}'), UsageError);
  });

  it('reads values, undefined when absent', () => {
    const o = { a: { b: [{ c: 3 }] } };
    assert.equal(valueAt(o, ['a', 'b', 0, 'c']), 3);
    assert.equal(valueAt(o, ['a', 'x', 'y']), undefined);
  });

  it('sorts numbers numerically, quantities by amount, missing first, stably', () => {
    const items = [{ n: 'a', v: 10 }, { n: 'b', v: 9 }, { n: 'c' }, { n: 'd', v: 9 }];
    assert.deepEqual(
      sortByPath(items, ['v'], (x) => x).map((x) => x.n),
      ['c', 'b', 'd', 'a'],
    );
    assert.ok(compareSortValues('500m', '2') < 0);
    assert.ok(compareSortValues('1Gi', '900Mi') > 0);
    assert.ok(compareSortValues('2024-01-02T00:00:00Z', '2024-01-10T00:00:00Z') < 0);
  });
});
