/**
 * Order independence: every rule gives the same findings whatever order the files come in (a CLI's
 * argument order, an editor's read-completion order). `lintDocuments` itself does not sort its input,
 * so these tests prove the rules, not a sort in front of them.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { compareDiagnostics, lintDocuments, rules, suggest } from '../../src/topology/index.js';
import type { Diagnostic, LintFile, LintOptions } from '../../src/topology/index.js';
import { fixturesDir, seedDir, show, yamlFiles } from './helpers.js';

function optionsOf(dir: string): LintOptions {
  const f = join(dir, 'lint-options.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as LintOptions) : {};
}

/**
 * Each document of a multi-document file as a file of its own (`a.yaml#1`), the other documents' lines
 * left blank so every line keeps its number: single-file fixtures then have several files to reorder.
 */
function splitDocuments(files: readonly LintFile[]): LintFile[] {
  const out: LintFile[] = [];
  for (const f of files) {
    const lines = (typeof f.text === 'string' ? f.text : new TextDecoder().decode(f.text)).split('\n');
    const starts = [0, ...lines.flatMap((l, i) => (i > 0 && /^---(\s|$)/.test(l) ? [i] : []))];
    if (starts.length === 1) {
      out.push(f);
      continue;
    }
    starts.forEach((start, k) => {
      const end = starts[k + 1] ?? lines.length;
      const text = lines.map((l, i) => (i >= start && i < end ? l : '')).join('\n');
      out.push({ path: `${f.path}#${k}`, text });
    });
  }
  return out;
}

/** Findings sorted by file, line and column (then rule and message), as the linter promises. */
const sorted = (ds: Diagnostic[]) => [...ds].sort(compareDiagnostics);

/** A permutation of the files (fast-check shrinks it towards the original order). */
const permutationOf = (files: readonly LintFile[]) =>
  fc.shuffledSubarray([...files], { minLength: files.length, maxLength: files.length });

function assertSameFindings(files: readonly LintFile[], options: LintOptions, numRuns: number): void {
  const expected = sorted(lintDocuments([...files], options));
  fc.assert(
    fc.property(permutationOf(files), (order) => {
      const got = sorted(lintDocuments(order, options));
      assert.deepEqual(
        got,
        expected,
        `order ${order.map((f) => f.path).join(', ')}:\n${show(got)}\n--- expected:\n${show(expected)}`,
      );
    }),
    { numRuns },
  );
}

describe('topology rules are independent of the file order', function () {
  this.timeout(120_000);

  for (const r of rules) {
    for (const kind of ['good', 'bad'] as const) {
      it(`${r.id}: its ${kind} fixtures, in any order, give the same findings`, () => {
        const dir = join(fixturesDir, r.id, kind);
        const files = splitDocuments(yamlFiles(dir));
        assert.ok(files.length > 0, `no fixtures in ${dir}`);
        assertSameFindings(files, optionsOf(dir), files.length > 1 ? 30 : 1);
      });
    }
  }

  // Every fixture and seed document at once: operators, clusters, CIDRs, jobs of many files interact.
  const everything = (): LintFile[] =>
    splitDocuments([
      ...rules.flatMap((r) =>
        (['good', 'bad'] as const).flatMap((kind) =>
          yamlFiles(join(fixturesDir, r.id, kind)).map((f) => ({ ...f, path: `${r.id}/${kind}/${f.path}` })),
        ),
      ),
      ...yamlFiles(seedDir).map((f) => ({ ...f, path: `seed/${f.path}` })),
    ]);

  it('every fixture and seed document linted together, in any order, gives the same findings', () => {
    assertSameFindings(everything(), { contexts: ['us-east-prod', 'eu-west-prod'] }, 15);
  });

  it('any subset of the fixture and seed documents, in any two orders, gives the same findings', () => {
    const pool = everything();
    fc.assert(
      fc.property(
        fc
          .shuffledSubarray(pool, { minLength: 2, maxLength: 12 })
          .chain((subset) => fc.tuple(fc.constant(subset), permutationOf(subset))),
        ([a, b]) => {
          assert.deepEqual(sorted(lintDocuments(b)), sorted(lintDocuments(a)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the real-world corpus linted together (114 files of 9 projects), in any order, gives the same findings', () => {
    const root = join(fixturesDir, '..', 'realworld', 'corpus');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const files = walk(root).map((f) => ({ path: relative(root, f), text: readFileSync(f, 'utf8') }));
    assert.ok(files.length > 50, `${files.length} files`);
    assertSameFindings(files, {}, 8);
  });

  const operator = (cluster: string, trustDomain: string) =>
    [
      'apiVersion: install.istio.io/v1alpha1',
      'kind: IstioOperator',
      'spec:',
      '  meshConfig:',
      `    trustDomain: ${trustDomain}`,
      '  values:',
      '    global:',
      `      multiCluster: {clusterName: ${cluster}}`,
      `      network: ${cluster}-net`,
    ].join('\n') + '\n';

  it('trust-domain-mismatch reports the one odd operator of 21, whatever the order', () => {
    // The odd one sorts first by path: "the first operator met" used to be the reference, which
    // reported the twenty others instead of it.
    const files: LintFile[] = [
      { path: 'a-odd.yaml', text: operator('odd', 'other.example.com') },
      ...Array.from({ length: 20 }, (_, i) => ({
        path: `mesh-${String(i).padStart(2, '0')}.yaml`,
        text: operator(`c${i}`, 'example.com'),
      })),
    ];
    fc.assert(
      fc.property(permutationOf(files), (order) => {
        const found = lintDocuments(order).filter((d) => d.rule === 'trust-domain-mismatch');
        assert.deepEqual(
          found.map((d) => d.file),
          ['a-odd.yaml'],
          show(found),
        );
        assert.match(found[0]!.message, /"other\.example\.com" of cluster "odd" differs from "example\.com"/);
        assert.equal(found[0]!.related?.[0]?.file, 'mesh-00.yaml');
      }),
      { numRuns: 50 },
    );
  });

  it('trust-domain-mismatch on a tie takes the domain of the first operator by file path', () => {
    const files: LintFile[] = [
      { path: 'b.yaml', text: operator('b', 'b.example.com') },
      { path: 'a.yaml', text: operator('a', 'a.example.com') },
    ];
    const found = lintDocuments(files).filter((d) => d.rule === 'trust-domain-mismatch');
    assert.deepEqual(
      found.map((d) => d.file),
      ['b.yaml'],
    );
  });

  it('duplicate-cluster reports the declaration that comes later by file path, whatever the order', () => {
    const topology = 'topology:\n  clusters:\n    - name: prod\n';
    const files: LintFile[] = [
      { path: 'z.yaml', text: topology },
      { path: 'a.yaml', text: topology },
    ];
    const found = lintDocuments(files).filter((d) => d.rule === 'duplicate-cluster');
    assert.deepEqual(
      found.map((d) => [d.file, d.related?.[0]?.file]),
      [['z.yaml', 'a.yaml']],
    );
  });

  it('did-you-mean picks the smallest of equally close names, whatever their order', () => {
    assert.equal(suggest('prod-b', ['prod-c', 'prod-a']), 'prod-a');
    assert.equal(suggest('prod-b', ['prod-a', 'prod-c']), 'prod-a');
    assert.equal(suggest('prod-1', ['prod-11', 'zzz']), 'prod-11');
  });
});
