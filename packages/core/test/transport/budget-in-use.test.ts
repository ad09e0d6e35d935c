import assert from 'node:assert/strict';
import { ClusterError } from '../../src/errors.js';
import { MemoryBudget, memoryInUse } from '../../src/transport/budget.js';

const MiB = 1024 * 1024;

/** The cluster's `InvalidResponse` for a reservation the budget refused. */
function refused(context: string) {
  return (e: unknown) => {
    assert.ok(e instanceof ClusterError);
    assert.equal(e.kind, 'InvalidResponse');
    assert.equal(e.context, context);
    assert.match(e.message, /does not fit the memory budget of .* shared by all clusters/);
    return true;
  };
}

/**
 * A budget of `limit` whose estimate is full: `limit` bytes reserved in 1 MiB pieces for bodies that are
 * garbage at once. All synchronous: no finalizer can run before the caller's next step, whatever the
 * collector does, as when a loaded machine has not run them yet.
 */
function fullOfGarbage(limit: number): MemoryBudget {
  const budget = new MemoryBudget(limit);
  for (let i = 0; i < Math.floor(limit / MiB); i++) {
    const r = budget.open(`cluster-${i % 20}`);
    r.add(MiB, 'the response', 'allocated');
    r.releaseWhenCollected(Buffer.alloc(16));
  }
  return budget;
}

describe('transport: the memory budget checks the memory really in use before refusing', () => {
  it('dead bodies whose finalizers have not run do not refuse the next page of a healthy fleet', () => {
    // The estimate is full of dead bodies; the process really holds 64 MiB less than the limit…
    const budget = fullOfGarbage(memoryInUse() + 64 * MiB);
    assert.ok(budget.used > budget.limit - MiB, `${budget.used}`);
    // …so a page whose parse (16 MiB) does not fit the estimate but fits what the process holds, with
    // room for twice its cost, passes.
    const page = budget.open('cluster-07');
    page.add(16 * MiB, 'a response of 500 values');
    assert.equal(page.held, 16 * MiB);
    assert.ok(budget.used > budget.limit);
  });

  it('a body really in memory over the limit is still refused (its bytes are in use)', () => {
    const budget = fullOfGarbage(memoryInUse() + 64 * MiB);
    const before = budget.used;
    const body = Buffer.allocUnsafeSlow(80 * MiB).fill(7); // its pages touched: resident
    assert.throws(
      () => budget.open('hostile').add(body.length, 'the response', 'allocated'),
      refused('hostile'),
    );
    assert.equal(budget.used, before);
    assert.equal(body.length, 80 * MiB); // held until here
  });

  it('over the estimate, only what waits for the collector is counted by the memory in use instead', () => {
    let inUse = 500;
    const budget = new MemoryBudget(1000, () => inUse);
    const dead = budget.open('a');
    dead.add(900);
    const kept = Buffer.alloc(16); // alive for the whole test: never finalized here
    dead.releaseWhenCollected(kept);
    // 200 upcoming: over the estimate (1100), but fits without the dead body (200) and in use with
    // room for twice its cost (500 + 400)
    budget.open('b').add(200);
    assert.equal(budget.used, 1100);
    // 300 upcoming: 500 + 2 × 300 in use > 1000, refused; nothing is reserved
    assert.throws(() => budget.open('c').add(300, 'a response of 9 values'), refused('c'));
    assert.equal(budget.used, 1100);
    // 400 bytes already read (in use): 500 in use fits, they pass
    budget.open('c').add(400, 'the response', 'allocated');
    assert.equal(budget.used, 1500);
    // live reservations (600 now) are never discounted: 600 + 500 > 1000 although nothing is in use
    inUse = 0;
    assert.throws(() => budget.open('e').add(500, 'the response', 'allocated'), refused('e'));
    inUse = 1001;
    assert.throws(() => budget.open('d').add(1, 'the response', 'allocated'), refused('d'));
    assert.equal(kept.length, 16);
  });

  it('within the estimate the memory in use is not consulted', () => {
    let asked = 0;
    const budget = new MemoryBudget(1000, () => {
      asked++;
      return 1e12;
    });
    const a = budget.open('a');
    a.add(1000);
    assert.equal(asked, 0);
    const kept = Buffer.alloc(16);
    a.releaseWhenCollected(kept);
    assert.throws(() => budget.open('b').add(1), refused('b'));
    assert.equal(asked, 1);
    assert.equal(kept.length, 16);
  });
});

describe('transport: a process budget counts what the process held before the first response', () => {
  it('the memory in use at the first reservation is paid first: the limit bounds the whole process', () => {
    let inUse = 600;
    const budget = new MemoryBudget(1000, () => inUse, 'at-first-use');
    // 600 held before any response: 300 fit, 200 more do not (600 + 300 + 200 > 1000) while the
    // process really holds that much…
    budget.open('a').add(300, 'the response', 'allocated');
    inUse = 900;
    assert.throws(() => budget.open('b').add(200, 'the response', 'allocated'), refused('b'));
    // …and the base stays what it was at first use: the process growing later is seen as memory in use
    assert.equal(budget.used, 300);
    // a budget bounding only the responses (base 0) takes the same 200
    const responsesOnly = new MemoryBudget(1000, () => inUse);
    responsesOnly.open('a').add(300, 'the response', 'allocated');
    responsesOnly.open('b').add(200, 'the response', 'allocated');
    assert.equal(responsesOnly.used, 500);
  });

  it('a dropped chunk counts until it is collected: the memory in use decides past the estimate', () => {
    let inUse = 0;
    const budget = new MemoryBudget(1000, () => inUse);
    const r = budget.open('a');
    const chunk = Buffer.alloc(16); // alive for the whole test: never finalized here
    r.add(400, 'the response', 'allocated'); // its bytes, copied into the body's buffer
    r.addGarbage(chunk, 400); // the chunk itself, garbage until collected
    assert.equal(budget.used, 800);
    assert.equal(r.held, 400);
    // 300 more: over the estimate; without the garbage it fits, and the process really holds 500
    inUse = 500;
    budget.open('b').add(300, 'the response', 'allocated');
    // the garbage still in memory (in use 1,100): refused
    inUse = 1100;
    assert.throws(() => budget.open('c').add(1, 'the response', 'allocated'), refused('c'));
    assert.equal(chunk.length, 16);
  });
});

describe('transport: each response has a fair share of the budget', () => {
  it('a small answer is not refused because others filled the budget; past its share it is', () => {
    const inUse = 5000; // the process really holds more than the limit (hostile garbage)
    const budget = new MemoryBudget(1000, () => inUse, 0, 100);
    budget.open('hostile').add(1000, 'the response', 'allocated');
    // a healthy cluster's whole answer, within its share: passes (the estimate goes over)
    const healthy = budget.open('healthy');
    healthy.add(60, 'the response', 'allocated');
    healthy.add(40, 'a response of 3 values');
    assert.equal(budget.used, 1100);
    // one byte past its share: refused, as any response
    assert.throws(() => healthy.add(1, 'the response', 'allocated'), refused('healthy'));
    // without a share (the default), the first byte is refused
    const strict = new MemoryBudget(1000, () => inUse);
    strict.open('hostile').add(1000, 'the response', 'allocated');
    assert.throws(() => strict.open('healthy').add(1, 'the response', 'allocated'), refused('healthy'));
  });
});
