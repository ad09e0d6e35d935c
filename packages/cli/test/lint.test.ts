/**
 * `kubectl mc lint` end to end: the built CLI (`npx tsc -b packages/cli` first), run as a process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(cliRoot, 'bin', 'run.js');
const seed = join(cliRoot, '..', 'core', 'test', 'topology', 'seed');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function lint(
  cwd: string,
  args: string[],
  opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Run {
  const r = spawnSync(process.execPath, [bin, 'lint', ...args], {
    cwd,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', KUBECONFIG: join(cwd, 'no-kubeconfig'), ...opts.env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonDiag {
  rule: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

describe('kubectl mc lint', function () {
  this.timeout(60_000);
  let dir: string;
  let eight: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kmc-lint-'));
    eight = join(dir, 'eight');
    mkdirSync(eight);
    for (const f of readdirSync(seed)) {
      if (f !== 'environment-topology.yaml' && f !== 'workload-topology.yaml')
        cpSync(join(seed, f), join(eight, f));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints file:line:col, severity, message and rule, grouped by file, with a summary; exit 1 on errors', () => {
    const r = lint(eight, ['.']);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(
      lines[0]!,
      /^prometheus-federation\.yaml:17:19 {2}error {4}federation job "federate-eu-west".* {2}\[federate-match\]$/,
    );
    assert.equal(lines[1], '', 'a blank line between files');
    assert.match(
      lines[2]!,
      /^regional-topology\.yaml:14:13 {2}warning {2}.*ap-south-prod.* {2}\[unmonitored-cluster\]$/,
    );
    assert.equal(lines.at(-1), '✖ 2 problems (1 error, 1 warning)');
    assert.ok(!r.stdout.includes('\x1b['), 'no colour when stdout is not a terminal');
  });

  it('exits 0 on a clean file and says so', () => {
    const r = lint(eight, ['regional-topology.yaml']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '✔ no problems (1 file linted, 1 document read)\n');
  });

  it('says when files held nothing it reads, and -v names them (issue 21)', () => {
    const d = join(dir, 'unread');
    mkdirSync(d);
    // A kind cluster config and a Deployment: YAML the linter does not read; one topology it does.
    writeFileSync(
      join(d, 'kind.yaml'),
      'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  podSubnet: 10.10.0.0/16\n',
    );
    writeFileSync(join(d, 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n');
    let r = lint(d, ['kind.yaml', 'deploy.yaml']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(
      r.stdout,
      '✔ no problems (2 files linted, 0 documents read)\n' +
        '2 files held no document the linter reads (topology, pipeline, networking, KubeFed, Istio, CoreDNS, Prometheus); -v lists them\n',
    );
    writeFileSync(
      join(d, 'topology.yaml'),
      'topology:\n  clusters:\n    - name: a\n      region: us-east-1\n',
    );
    r = lint(d, ['-v', '.']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(
      r.stdout,
      '✔ no problems (3 files linted, 1 document read)\n' +
        '2 files held no document the linter reads (topology, pipeline, networking, KubeFed, Istio, CoreDNS, Prometheus):\n' +
        '  deploy.yaml\n  kind.yaml\n',
    );
    assert.equal(r.stderr, '');
  });

  it('-o json gives 1-based ranges', () => {
    const r = lint(eight, ['-o', 'json', '.']);
    assert.equal(r.status, 1);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.severity, d.file, d.range.start.line, d.range.start.column]),
      [
        ['federate-match', 'error', 'prometheus-federation.yaml', 17, 19],
        ['unmonitored-cluster', 'warning', 'regional-topology.yaml', 14, 13],
      ],
    );
    assert.ok(diagnostics.every((d) => d.range.end.line >= d.range.start.line));
  });

  it('-o sarif gives a SARIF 2.1.0 log with the rule catalogue and indexed results', () => {
    const r = lint(eight, ['-o', 'sarif']);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.ok(ids.includes('federate-match') && ids.includes('schema'));
    assert.equal(run.results.length, 2);
    const res = run.results[0];
    assert.equal(ids[res.ruleIndex], res.ruleId);
    assert.equal(res.level, 'error');
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'prometheus-federation.yaml');
    assert.equal(res.locations[0].physicalLocation.region.startLine, 17);
  });

  it('reads standard input for "-"', () => {
    const r = lint(dir, ['-', '-o', 'json'], {
      input: 'topology:\n  clusters:\n    - name: a\n    - name: a\n',
    });
    assert.equal(r.status, 1);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.file, d.range.start.line]),
      [['duplicate-cluster', '<stdin>', 4]],
    );
  });

  it('exits 2 with one clear line for an unreadable path', () => {
    const r = lint(dir, ['missing.yaml']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'error: cannot read missing.yaml: no such file or directory\n');
  });

  it('exits 2 for a usage error', () => {
    const r = lint(dir, ['-o', 'xml', '.']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: /);
  });

  it('walks directories recursively, skipping node_modules, dot-directories and Helm templates', () => {
    const root = join(dir, 'walk');
    for (const d of ['a/b', 'node_modules/x', '.hidden', 'chart/templates'])
      mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: chart\nversion: 0.1.0\n');
    writeFileSync(join(root, 'chart', 'templates', 'cm.yaml'), 'topology:\n  clusters: {{ .Values.x }}\n');
    const dup = 'topology:\n  clusters:\n    - name: a\n    - name: a\n';
    writeFileSync(join(root, 'a', 'b', 'deep.yml'), dup);
    writeFileSync(join(root, 'node_modules', 'x', 'dep.yaml'), dup);
    writeFileSync(join(root, '.hidden', 'h.yaml'), dup);
    writeFileSync(join(root, 'notes.txt'), dup);
    const r = lint(root, ['-o', 'json']);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    assert.deepEqual([...new Set(diagnostics.map((d) => d.file))], ['a/b/deep.yml']);
  });

  it('lints a file named twice only once', () => {
    const r = lint(eight, ['-o', 'json', 'regional-topology.yaml', '.', './regional-topology.yaml']);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    assert.deepEqual(
      diagnostics.map((d) => d.rule),
      ['federate-match', 'unmonitored-cluster'],
    );
  });

  it('gives the same findings whatever order the files are named in', () => {
    const root = join(dir, 'order');
    mkdirSync(root);
    const operator = (cluster: string, domain: string) =>
      `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  meshConfig: {trustDomain: ${domain}}\n  values: {global: {multiCluster: {clusterName: ${cluster}}, network: n}}\n`;
    writeFileSync(join(root, 'odd.yaml'), operator('odd', 'other.example.com'));
    writeFileSync(join(root, 'm1.yaml'), operator('m1', 'example.com'));
    writeFileSync(join(root, 'm2.yaml'), operator('m2', 'example.com'));
    const run = (files: string[]) => {
      const r = lint(root, ['-o', 'json', ...files]);
      return (JSON.parse(r.stdout) as { diagnostics: JsonDiag[] }).diagnostics;
    };
    const forward = run(['odd.yaml', 'm1.yaml', 'm2.yaml']);
    assert.deepEqual(
      forward.map((d) => [d.rule, d.file]),
      [['trust-domain-mismatch', 'odd.yaml']],
    );
    assert.deepEqual(run(['m2.yaml', 'm1.yaml', 'odd.yaml']), forward);
  });

  it('applies .kubectl-mc.yaml from the project root, and --config', () => {
    const root = join(dir, 'cfg');
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(root, 'sub'));
    writeFileSync(
      join(root, 'sub', 't.yaml'),
      'topology:\n  clusters:\n    - name: p\n      environment: production\n',
    );
    // Without config: a warning, exit 0.
    let r = lint(join(root, 'sub'), ['t.yaml', '-o', 'json']);
    assert.equal(r.status, 0);
    assert.equal((JSON.parse(r.stdout) as { diagnostics: JsonDiag[] }).diagnostics[0]?.severity, 'warning');
    // The git root's config raises it to an error: exit 1.
    writeFileSync(join(root, '.kubectl-mc.yaml'), 'rules:\n  production-ha: error\n');
    r = lint(join(root, 'sub'), ['t.yaml']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /t\.yaml:4:20 {2}error/);
    // --config wins.
    writeFileSync(join(root, 'off.yaml'), 'rules: { production-ha: off }\n');
    r = lint(join(root, 'sub'), ['t.yaml', '--config', '../off.yaml']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /no problems/);
    // A broken config is a usage error naming the file and line.
    writeFileSync(join(root, 'bad.yaml'), 'rules:\n  production-hа: off\n');
    r = lint(join(root, 'sub'), ['t.yaml', '--config', join(root, 'bad.yaml')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.yaml:2:3: unknown rule/);
  });

  it('--max-warnings fails on too many warnings', () => {
    const f = join(dir, 'warn.yaml');
    writeFileSync(f, 'topology:\n  clusters:\n    - name: p\n      environment: production\n');
    assert.equal(lint(dir, ['warn.yaml']).status, 0);
    assert.equal(lint(dir, ['warn.yaml', '--max-warnings', '1']).status, 0);
    const r = lint(dir, ['warn.yaml', '--max-warnings', '0']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /more than --max-warnings 0/);
  });

  it('--kubeconfig checks every declared cluster against the contexts', () => {
    const kc = join(dir, 'kubeconfig');
    writeFileSync(
      kc,
      `apiVersion: v1
kind: Config
clusters:
  - name: c
    cluster: { server: "https://127.0.0.1:6443" }
users:
  - name: u
    user: { token: not-a-secret }
contexts:
  - name: us-east-prod
    context: { cluster: c, user: u }
  - name: eu-west-prod
    context: { cluster: c, user: u }
current-context: us-east-prod
`,
    );
    const r = lint(eight, ['regional-topology.yaml', '--kubeconfig', kc, '-o', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.range.start.line]),
      [['missing-context', 14]],
    );
    assert.match(diagnostics[0]!.message, /ap-south-prod/);
    assert.ok(!r.stdout.includes('not-a-secret') && !r.stderr.includes('not-a-secret'));
    // Without the flag, contexts are not checked.
    assert.deepEqual(
      (JSON.parse(lint(eight, ['regional-topology.yaml', '-o', 'json']).stdout) as { diagnostics: [] })
        .diagnostics,
      [],
    );
  });

  it('escapes terminal control characters from the files in text output', () => {
    const f = join(dir, 'esc.yaml');
    writeFileSync(f, 'topology:\n  clusters:\n    - name: "a\\e[31m"\n    - name: "a\\e[31m"\n');
    const r = lint(dir, ['esc.yaml']);
    assert.equal(r.status, 1);
    assert.ok(!r.stdout.includes('\x1b'), JSON.stringify(r.stdout));
    assert.match(r.stdout, /duplicate-cluster/);
  });

  it('--list-rules prints the catalogue', () => {
    const r = lint(dir, ['--list-rules']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^yaml-syntax +error +The file is not valid/m);
    assert.match(r.stdout, /^federate-match +/m);
  });
});
