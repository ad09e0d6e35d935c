/**
 * The linter on real-world configurations (issue 21): every file of test/topology/realworld/ alone and
 * each multi-file deployment together, compared finding by finding with realworld.expected.ts, where
 * each expected finding is justified. A new finding or a lost one fails here.
 */
import assert from 'node:assert/strict';
import { actualFindings } from './realworld-cases.js';
import { expected } from './realworld.expected.js';

describe('real-world corpus', () => {
  const actual = actualFindings();

  it('every expectation names a linted file or group', () => {
    const unknown = Object.keys(expected).filter((k) => !(k in actual));
    assert.deepEqual(unknown, []);
  });

  for (const [name, got] of Object.entries(actual)) {
    it(name, () => assert.deepEqual(got, expected[name] ?? [], got.join('\n')));
  }
});
