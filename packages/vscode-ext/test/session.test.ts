import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('forgets every file below a deleted directory, and only those', () => {
    const s = new LintSession(() => []);
    for (const p of ['/w/a/x.yaml', '/w/a/b/y.yaml', '/w/ab.yaml', '/w/a.yaml']) s.set(p, 'a: 1');
    assert.deepEqual(s.deleteUnder('/w/a').sort(), ['/w/a/b/y.yaml', '/w/a/x.yaml']);
    assert.deepEqual(s.paths().sort(), ['/w/a.yaml', '/w/ab.yaml']);
  });

  it('takes bytes and strings; the same bytes again are no change', () => {
    const s = new LintSession(() => []);
    const bytes = new TextEncoder().encode('a: 1\n');
    assert.equal(s.set('/w/a.yaml', bytes), true);
    assert.equal(s.set('/w/a.yaml', new TextEncoder().encode('a: 1\n')), false);
    assert.equal(s.set('/w/a.yaml', 'a: 1\n'), true);
    assert.deepEqual(s.texts(), [{ path: '/w/a.yaml', text: 'a: 1\n' }]);
  });

  describe('on a workspace folder', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'kmc-session-'));
      mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
      mkdirSync(join(root, 'sub'));
      writeFileSync(join(root, 'a.yaml'), topology(['prod-1']));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('accepts the files the CLI walk takes, and the include/exclude filter narrows them', async () => {
      const s = new LintSession();
      await s.load({ folders: [root], filter: (f) => !f.endsWith('skip.yaml') });
      assert.deepEqual(s.paths(), [join(root, 'a.yaml')]);
      assert.equal(await s.accepts(join(root, 'sub', 'new.yml')), true);
      assert.equal(await s.accepts(join(root, 'node_modules', 'x', 'new.yaml')), false);
      assert.equal(await s.accepts(join(root, 'notes.txt')), false);
      assert.equal(await s.accepts(join(root, 'sub', 'skip.yaml')), false);
      assert.equal(await s.accepts(join(tmpdir(), 'outside.yaml')), false);
      assert.equal(await s.walksInto(join(root, 'sub')), true);
      assert.equal(await s.walksInto(join(root, 'node_modules', 'x')), false);
      assert.equal(s.isConfigFile(join(root, '.kubectl-mc.yaml')), true);
      assert.equal(s.isConfigFile(join(root, 'a.yaml')), false);
    });

    it('follows a .kubectl-mc.yaml created, edited in the editor, and deleted', async () => {
      const s = new LintSession();
      await s.load({ folders: [root] });
      const rulesOf = () => [...s.run().byFile.values()].flat().map((d) => `${d.rule}:${d.severity}`);
      assert.deepEqual(rulesOf(), []);
      const config = join(root, '.kubectl-mc.yaml');
      writeFileSync(config, 'rules: {duplicate-cluster: warning}\n');
      s.set(join(root, 'b.yaml'), topology(['prod-1']));
      await s.reloadConfig();
      assert.equal(s.config.configFile, config);
      assert.deepEqual(rulesOf(), ['duplicate-cluster:1']);
      await s.reloadConfig({
        textOf: (f) => (f === config ? 'rules: {duplicate-cluster: off}\n' : undefined),
      });
      assert.deepEqual(rulesOf(), []);
      rmSync(config);
      await s.reloadConfig();
      assert.equal(s.config.configFile, undefined);
      assert.deepEqual(rulesOf(), ['duplicate-cluster:0']);
    });

    it('keeps what it has when a newer load superseded this one', async () => {
      const s = new LintSession();
      await s.load({ folders: [root] });
      writeFileSync(join(root, 'b.yaml'), topology(['prod-2']));
      const out = await s.load({ folders: [root], stillWanted: () => false });
      assert.equal(out.applied, false);
      assert.deepEqual(s.paths(), [join(root, 'a.yaml')]);
    });
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
