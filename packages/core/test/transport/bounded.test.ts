import assert from 'node:assert/strict';
import { ClusterError } from '../../src/errors.js';
import { MemoryBudget } from '../../src/transport/budget.js';
import { JsonShape, parseBounded } from '../../src/transport/json.js';

describe('transport: bounded JSON and the shared memory budget', () => {
  it('counts depth and values across slices, skipping strings and escapes', () => {
    const text = Buffer.from('{"a":[1,2,{"b":"x\\"{[,"}],"c":[[]]}');
    const shape = new JsonShape();
    // scanned in 3-byte slices, as the parser does in 2 MiB ones
    for (let i = 0; i < text.length; i += 3) assert.ok(shape.scan(text, i, Math.min(text.length, i + 3), 10));
    assert.equal(shape.depth, 0);
    // values counted: 5 containers + 3 commas inside `a` and between keys
    assert.ok(shape.values >= 5, String(shape.values));
  });

  it('refuses nesting past the bound without recursion (100,000 levels), keeps __proto__ as data', async () => {
    const deep = Buffer.from('['.repeat(100_000) + ']'.repeat(100_000));
    await assert.rejects(parseBounded(deep, { context: 'c', invalid: 'bad' }), (e: unknown) => {
      assert.ok(e instanceof ClusterError);
      assert.equal(e.kind, 'InvalidResponse');
      assert.match(e.message, /nested deeper than 512 levels/);
      return true;
    });
    const v = await parseBounded<Record<string, unknown>>(Buffer.from('{"__proto__":{"x":1}}'), {
      context: 'c',
      invalid: 'bad',
    });
    assert.ok(Object.hasOwn(v, '__proto__'));
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
  });

  it('a reservation over the shared budget is the cluster InvalidResponse; released, it is free again', () => {
    const budget = new MemoryBudget(1000);
    const a = budget.open('a');
    const b = budget.open('b');
    a.add(600);
    assert.throws(
      () => b.add(500),
      (e: unknown) => {
        assert.ok(e instanceof ClusterError);
        assert.equal(e.context, 'b');
        assert.match(e.message, /does not fit the memory budget of 1000 bytes shared by all clusters/);
        return true;
      },
    );
    assert.equal(budget.used, 600);
    a.release();
    b.add(500);
    assert.equal(budget.used, 500);
  });

  it('a budget too small for a parse refuses it by its value count', async () => {
    const budget = new MemoryBudget(10_000);
    const body = Buffer.from(`[${Array.from({ length: 1000 }, () => '{}').join(',')}]`);
    await assert.rejects(
      parseBounded(body, { context: 'c', invalid: 'bad', reservation: budget.open('c') }),
      /a response of \d+ values does not fit the memory budget/,
    );
  });
});
