/**
 * The rule pages docs/rules/<id>.md: their structure, and their examples linted for real. Every
 * registered rule's "Bad" example must fire that rule and its "Good" example must not (nor contain
 * any error of another rule), so the pages cannot drift from the rules. The example convention
 * (one fenced yaml block per file, `# file:` and `# kubeconfig contexts:` header comments) is
 * documented in docs/rules/README.md under "Rule pages".
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lintDocuments, parseFile, rules } from '../../src/topology/index.js';
import type { Diagnostic, LintFile, LintOptions } from '../../src/topology/index.js';
import { repoRoot, show } from './helpers.js';

const docsDir = join(repoRoot, 'docs', 'rules');

/** The `## ` sections of a page: heading text → body. */
function sections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  let heading: string | undefined;
  let body: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^## (.+?)\s*$/.exec(line);
    if (m) {
      if (heading !== undefined) out.set(heading, body.join('\n'));
      heading = m[1]!;
      body = [];
    } else if (heading !== undefined) {
      body.push(line);
    }
  }
  if (heading !== undefined) out.set(heading, body.join('\n'));
  return out;
}

interface Example {
  files: LintFile[];
  options: LintOptions;
}

/**
 * The example of a Bad/Good section: each ```yaml block is one whole file, all linted together. Header
 * comments on a block's first lines: `# file: NAME` names the file (default `example-<n>.yaml`, n the
 * block's position in the section), `# kubeconfig contexts: a, b` lints as with --check-contexts
 * against a kubeconfig holding those contexts.
 */
