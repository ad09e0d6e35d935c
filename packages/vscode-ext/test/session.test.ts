import assert from 'node:assert/strict';
import { lintDocuments } from '@kubectl-mc/core';
import { LintSession, debounce } from '../src/diagnostics/session.js';

const topology = (names: string[]) =>
  `topology:\n  clusters:\n${names.map((n) => `    - name: ${n}\n      region: us-east\n`).join('')}`;

describe('diagnostics/session', () => {
  it('lints every file together, so a cluster declared in two files is found in the second', () => {
    const s = new LintSession(lintDocuments);
    s.set('/w/a.yaml', topology(['prod-1']));
    s.set('/w/b.yaml', topology(['prod-1']));
    const out = s.run();
    assert.equal(out.files, 2);
    const b = out.byFile.get('/w/b.yaml') ?? [];
    const dup = b.find((d) => d.rule === 'duplicate-cluster');
    assert.ok(dup, `expected duplicate-cluster in b.yaml, got ${JSON.stringify([...out.byFile])}`);
    assert.equal(dup.related[0]?.file, '/w/a.yaml');
  });

  it('reports the files whose diagnostics went away after one file changed', () => {
    const s = new LintSession(lintDocuments);
    s.set('/w/a.yaml', topology(['prod-1']));
    s.set('/w/b.yaml', topology(['prod-1']));
    const first = s.run();
    assert.ok(first.byFile.get('/w/b.yaml')?.some((d) => d.rule === 'duplicate-cluster'));
    assert.equal(s.set('/w/b.yaml', topology(['prod-2'])), true);
    const second = s.run();
    assert.equal(second.byFile.get('/w/b.yaml')?.some((d) => d.rule === 'duplicate-cluster') ?? false, false);
    if (!second.byFile.has('/w/b.yaml')) assert.deepEqual(second.cleared, ['/w/b.yaml']);
  });

  it('does not count an unchanged text as a change, and forgets deleted files', () => {
    const s = new LintSession(() => []);
    assert.equal(s.set('/w/a.yaml', 'a: 1'), true);
    assert.equal(s.set('/w/a.yaml', 'a: 1'), false);
    assert.equal(s.delete('/w/a.yaml'), true);
    assert.equal(s.size, 0);
    assert.equal(s.run().files, 0);
  });

  it('debounce runs once with the last arguments', async () => {
    const calls: number[] = [];
    const d = debounce((n: number) => calls.push(n), 5);
    d(1);
    d(2);
    d(3);
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(calls, [3]);
    d(4);
    d.cancel();
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(calls, [3]);
  });
});
