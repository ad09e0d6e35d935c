import assert from 'node:assert/strict';
import { valueText } from '../../src/util/text.js';

describe('util: valueText', () => {
  it('keeps strings, spells numbers and booleans as String does, and null or undefined as empty', () => {
    assert.equal(valueText('nginx'), 'nginx');
    assert.equal(valueText(''), '');
    assert.equal(valueText(3), '3');
    assert.equal(valueText(1.5), '1.5');
    assert.equal(valueText(false), 'false');
    assert.equal(valueText(10n), '10');
    assert.equal(valueText(null), '');
    assert.equal(valueText(undefined), '');
  });

  it('spells objects and arrays as JSON, never [object Object]', () => {
    assert.equal(valueText({ a: 1, b: ['x'] }), '{"a":1,"b":["x"]}');
    assert.equal(valueText([1, 'two']), '[1,"two"]');
  });

  it('a value that contains itself (a YAML alias inside its own node) is a placeholder, not a throw', () => {
    const map: Record<string, unknown> = {};
    map['self'] = map;
    const seq: unknown[] = [];
    seq.push(seq);
    assert.equal(valueText(map), '{…}');
    assert.equal(valueText(seq), '[…]');
  });
});