function exampleOf(body: string): Example {
  const blocks = [...body.matchAll(/^```ya?ml[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)].map((m) => m[1]!);
  const options: LintOptions = {};
  const files = blocks.map((text, i) => {
    let path = `example-${i + 1}.yaml`;
    for (const line of text.split('\n')) {
      const header = /^#\s*(file|kubeconfig contexts):\s*(.*?)\s*$/.exec(line);
      if (!header) break;
      if (header[1] === 'file') path = header[2]!;
      else
        options.contexts = [
          ...(options.contexts ?? []),
          ...header[2]!
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ];
    }
    return { path, text };
  });
  return { files, options };
}

function lint(ex: Example): Diagnostic[] {
  const ds = lintDocuments(ex.files, ex.options);
  const internal = ds.filter((d) => d.rule === 'rule-error');
  assert.deepEqual(internal, [], show(internal));
  return ds;
}

/**
 * Rules that encode another tool's behaviour (KubeFed, Istio, CoreDNS, Prometheus, YAML parsers):
 * their pages name that behaviour under `## Upstream behaviour` (issue 21).
 */
const UPSTREAM_RULES = [
  'yaml-syntax',
  'duplicate-key',
  'override-path',
  'override-not-placed',
  'kubefed-api-group',
  'trust-domain-mismatch',
  'mesh-network-missing',
  'gateway-tls',
  'service-entry',
  'corefile-syntax',
  'dns-forward',
  'dns-cache-ttl',
  'federate-match',
  'federate-honor-labels',
  'federate-cluster-label',
  'duplicate-job',
];

describe('rule pages (docs/rules/<id>.md)', () => {
  const catalogue = readFileSync(join(docsDir, 'README.md'), 'utf8');

  for (const r of rules) {
    describe(r.id, () => {
      const page = join(docsDir, `${r.id}.md`);
      const text = existsSync(page) ? readFileSync(page, 'utf8') : '';
      const secs = sections(text);

      it('names the rule, its severity, what it checks, why and how to fix', () => {
        assert.ok(existsSync(page), `missing docs/rules/${r.id}.md`);
        assert.equal(text.split('\n')[0], `# ${r.id}`, 'the title is the rule id');
        assert.match(
          text,
          new RegExp(`^\\*\\*Severity:\\*\\* ${r.severity}\\b`, 'm'),
          `a "**Severity:** ${r.severity}" line`,
        );
        for (const h of ['What it checks', 'Why', 'Bad', 'Good', 'How to fix']) {
          assert.ok((secs.get(h) ?? '').trim().length > 0, `a non-empty "## ${h}" section`);
        }
        if (UPSTREAM_RULES.includes(r.id))
          assert.ok(
            (secs.get('Upstream behaviour') ?? '').trim().length > 0,
            'a non-empty "## Upstream behaviour" section naming what the other tool does',
          );
        const row = `| [${r.id}](${r.id}.md) | ${r.severity} | ${r.description.replaceAll('|', '\\|')} |`;
        assert.ok(catalogue.includes(row), `docs/rules/README.md has the row\n${row}`);
      });

      for (const kind of ['Bad', 'Good'] as const) {
        it(`has a complete ${kind} example: whole YAML files, no elided parts`, () => {
          const ex = exampleOf(secs.get(kind) ?? '');
          assert.ok(ex.files.length > 0, `"## ${kind}" has no \`\`\`yaml block`);
          assert.equal(new Set(ex.files.map((f) => f.path)).size, ex.files.length, 'file names are unique');
          for (const f of ex.files) {
            assert.doesNotMatch(String(f.text), /\.\.\.|…/, `${f.path} elides a part with ... or …`);
            if (r.id === 'yaml-syntax' && kind === 'Bad') continue; // broken on purpose
            const docs = parseAllDocuments(String(f.text));
            assert.equal(
              parseFile(f).docs.length,
              Array.isArray(docs) ? docs.length : 0,
              `every document of ${f.path} must be one the linter reads (topology, pipeline, networking, KubeFed, Istio, CoreDNS, Prometheus), not a fragment`,
            );
          }
        });
      }

      it('its Bad example fires the rule (and is readable YAML)', () => {
        const ds = lint(exampleOf(secs.get('Bad') ?? ''));
        const mine = ds.filter((d) => d.rule === r.id);
        assert.ok(mine.length > 0, `no ${r.id} finding:\n${show(ds)}`);
        if (r.id !== 'yaml-syntax') {
          const syntax = ds.filter((d) => d.rule === 'yaml-syntax');
          assert.deepEqual(syntax, [], show(syntax));
        }
      });

      it('its Good example is clean of the rule, and of every error', () => {
        const good = exampleOf(secs.get('Good') ?? '');
        // Not clean merely because the rule did not run: kubeconfig contexts given to both or neither.
        assert.equal(
          good.options.contexts !== undefined,
          exampleOf(secs.get('Bad') ?? '').options.contexts !== undefined,
          'the Good example gives "# kubeconfig contexts:" exactly when the Bad one does',
        );
        const ds = lint(good);
        const bad = ds.filter((d) => d.rule === r.id || d.severity === 'error');
        assert.deepEqual(bad, [], show(bad));
      });
    });
  }

  describe('the example convention', () => {
    it('reads one file per yaml block, with # file: names and # kubeconfig contexts:', () => {
      const ex = exampleOf(
        [
          'Text.',
          '```yaml',
          '# file: topology.yaml',
          '# kubeconfig contexts: a, b',
          'topology: {}',
          '```',
          '```yaml',
          'pipeline: {}',
          '# file: not-a-header.yaml',
          '```',
          '```text',
          'not yaml',
          '```',
        ].join('\n'),
      );
      assert.deepEqual(
        ex.files.map((f) => f.path),
        ['topology.yaml', 'example-2.yaml'],
      );
      assert.equal(ex.files[0]!.text, '# file: topology.yaml\n# kubeconfig contexts: a, b\ntopology: {}\n');
      assert.deepEqual(ex.options, { contexts: ['a', 'b'] });
    });

    it('splits a page into its ## sections, ignoring headings inside code blocks', () => {
      const s = sections('# t\n## Bad\n```yaml\n## not a heading\n```\n## Good\nok\n');
      assert.deepEqual([...s.keys()], ['Bad', 'Good']);
      assert.equal(s.get('Good'), 'ok\n');
    });
  });
});
