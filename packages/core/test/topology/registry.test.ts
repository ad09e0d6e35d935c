import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintDocuments, rules } from '../../src/topology/index.js';
import type { LintOptions } from '../../src/topology/index.js';
import { fixturesDir, here, repoRoot, show, yamlFiles } from './helpers.js';

/** A fixture folder may carry `lint-options.json` (e.g. `{"contexts": [...]}` for missing-context). */
function optionsOf(dir: string): LintOptions {
  const f = join(dir, 'lint-options.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as LintOptions) : {};
}

describe('topology rule registry', () => {
  it('has unique ids in kebab-case, a severity, a one-line description and a docs path', () => {
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(', ')}`);
    for (const r of rules) {
      assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(['error', 'warning', 'info'].includes(r.severity), r.id);
      assert.ok(r.description.length > 10 && !r.description.includes('\n'), `${r.id}: description`);
      assert.equal(r.docs, `docs/rules/${r.id}.md`);
    }
  });

  it('lists every rule in the docs catalogue', () => {
    const catalogue = readFileSync(join(repoRoot, 'docs', 'rules', 'README.md'), 'utf8');
    for (const r of rules)
      assert.ok(catalogue.includes(`(${r.id}.md)`), `docs/rules/README.md lacks ${r.id}`);
  });

  for (const r of rules) {
    describe(`rule ${r.id}`, () => {
      it('has a docs page with a bad and a good example', () => {
        const page = join(repoRoot, r.docs);
        assert.ok(existsSync(page), `missing ${r.docs}`);
        const text = readFileSync(page, 'utf8');
        assert.ok(text.includes(r.id), `${r.docs} does not name the rule`);
        assert.match(text, /^#+ .*\bbad\b/im, `${r.docs} needs a "Bad" example section`);
        assert.match(text, /^#+ .*\bgood\b/im, `${r.docs} needs a "Good" example section`);
        assert.ok((text.match(/```/g) ?? []).length >= 2, `${r.docs} needs a YAML example`);
      });

      it('has its own test file, test/topology/rules/<id>.test.ts, that runs it', () => {
        const file = join(here, 'rules', `${r.id}.test.ts`);
        assert.ok(existsSync(file), `missing test/topology/rules/${r.id}.test.ts`);
        assert.ok(
          readFileSync(file, 'utf8').includes(`ruleTester('${r.id}'`),
          `test/topology/rules/${r.id}.test.ts does not call ruleTester('${r.id}', …)`,
        );
      });

      it('has good and bad fixtures', () => {
        for (const kind of ['good', 'bad']) {
          const files = yamlFiles(join(fixturesDir, r.id, kind));
          assert.ok(files.length > 0, `missing fixtures/${r.id}/${kind}/*.yaml`);
        }
      });

      it('finds nothing in its good fixtures', () => {
        const dir = join(fixturesDir, r.id, 'good');
        const found = lintDocuments(yamlFiles(dir), optionsOf(dir)).filter((d) => d.rule === r.id);
        assert.deepEqual(found, [], show(found));
      });

      it('finds something in each of its bad fixtures', () => {
        const dir = join(fixturesDir, r.id, 'bad');
        const files = yamlFiles(dir);
        const found = lintDocuments(files, optionsOf(dir)).filter((d) => d.rule === r.id);
        for (const f of files) {
          assert.ok(
            found.some((d) => d.file === f.path),
            `fixtures/${r.id}/bad/${f.path} yields no ${r.id} finding:\n${show(found)}`,
          );
        }
      });

      it('never fails internally on any fixture', () => {
        for (const kind of ['good', 'bad']) {
          const dir = join(fixturesDir, r.id, kind);
          const errs = lintDocuments(yamlFiles(dir), optionsOf(dir)).filter((d) => d.rule === 'rule-error');
          assert.deepEqual(errs, [], show(errs));
        }
      });
    });
  }
});
