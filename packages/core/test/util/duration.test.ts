import assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '../../src/util/duration.js';
import { UsageError } from '../../src/errors.js';

describe('parseDuration / formatDuration (kubectl --request-timeout)', () => {
  const cases: [string, number][] = [
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['2h', 7_200_000],
    ['0', 0],
    ['5', 5000],
    ['1.5s', 1500],
    ['0s', 0],
    ['1h2m3s', 3_723_000],
    ['1ns', 1],
  ];
  for (const [input, ms] of cases) {
    it(`${input} → ${ms} ms`, () => assert.equal(parseDuration(input), ms));
  }
  for (const bad of ['', 'abc', '-5s', '10x', '1m30', 's', '1.2.3s', '5 s']) {
    it(`rejects ${JSON.stringify(bad)} with a UsageError`, () => {
      assert.throws(() => parseDuration(bad), UsageError);
    });
  }
  it('formats for messages', () => {
    assert.equal(formatDuration(10_000), '10s');
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(500), '500ms');
    assert.equal(formatDuration(7_200_000), '2h');
    assert.equal(formatDuration(1500), '1.5s');
    assert.equal(formatDuration(3_605_000), '1h0m5s');
    assert.equal(formatDuration(3_660_000), '1h1m');
  });
  it('round-trips', () => {
    for (const ms of [1, 999, 1000, 61_000, 3_600_000, 3_723_000])
      assert.equal(parseDuration(formatDuration(ms)), ms);
  });
});
