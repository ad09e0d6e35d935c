import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeTerminal, escapeJsonText, isTerminalSafe } from '../../src/util/escape.js';

describe('util: escapeTerminal', () => {
  it('turns ESC into ^[ so CSI and OSC sequences print as inert text', () => {
    assert.equal(escapeTerminal('\x1b[31mred\x1b[0m'), '^[[31mred^[[0m');
    assert.equal(escapeTerminal('\x1b]0;pwned\x07'), '^[]0;pwned^G');
  });

  it('spells \\r, \\n and \\t out so they cannot rewrite or break a line', () => {
    assert.equal(escapeTerminal('ok\rEVIL'), 'ok\\rEVIL');
    assert.equal(escapeTerminal('a\nb\tc'), 'a\\nb\\tc');
  });

  it('escapes other C0 controls and DEL in caret notation', () => {
    assert.equal(escapeTerminal('\x00\x07\x7f'), '^@^G^?');
  });

  it('escapes C1 controls (8-bit CSI/OSC) and bidi overrides as \\u escapes', () => {
    assert.equal(escapeTerminal('\x9b31m'), '\\u009b31m');
    assert.equal(escapeTerminal('\x9d0;t'), '\\u009d0;t');
    assert.equal(escapeTerminal('abc\u202edcba'), 'abc\\u202edcba');
    assert.equal(escapeTerminal('\u2066x\u2069'), '\\u2066x\\u2069');
  });

  it('leaves ordinary text, including non-ASCII, unchanged', () => {
    assert.equal(escapeTerminal('nginx-7c5ddbdf54-x2 Ünïcødé 日本 ✓'), 'nginx-7c5ddbdf54-x2 Ünïcødé 日本 ✓');
  });

  it('never leaves a control or bidi character in its output (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeTerminal(s);
        assert.ok(isTerminalSafe(out), JSON.stringify(out));
      }),
      { numRuns: 300 },
    );
  });

  it('escapeJsonText keeps JSON valid and equal while escaping C1/bidi', () => {
    const value = { a: 'x\u202ey\x9bz', b: '\x1b[2J' };
    const text = escapeJsonText(JSON.stringify(value));
    assert.ok(isTerminalSafe(text.replace(/\n/g, '')));
    assert.deepEqual(JSON.parse(text), value);
  });
});
