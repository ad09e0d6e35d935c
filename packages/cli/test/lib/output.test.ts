import assert from 'node:assert/strict';
import { colorEnabled, colorizer, isTTY, Progress } from '../../src/lib/output.js';

function fakeStream(tty: boolean) {
  const chunks: string[] = [];
  return { isTTY: tty, columns: 40, chunks, write: (s: string) => (chunks.push(s), true) };
}

describe('cli/lib output', () => {
  it('colour only on a TTY, never with NO_COLOR or TERM=dumb', () => {
    assert.equal(colorEnabled(fakeStream(true), {}), true);
    assert.equal(colorEnabled(fakeStream(false), {}), false);
    assert.equal(colorEnabled(fakeStream(true), { NO_COLOR: '1' }), false);
    assert.equal(colorEnabled(fakeStream(true), { TERM: 'dumb' }), false);
    assert.equal(colorizer(fakeStream(false), {})('red', 'x'), 'x');
    assert.equal(colorizer(fakeStream(true), {})('red', 'x'), '\x1b[31mx\x1b[39m');
    assert.equal(isTTY(fakeStream(true)), true);
  });

  it('Progress redraws one line and erases it on a TTY', () => {
    const s = fakeStream(true);
    const p = new Progress(s);
    p.update('waiting for 3/20 clusters…');
    p.update('waiting for 2/20 clusters…');
    p.clear();
    assert.deepEqual(s.chunks, [
      '\r\x1b[2Kwaiting for 3/20 clusters…',
      '\r\x1b[2Kwaiting for 2/20 clusters…',
      '\r\x1b[2K',
    ]);
  });

  it('Progress prints nothing at all when stderr is not a TTY', () => {
    const s = fakeStream(false);
    const p = new Progress(s);
    p.update('waiting…');
    p.clear();
    assert.deepEqual(s.chunks, []);
  });
});
