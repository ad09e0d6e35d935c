import assert from 'node:assert/strict';
import { linePrinter } from '../../src/lib/foreach-output.js';

const tty = { isTTY: true, write: () => true };
const pipe = { isTTY: false, write: () => true };

describe('foreach line printer', () => {
  it('pads the cluster to the longest selected name', () => {
    const p = linePrinter(['a', 'us-east-prod'], pipe, {});
    assert.equal(p.format('a', 'NAME   STATUS'), 'a            | NAME   STATUS\n');
    assert.equal(p.format('us-east-prod', 'x'), 'us-east-prod | x\n');
    assert.equal(p.format('a', ''), 'a            |\n');
  });

  it('escapes control characters before a terminal, keeps tabs, passes raw text to a pipe', () => {
    const evil = 'ok\x1b]0;pwned\x07\tnext\u202e';
    assert.equal(
      linePrinter(['c'], tty, { NO_COLOR: '1' }).format('c', evil),
      'c | ok^[]0;pwned^G\tnext\\u202e\n',
    );
    assert.equal(linePrinter(['c'], pipe, {}).format('c', evil), `c | ${evil}\n`);
  });

  it('one colour per cluster on a terminal, none with NO_COLOR or to a pipe', () => {
    const p = linePrinter(['a', 'b'], tty, { TERM: 'xterm' });
    const a = p.format('a', 'x');
    const b = p.format('b', 'x');
    assert.match(a, new RegExp(String.raw`^\x1b\[\d+ma\x1b\[39m \| x\n$`));
    assert.notEqual(a.slice(0, 5), b.slice(0, 5));
    assert.equal(linePrinter(['a'], tty, { NO_COLOR: '1' }).format('a', 'x'), 'a | x\n');
    assert.equal(linePrinter(['a'], pipe, { TERM: 'xterm' }).format('a', 'x'), 'a | x\n');
  });

  it('escapes a context name that holds control characters', () => {
    assert.equal(linePrinter(['x\x1b'], pipe, {}).format('x\x1b', 'y'), 'x^[ | y\n');
  });
});
