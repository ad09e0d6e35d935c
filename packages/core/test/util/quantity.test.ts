import assert from 'node:assert/strict';
import { milliValue, parseQuantity, quantityValue, addQuantities } from '../../src/util/quantity.js';

const q = (s: string) => {
  const v = parseQuantity(s);
  assert.ok(v, `parses ${s}`);
  return v;
};

describe('util/quantity', () => {
  it('reads every suffix exactly', () => {
    assert.equal(milliValue(q('250m')), 250n);
    assert.equal(milliValue(q('1')), 1000n);
    assert.equal(milliValue(q('1.5')), 1500n);
    assert.equal(milliValue(q('.5')), 500n);
    assert.equal(quantityValue(q('64Mi')), 64n * 1024n * 1024n);
    assert.equal(quantityValue(q('31712272Ki')), 31712272n * 1024n);
    assert.equal(quantityValue(q('1.5Gi')), 1610612736n);
    assert.equal(quantityValue(q('2k')), 2000n);
    assert.equal(quantityValue(q('3M')), 3000000n);
    assert.equal(quantityValue(q('1e3')), 1000n);
    assert.equal(milliValue(q('1E-3')), 1n);
    assert.equal(milliValue(q('500u')), 1n);
  });

  it('rounds up as MilliValue() and Value() do', () => {
    assert.equal(milliValue(q('257060408n')), 258n);
    assert.equal(milliValue(q('257000000n')), 257n);
    assert.equal(milliValue(q('1n')), 1n);
    assert.equal(milliValue(q('0')), 0n);
    assert.equal(quantityValue(q('1500m')), 2n);
    assert.equal(quantityValue(q('-1500m')), -1n);
  });

  it('adds exactly (sums round once, not per term)', () => {
    const sum = addQuantities(q('1000001n'), q('1000001n'));
    assert.equal(milliValue(sum), 3n);
    assert.equal(milliValue(q('1000001n')) * 2n, 4n);
  });

  it('refuses what is not a quantity', () => {
    for (const s of ['', 'abc', '1Zi', '1.2.3', 'm', '1e99999', '9'.repeat(70), '--1']) {
      assert.equal(parseQuantity(s), undefined, s);
    }
  });
});
