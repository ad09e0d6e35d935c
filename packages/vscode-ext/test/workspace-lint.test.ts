/**
 * The editor and `kubectl mc lint` agree on one workspace: the CLI (built, run as a process) and the
 * extension's pure lint session (the code path of diagnostics/workspace.ts, without VS Code) must give
 * the same findings, with the same `.kubectl-mc.yaml`, the same skipped files, whatever order the
 * editor's reads finish in. Needs the built CLI (`npm run build`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeWorkspaceFs, rules } from '@kubectl-mc/core';
import type { Diagnostic, WorkspaceFs } from '@kubectl-mc/core';
import { toEditorDiagnostic, type EditorDiagnostic } from '../src/diagnostics/convert.js';
import { LintSession } from '../src/diagnostics/session.js';

const cliBin = fileURLToPath(new URL('../../cli/bin/run.js', import.meta.url));
const cliBuilt = fileURLToPath(new URL('../../cli/dist/commands/lint.js', import.meta.url));

const docs = new Map(rules.map((r) => [r.id, r.docs]));
const docsOf = (rule: string) => docs.get(rule);

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
    `      network: ${cluster}-network`,
  ].join('\n') + '\n';

const duplicate = 'topology:\n  clusters:\n    - name: us-east-prod\n      region: us-east-1\n';

/** The workspace: 21 mesh files (one odd trust domain, first by path), a config, and files both skip. */
const WORKSPACE: Record<string, string> = {
  '.kubectl-mc.yaml': [
    'rules:',
    '  production-ha: off', // switched off
    '  unknown-cluster: warning', // re-graded (an error by default)
    '',
  ].join('\n'),
  'topology.yaml': [
    'topology:',
    '  clusters:',
    ...['us-east-prod', 'eu-west-prod', 'ap-south-prod'].flatMap((c) => [
      `    - name: ${c}`,
      '      environment: production',
      `      region: ${c.replace('-prod', '-1')}`,
    ]),
    ...['mesh-odd', ...Array.from({ length: 20 }, (_, i) => `mesh-${i}`)].flatMap((c) => [
      `    - name: ${c}`,
      '      region: us-east-1',
    ]),
    '',
  ].join('\n'),
  'pipeline.yaml': [
    'pipeline:',
    '  stages:',
    '    - name: canary',
    '      cluster: us-east-prdo', // a typo: unknown-cluster, as a warning
    '      traffic: 5%',
    '      validation: {duration: 15m}',
    '    - name: rest',
    '      clusters: [eu-west-prod, ap-south-prod]',
    '      # kubectl-mc-disable-next-line unknown-cluster',
    '    - cluster: nowhere-prod', // ignored in place
    '',
  ].join('\n'),
  'a-mesh-odd.yaml': operator('mesh-odd', 'other.example.com'),
  ...Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [
      `mesh/mesh-${String(i).padStart(2, '0')}.yaml`,
      operator(`mesh-${i}`, 'example.com'),
    ]),
  ),
  // Skipped by the walk: dependencies, dot-directories, Helm templates; the config itself is not linted.
  'node_modules/dep/topology.yaml': duplicate,
  '.github/topology.yaml': duplicate,
  'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
  'chart/templates/topology.yaml': 'topology:\n  clusters: {{ .Values.clusters }}\n',
};

interface JsonReport {
  diagnostics: Diagnostic[];
}

/** Findings of either path as the editor shows them, files relative to the workspace, sorted. */
function comparable(byFile: Map<string, EditorDiagnostic[]>, root: string): string[] {
  const rel = (s: string) => s.split(root + sep).join('');
  return [...byFile]
    .flatMap(([file, ds]) =>
      ds.map((d) =>
        JSON.stringify({
          file: rel(file),
          ...d,
          message: rel(d.message),
          related: d.related.map((r) => ({ ...r, file: rel(r.file) })),
          ...(d.fix
            ? { fix: { ...d.fix, edits: d.fix.edits.map((e) => ({ ...e, file: rel(e.file) })) } }
            : {}),
        }),
      ),
    )
    .sort();
}

