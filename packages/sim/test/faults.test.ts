import assert from 'node:assert/strict';
import { parseFault, parseDuration } from '../src/index.js';

describe('parseFault', () => {
  it('parses every single fault', () => {
    assert.deepEqual(parseFault('latency:300ms'), { latencyMs: 300 });
    assert.deepEqual(parseFault('latency:1.5s'), { latencyMs: 1500 });
    assert.deepEqual(parseFault('down'), { down: true });
    assert.deepEqual(parseFault('hang'), { hang: true });
    assert.deepEqual(parseFault('stall-body'), { stallBody: true });
    assert.deepEqual(parseFault('error:503'), { errorStatus: 503 });
    assert.deepEqual(parseFault('throttle'), { throttle: true });
    assert.deepEqual(parseFault('garbage'), { garbage: true });
    assert.deepEqual(parseFault('bad-cert'), { badCert: true });
    assert.deepEqual(parseFault('forbid'), { forbid: true });
    assert.deepEqual(parseFault('unauthorized'), { unauthorized: true });
    assert.deepEqual(parseFault('drop-watch:3s'), { dropWatchMs: 3000 });
    assert.deepEqual(parseFault('huge-body'), { hugeBody: true });
  });

  it('combines faults with +', () => {
    assert.deepEqual(parseFault('latency:50ms+drop-watch:2s'), { latencyMs: 50, dropWatchMs: 2000 });
  });

  it('rejects unknown faults, naming the known ones', () => {
    assert.throws(() => parseFault('slow'), /unknown fault "slow".*latency:<duration>/);
  });

  it('rejects bad arguments with a clear message', () => {
    assert.throws(() => parseFault('latency'), /needs a duration/);
    assert.throws(() => parseFault('latency:fast'), /invalid duration "fast"/);
    assert.throws(() => parseFault('error:abc'), /HTTP error status 400-599/);
    assert.throws(() => parseFault('error:200'), /HTTP error status 400-599/);
    assert.throws(() => parseFault('down:5s'), /takes no argument/);
    assert.throws(() => parseFault(''), /empty fault spec/);
  });

  it('parses durations in ms, s and m', () => {
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('2s'), 2000);
    assert.equal(parseDuration('1m'), 60_000);
    assert.throws(() => parseDuration('2h'), /invalid duration/);
  });
});
