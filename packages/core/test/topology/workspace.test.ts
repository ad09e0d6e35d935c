import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  LintConfigError,
  WorkspaceError,
  collectYaml,
  findLintConfig,
  isWalkedFile,
  lintWorkspace,
  lintWorkspaceFiles,
  nodeWorkspaceFs,
  readWorkspace,
} from '../../src/topology/index.js';
import type { Diagnostic, WorkspaceFs } from '../../src/topology/index.js';

const prodCluster = (name: string) =>
  `topology:\n  clusters:\n    - name: ${name}\n      environment: production\n      region: us-east-1\n`;

describe('workspace lint', () => {
  let root: string;
  const write = (rel: string, text: string) => {
    const f = join(root, rel);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, text);
    return f;
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kmc-ws-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('the walk', () => {
    it('takes *.yaml and *.yml, skipping node_modules, dot-directories, Helm templates and the config', async () => {
      for (const f of [
        'a.yaml',
        'b.YML',
        'notes.txt',
        '.kubectl-mc.yaml',
        'sub/deep/c.yml',
        'node_modules/x/d.yaml',
        '.github/e.yaml',
        'chart/Chart.yaml',
        'chart/values.yaml',
        'chart/templates/f.yaml',
        'chart/charts/sub/g.yaml',
        'templates/h.yaml', // not in a chart: a plain directory
      ])
        write(f, 'a: 1\n');
      const got = (await collectYaml(root)).map((f) => f.slice(root.length + 1));
      assert.deepEqual(got, [
        'a.yaml',
        'b.YML',
        'chart/Chart.yaml',
        'chart/values.yaml',
        'sub/deep/c.yml',
        'templates/h.yaml',
      ]);
      // isWalkedFile answers the same for each file, without walking.
      for (const f of [
        'a.yaml',
        'b.YML',
        'notes.txt',
        '.kubectl-mc.yaml',
        'sub/deep/c.yml',
        'node_modules/x/d.yaml',
        '.github/e.yaml',
        'chart/values.yaml',
        'chart/templates/f.yaml',
        'chart/charts/sub/g.yaml',
        'templates/h.yaml',
      ])
        assert.equal(await isWalkedFile(root, join(root, f)), got.includes(f), f);
      assert.equal(await isWalkedFile(root, join(dirname(root), 'elsewhere.yaml')), false);
    });

    it('throws WorkspaceError for an unreadable directory, or reports it and goes on', async () => {
      const fs: WorkspaceFs = {
        ...nodeWorkspaceFs,
        readdir: (d) =>
          d.endsWith('locked')
            ? Promise.reject(Object.assign(new Error('x'), { code: 'EACCES' }))
            : nodeWorkspaceFs.readdir(d),
      };
      write('locked/a.yaml', 'a: 1\n');
      write('b.yaml', 'a: 1\n');
      await assert.rejects(collectYaml(root, { fs }), (e: unknown) => {
        assert.ok(e instanceof WorkspaceError);
        assert.equal(e.exitCode, 2);
        assert.match(e.message, /cannot read .*locked: permission denied$/);
        return true;
      });
      const unreadable: string[] = [];
      const got = await collectYaml(root, { fs, onUnreadable: (d, why) => unreadable.push(`${d}: ${why}`) });
      assert.deepEqual(got, [join(root, 'b.yaml')]);
      assert.deepEqual(unreadable, [`${join(root, 'locked')}: permission denied`]);
    });
  });

  describe('the config lookup', () => {
    it('finds .kubectl-mc.yaml in the directory, else at the git root, else none', async () => {
      mkdirSync(join(root, 'repo', '.git'), { recursive: true });
      mkdirSync(join(root, 'repo', 'sub', 'deeper'), { recursive: true });
      assert.equal(await findLintConfig(join(root, 'repo', 'sub', 'deeper')), undefined);
      const atRoot = write('repo/.kubectl-mc.yaml', 'rules: {}\n');
      assert.equal(await findLintConfig(join(root, 'repo', 'sub', 'deeper')), atRoot);
      const here = write('repo/sub/deeper/.kubectl-mc.yaml', 'rules: {}\n');
      assert.equal(await findLintConfig(join(root, 'repo', 'sub', 'deeper')), here);
      // A config in a directory between cwd and the git root is not looked at (as the CLI always did).
      rmSync(here);
      write('repo/sub/.kubectl-mc.yaml', 'rules: {}\n');
      assert.equal(await findLintConfig(join(root, 'repo', 'sub', 'deeper')), atRoot);
    });
  });

  describe('readWorkspace and lintWorkspace', () => {
    it('applies the config: a rule off, another re-graded', async () => {
      write('.kubectl-mc.yaml', 'rules:\n  production-ha: off\n  unknown-cluster: warning\n');
      write('topology.yaml', prodCluster('prod'));
      write('pipeline.yaml', 'pipeline:\n  stages:\n    - name: one\n      cluster: prdo\n');
      const watched = (ds: Diagnostic[]) =>
        ds.filter((d) => d.rule === 'production-ha' || d.rule === 'unknown-cluster');
      const ws = await lintWorkspace({ cwd: root });
      const { config, configFile } = ws;
      const diagnostics = watched(ws.diagnostics);
      assert.equal(configFile, join(root, '.kubectl-mc.yaml'));
      assert.deepEqual(config?.rules, { 'production-ha': 'off', 'unknown-cluster': 'warning' });
      assert.deepEqual(
        diagnostics.map((d) => [d.file, d.rule, d.severity]),
        [['pipeline.yaml', 'unknown-cluster', 'warning']],
      );
      // Without the config: unknown-cluster is an error and production-ha warns.
      rmSync(join(root, '.kubectl-mc.yaml'));
      const plain = await lintWorkspace({ cwd: root });
      assert.deepEqual(
        watched(plain.diagnostics).map((d) => [d.file, d.rule, d.severity]),
        [
          ['pipeline.yaml', 'unknown-cluster', 'error'],
          ['topology.yaml', 'production-ha', 'warning'],
        ],
      );
    });

    it('names files relative to cwd (or absolute on request), each once, in path order', async () => {
      write('z.yaml', 'a: 1\n');
      write('a/b.yaml', 'a: 1\n');
      write('a.yaml', 'a: 1\n');
      const rel = await readWorkspace({ cwd: root, paths: ['z.yaml', '.', './a.yaml'] });
      assert.deepEqual(
        rel.files.map((f) => f.path),
        ['a.yaml', 'a/b.yaml', 'z.yaml'],
      );
      const abs = await readWorkspace({ cwd: root, absolutePaths: true });
      assert.deepEqual(
        abs.files.map((f) => f.path),
        [join(root, 'a.yaml'), join(root, 'a', 'b.yaml'), join(root, 'z.yaml')],
      );
    });

    it("lints an editor's open text instead of the disk's, the config's too", async () => {
      const cfg = write('.kubectl-mc.yaml', 'rules: {}\n');
      const t = write('t.yaml', 'a: 1\n');
      const open = new Map([
        [t, prodCluster('prod')],
        [cfg, 'rules: {production-ha: error}\n'],
      ]);
      const { diagnostics } = await lintWorkspace({ cwd: root, textOf: (f) => open.get(f) });
      assert.deepEqual(
        diagnostics.map((d) => [d.file, d.rule, d.severity]),
        [['t.yaml', 'production-ha', 'error']],
      );
    });

    it('gives the same findings whatever order the reads finish in', async () => {
      // The issue: the editor added files as their reads finished, and the rules saw them in that order.
      const operator = (cluster: string, domain: string) =>
        `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  meshConfig: {trustDomain: ${domain}}\n  values: {global: {multiCluster: {clusterName: ${cluster}}, network: n}}\n`;
      write('a-odd.yaml', operator('odd', 'other.example.com'));
      for (let i = 0; i < 20; i++)
        write(`mesh-${String(i).padStart(2, '0')}.yaml`, operator(`c${i}`, 'example.com'));
      const inOrder = await lintWorkspace({ cwd: root });
      // Reads that finish in reverse order of their start.
      const pending: (() => void)[] = [];
      let started = 0;
      const reversed: WorkspaceFs = {
        ...nodeWorkspaceFs,
        readFile: async (f) => {
          const text = await nodeWorkspaceFs.readFile(f);
          started++;
          await new Promise<void>((res) => {
            pending.push(res);
            if (started === 21) for (const r of pending.reverse()) r();
          });
          return text;
        },
      };
      const reverse = await lintWorkspace({ cwd: root, fs: reversed });
      assert.deepEqual(reverse.diagnostics, inOrder.diagnostics);
      assert.deepEqual(
        inOrder.diagnostics.map((d) => [d.file, d.rule]),
        [['a-odd.yaml', 'trust-domain-mismatch']],
      );
      // And lintWorkspaceFiles sorts whatever it is given.
      assert.deepEqual(lintWorkspaceFiles([...inOrder.files].reverse()), inOrder.diagnostics);
    });

    it('stops on an unreadable file or a broken config, unless tolerant', async () => {
      write('.kubectl-mc.yaml', 'rules:\n  no-such-rule: off\n');
      write('a.yaml', prodCluster('prod'));
      write('b.yaml', 'a: 1\n');
      write('c.yaml', 'a: 1\n');
      await assert.rejects(readWorkspace({ cwd: root }), (e: unknown) => {
        assert.ok(e instanceof LintConfigError);
        assert.equal(e.exitCode, 2);
        assert.equal(e.file, '.kubectl-mc.yaml');
        assert.deepEqual(e.position, { line: 2, column: 3 });
        assert.equal(e.message, '.kubectl-mc.yaml:2:3: unknown rule "no-such-rule" in lint config');
        return true;
      });
      write('.kubectl-mc.yaml', 'rules: {}\n');
      const failing = new Set([join(root, 'b.yaml'), join(root, 'c.yaml')]);
      const fs: WorkspaceFs = {
        ...nodeWorkspaceFs,
        readFile: (f) =>
          failing.has(f)
            ? Promise.reject(Object.assign(new Error('x'), { code: 'EACCES' }))
            : nodeWorkspaceFs.readFile(f),
      };
      await assert.rejects(
        readWorkspace({ cwd: root, fs }),
        /^WorkspaceError: cannot read b\.yaml: permission denied$/,
      );
      await assert.rejects(
        readWorkspace({ cwd: root, paths: ['missing.yaml'] }),
        /cannot read missing\.yaml: no such file/,
      );

      write('.kubectl-mc.yaml', 'rules:\n  no-such-rule: off\n');
      const ws = await readWorkspace({ cwd: root, fs, tolerant: true, paths: ['.', 'missing.yaml'] });
      assert.ok(ws.configError instanceof LintConfigError);
      assert.equal(ws.config, undefined);
      assert.deepEqual(
        ws.files.map((f) => f.path),
        ['a.yaml'],
      );
      assert.deepEqual(
        ws.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]),
        [
          ['missing.yaml', 'no such file or directory'],
          ['b.yaml', 'permission denied'],
          ['c.yaml', 'permission denied'],
        ],
      );
    });

    it('reads at most maxFiles, in walk order, and says so', async () => {
      for (const f of ['a.yaml', 'b.yaml', 'c.yaml']) write(f, 'a: 1\n');
      const ws = await readWorkspace({ cwd: root, maxFiles: 2 });
      assert.equal(ws.truncated, true);
      assert.deepEqual(
        ws.files.map((f) => f.path),
        ['a.yaml', 'b.yaml'],
      );
    });
  });
});