function viaCli(root: string): string[] {
  const r = spawnSync(process.execPath, [cliBin, 'lint', '-o', 'json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  assert.ok(r.status === 0 || r.status === 1, `kubectl mc lint exited ${r.status}: ${r.stderr}`);
  const { diagnostics } = JSON.parse(r.stdout) as JsonReport;
  const byFile = new Map<string, EditorDiagnostic[]>();
  for (const d of diagnostics) {
    const abs = join(root, d.file);
    const fixed: Diagnostic = {
      ...d,
      file: abs,
      ...(d.related ? { related: d.related.map((x) => ({ ...x, file: join(root, x.file) })) } : {}),
      ...(d.fix
        ? { fix: { ...d.fix, edits: d.fix.edits.map((e) => ({ ...e, file: join(root, e.file) })) } }
        : {}),
    };
    byFile.set(abs, [...(byFile.get(abs) ?? []), toEditorDiagnostic(fixed, docsOf)]);
  }
  return comparable(byFile, root);
}

/** A file system whose reads of the `count` files all start, then finish in a shuffled order (seeded). */
function shuffledReads(count: number, seed: number): WorkspaceFs {
  const waiting: (() => void)[] = [];
  let s = seed;
  const release = () => {
    for (let i = waiting.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      const j = s % (i + 1);
      [waiting[i], waiting[j]] = [waiting[j]!, waiting[i]!];
    }
    for (const w of waiting.splice(0)) w();
  };
  return {
    ...nodeWorkspaceFs,
    readFile: async (f) => {
      const text = await nodeWorkspaceFs.readFile(f);
      if (f.endsWith('.kubectl-mc.yaml')) return text; // read alone, before the files
      await new Promise<void>((res) => {
        waiting.push(res);
        if (waiting.length === count) release();
      });
      return text;
    },
  };
}

describe('the editor and kubectl mc lint on one workspace', function () {
  this.timeout(60_000);
  let root: string;
  let lintedFiles: number;

  before(function () {
    if (!existsSync(cliBuilt)) throw new Error(`the CLI is not built (${cliBuilt}): run npm run build first`);
    root = mkdtempSync(join(tmpdir(), 'kmc-ws-lint-'));
    for (const [rel, text] of Object.entries(WORKSPACE)) {
      const f = join(root, ...rel.split('/'));
      mkdirSync(dirname(f), { recursive: true });
      writeFileSync(f, text);
    }
    lintedFiles = Object.keys(WORKSPACE).filter(
      (f) => !f.startsWith('node_modules/') && !f.startsWith('.') && !f.startsWith('chart/templates/'),
    ).length;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('gives the same findings through the CLI and through the extension, whatever the read order', async () => {
    const cli = viaCli(root);

    // What the findings must be, so the comparison cannot pass on two empty lists.
    const parsed = cli.map((s) => JSON.parse(s) as EditorDiagnostic & { file: string });
    const rulesFound = new Set(parsed.map((d) => d.rule));
    assert.ok(!rulesFound.has('production-ha'), 'production-ha is off in .kubectl-mc.yaml');
    const unknown = parsed.filter((d) => d.rule === 'unknown-cluster');
    assert.deepEqual(
      unknown.map((d) => [d.file, d.severity, d.range.startLine]),
      [['pipeline.yaml', 1 /* warning */, 3]],
      'unknown-cluster re-graded to a warning, and silenced on the disabled line',
    );
    assert.deepEqual(
      parsed.filter((d) => d.rule === 'trust-domain-mismatch').map((d) => d.file),
      ['a-mesh-odd.yaml'],
      'the odd trust domain only',
    );
    assert.ok(
      parsed.every((d) => !/node_modules|\.github|templates/.test(d.file)),
      'no finding in skipped files',
    );
    assert.ok(!rulesFound.has('duplicate-cluster'), 'skipped files declare no duplicate cluster');

    for (const seed of [1, 2, 3, 4, 5]) {
      const session = new LintSession(undefined, docsOf);
      const out = await session.load({ folders: [root], fs: shuffledReads(lintedFiles, seed) });
      assert.equal(out.applied, true);
      assert.deepEqual(out.skipped, []);
      assert.equal(session.config.configFile, join(root, '.kubectl-mc.yaml'));
      const run = session.run();
      assert.equal(run.files, lintedFiles);
      assert.deepEqual(comparable(run.byFile, root), cli, `extension (read order seed ${seed}) vs CLI`);
    }
  });

  it('still agrees after an edit in the editor and the same edit saved for the CLI', async () => {
    const session = new LintSession(undefined, docsOf);
    const pipeline = join(root, 'pipeline.yaml');
    const fixed = WORKSPACE['pipeline.yaml']!.replace('us-east-prdo', 'us-east-prod');
    // The open document's unsaved text wins over the disk's.
    await session.load({ folders: [root], textOf: (f) => (f === pipeline ? fixed : undefined) });
    const editor = comparable(session.run().byFile, root);
    assert.ok(!editor.some((s) => s.includes('us-east-prdo')), 'the unsaved fix is linted');
    writeFileSync(pipeline, fixed);
    try {
      assert.deepEqual(editor, viaCli(root));
    } finally {
      writeFileSync(pipeline, WORKSPACE['pipeline.yaml']!);
    }
  });

  it('puts a broken .kubectl-mc.yaml on the config file and lints with the default severities', async () => {
    const config = join(root, '.kubectl-mc.yaml');
    const session = new LintSession(undefined, docsOf);
    await session.load({
      folders: [root],
      textOf: (f) => (f === config ? 'rules:\n  production-h: off\n' : undefined),
    });
    const out = session.run();
    assert.deepEqual(
      out.byFile.get(config)?.map((d) => [d.rule, d.severity, d.range.startLine, d.range.startCharacter]),
      [['lint-config', 0, 1, 2]],
    );
    assert.match(
      out.byFile.get(config)![0]!.message,
      /unknown rule "production-h".*did you mean "production-ha"/,
    );
    assert.ok(
      [...out.byFile.values()].flat().some((d) => d.rule === 'production-ha'),
      'the default severities apply',
    );
    // The CLI stops on it instead.
    writeFileSync(config, 'rules:\n  production-h: off\n');
    try {
      const r = spawnSync(process.execPath, [cliBin, 'lint'], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /\.kubectl-mc\.yaml:2:3: unknown rule "production-h"/);
    } finally {
      writeFileSync(config, WORKSPACE['.kubectl-mc.yaml']!);
    }
  });
});
