/**
 * The linter on real-world configurations (issue 21): every file of test/topology/realworld/ alone and
 * each multi-file deployment together, compared finding by finding with realworld.expected.ts, where
 * each expected finding is justified. A new finding or a lost one fails here.
 */
import assert from 'node:assert/strict';
import { actualFindings } from './realworld-cases.js';
import { expected } from './realworld.expected.js';

describe('real-world corpus', () => {
  // The YAML library reports some oddities (a mapping as a key) with process.emitWarning, which
  // prints on stderr; the linter must keep them to itself.
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  const actual = actualFindings();

  it('writes nothing to stderr (no library warning leaks)', async () => {
    await new Promise((r) => setImmediate(r)); // warnings are emitted on a later tick
    process.off('warning', onWarning);
    assert.deepEqual(warnings, []);
  });

  it('every expectation names a linted file or group', () => {
    const unknown = Object.keys(expected).filter((k) => !(k in actual));
    assert.deepEqual(unknown, []);
  });

  for (const [name, got] of Object.entries(actual)) {
    it(name, () => assert.deepEqual(got, expected[name] ?? [], got.join('\n')));
  }
});
