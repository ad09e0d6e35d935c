import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { writeOut } from '../../src/lib/stdout.js';

describe('cli: a large output is written as fast as its reader takes it', () => {
  it('the next chunk is made only once the queue of a slow reader drains, and all arrive in order', async () => {
    const taken: string[] = [];
    const pending: Array<() => void> = [];
    // a reader that takes one chunk whenever the test lets it
    const out = new Writable({
      highWaterMark: 4,
      write(chunk: Buffer, _enc, done) {
        taken.push(chunk.toString());
        pending.push(done);
      },
    });
    let made = 0;
    function* chunks(): Generator<string> {
      for (let i = 0; i < 5; i++) {
        made++;
        yield `chunk-${i};`;
      }
    }
    const writing = writeOut(chunks(), out);
    await new Promise((r) => setImmediate(r));
    // the first chunk fills the queue: the second is not made while the reader has not taken it
    assert.equal(made, 1);
    for (let i = 0; i < 5; i++) {
      while (pending.length === 0) await new Promise((r) => setImmediate(r));
      pending.shift()?.();
      await new Promise((r) => setImmediate(r));
      assert.ok(made <= i + 2, `${made} chunks made after ${i + 1} taken`);
    }
    await writing;
    assert.equal(taken.join(''), 'chunk-0;chunk-1;chunk-2;chunk-3;chunk-4;');
  });
});
