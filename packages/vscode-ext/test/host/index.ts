/**
 * Tests that run INSIDE a real VS Code extension host (code-server with `extensionTestsPath`), driven by
 * test/e2e/vscode.test.ts. Bundled to dist/host-tests.cjs; `run()` resolves when every test passed and
 * rejects with the failures otherwise. The workspace holds `.kubectl-mc-e2e.json` saying what to expect.
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { KubectlMcApi } from '../../src/extension.js';
import type { Node } from '../../src/tree/provider.js';
import { actionTests, alignTests, type ActionsExpect } from './actions.js';
import { changeTests, type ChangesExpect } from './changes.js';

interface Expect extends ActionsExpect, ChangesExpect {
  contexts: string[];
  down: string;
  /** Workspace-relative file with a `federate-match` finding that has a fix. */
  fixable: string;
  fixableRule: string;
}

const tests: { name: string; fn: (api: KubectlMcApi, expect: Expect) => Promise<void> }[] = [];
const test = (name: string, fn: (api: KubectlMcApi, expect: Expect) => Promise<void>) =>
  tests.push({ name, fn });

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function fileUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

test('the Clusters view lists every kubeconfig context, the down one as an error node', async (api, expect) => {
  // The fleet starts when the view is first shown (linting alone never contacts a cluster).
  assert.equal(api.clusters.snapshot().length, 0, 'no cluster is contacted before the view is shown');
  await vscode.commands.executeCommand('workbench.view.extension.kubectl-mc');
  await until(
    'every health check',
    () =>
      api.clusters.snapshot().length === expect.contexts.length &&
      api.clusters.snapshot().every((e) => e.health.state !== 'pending'),
  );
  const roots = await api.clusters.getChildren(undefined);
  const clusters = roots.filter((n): n is Node & { type: 'cluster' } => n.type === 'cluster');
  assert.deepEqual(clusters.map((c) => c.context).sort(), [...expect.contexts].sort());
  for (const c of clusters) {
    const item = api.clusters.getTreeItem(c);
    if (c.context === expect.down) {
      assert.equal(item.contextValue, 'cluster-error');
      assert.match(String(item.description), /^(Unreachable|Timeout):/);
      assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    } else {
      assert.equal(item.contextValue, 'cluster', `${c.context}: ${String(item.description)}`);
      assert.match(String(item.description), /^v\d+\.\d+\.\d+.* · \d+ ms$/);
    }
  }
});

test('a healthy cluster expands to namespaces, kinds and its pods; Open YAML shows the object', async (api, expect) => {
  const ctx = expect.contexts.find((c) => c !== expect.down)!;
  const folders = await api.clusters.getChildren({ type: 'cluster', context: ctx });
  assert.deepEqual(
    folders.map((f) => (f.type === 'folder' ? f.folder : f.type)),
    ['namespaces', 'nodes', 'custom'],
  );
  const namespaces = await api.clusters.getChildren(folders[0]);
  const names = namespaces.map((n) =>
    n.type === 'namespace' ? n.namespace : `${n.type}:${n.type === 'message' ? n.text : ''}`,
  );
  assert.ok(names.includes('default') || names.includes('kube-system'), names.join(','));
  let pods: Node[] = [];
  for (const ns of namespaces) {
    const kinds = await api.clusters.getChildren(ns);
    const podKind = kinds.find((k) => k.type === 'kind' && k.resource === 'pods');
    assert.ok(podKind, 'a Pods folder');
    pods = (await api.clusters.getChildren(podKind)).filter((p) => p.type === 'object');
    if (pods.some((p) => p.type === 'object' && /^[\w.-]+$/.test(p.name))) break;
  }
  assert.ok(pods.length > 0, 'some namespace has pods');
  // a plain name (the actions' tests add a pod whose name needs escaping)
  const pod = (pods.find((p) => p.type === 'object' && /^[\w.-]+$/.test(p.name)) ?? pods[0]) as Node & {
    type: 'object';
  };
  await vscode.commands.executeCommand('kubectl-mc.openYaml', pod);
  const editor = await until('the YAML editor', () =>
    vscode.window.activeTextEditor?.document.uri.scheme === 'kubectl-mc'
      ? vscode.window.activeTextEditor
      : undefined,
  );
  const text = editor.document.getText();
  assert.match(text, /kind: Pod/);
  assert.match(text, new RegExp(`name: ${pod.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('diagnostics are published for the seed examples, with rule ids and docs links', async (api, expect) => {
  await api.ready;
  const uri = fileUri(expect.fixable);
  const diags = await until('diagnostics', () => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'kubectl-mc');
    return d.length > 0 ? d : undefined;
  });
  const d = diags.find((x) => ruleOf(x) === expect.fixableRule);
  assert.ok(d, `expected ${expect.fixableRule}, got ${diags.map(ruleOf).join(',')}`);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  const target = typeof d.code === 'object' ? d.code.target : undefined;
  assert.ok(target && target.path.endsWith(`/docs/rules/${expect.fixableRule}.md`), String(target));
  // The other seed files were linted together (the set has more than one file).
  assert.ok(api.diagnostics.lastRun.files > 1, `linted ${api.diagnostics.lastRun.files} files`);
});

test('the quick fix, applied through the API, removes its diagnostic', async (api, expect) => {
  const uri = fileUri(expect.fixable);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const d = vscode.languages.getDiagnostics(uri).find((x) => ruleOf(x) === expect.fixableRule);
  assert.ok(d);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    d.range,
  );
  const fix = actions.find(
    (a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value && a.title.includes("params['match[]']"),
  );
  assert.ok(
    fix?.edit,
    `a quick fix among: ${actions.map((a) => `${a.title} [${a.kind?.value}] edit=${!!a.edit}`).join(' | ')}`,
  );
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await until('the diagnostic to go away', () =>
    vscode.languages.getDiagnostics(uri).some((x) => ruleOf(x) === expect.fixableRule) ? undefined : true,
  );
  // Undo by reverting the buffer, so the file on disk is untouched.
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('cluster names complete and hover in topology YAML', async (api) => {
  await api.ready;
  const uri = fileUri('progressive-pipeline.yaml');
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = doc
    .getText()
    .split('\n')
    .findIndex((l) => /^\s*cluster: us-east-prod/.test(l));
  assert.ok(line >= 0, 'a `cluster: us-east-prod` line');
  const col = doc.lineAt(line).text.indexOf('us-east-prod');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    new vscode.Position(line, col + 3),
  );
  const text = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
  assert.match(text, /region us-east-1/);
  assert.match(text, /regional-topology\.yaml:\d+/);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    new vscode.Position(line, doc.lineAt(line).text.length),
  );
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  for (const c of ['us-east-prod', 'eu-west-prod', 'ap-south-prod'])
    assert.ok(labels.includes(c), labels.join(','));
});

test('objects compare across clusters without status and identity fields', async (api, expect) => {
  const ctx = expect.contexts.find((c) => c !== expect.down)!;
  const uri = vscode.Uri.from({
    scheme: 'kubectl-mc',
    path: `/${ctx}/namespaces/_/kube-system.yaml`,
    query: 'compare',
  });
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  assert.match(text, /name: kube-system/);
  assert.doesNotMatch(text, /\buid:|resourceVersion:|creationTimestamp:|^status:/m);
  const full = await vscode.workspace.openTextDocument(uri.with({ query: '' }));
  assert.match(full.getText(), /\buid:/);
});

test('the Workloads view merges workloads across clusters, marks drift, names the failed cluster', async (api, expect) => {
  await vscode.commands.executeCommand('kubectl-mc.refreshWorkloads');
  await api.workloads.loaded;
  const all = api.workloads.snapshot();
  const shared = all.filter((w) => w.clusters.length > 1);
  assert.ok(shared.length > 0, 'some workload runs on several clusters');
  const drifted = all.filter((w) => w.drift.length > 0);
  console.log(
    `workloads: ${all.length} merged, ${shared.length} on several clusters, ${drifted.length} drifted`,
  );
  for (const w of drifted) {
    assert.equal(api.workloads.getTreeItem({ type: 'workload', workload: w }).contextValue, 'workload-drift');
    // A drift line names each differing value with its clusters.
    assert.match(w.drift[0]!, /^(image|replicas): .+ \(.+\) vs .+ \(.+\)/);
  }
  const roots = api.workloads.getChildren(undefined);
  const failed = roots
    .filter((r) => r.type === 'message' && r.error)
    .map((r) => (r as { text: string }).text);
  // The down cluster is named with its typed error (an RBAC-restricted context may be refused too).
  assert.ok(
    failed.some((t) => new RegExp(`^${expect.down}: (Unreachable|Timeout):`).test(t)),
    failed.join('\n'),
  );
  for (const t of failed) assert.match(t, /^\S+: (Unreachable|Timeout|Forbidden|Unauthorized):/);
  assert.ok(all.every((w) => w.clusters.every((c) => c.context !== expect.down)));
});

test('the Clusters view follows the kubeconfig: a changed setting and an edited file reload it', async (api, expect) => {
  const cfg = vscode.workspace.getConfiguration('kubectl-mc');
  const original = cfg.inspect<string[]>('kubeconfig')?.globalValue ?? [];
  assert.equal(original.length, 1, 'the test sets one kubeconfig in user settings');
  const copy = join(dirname(original[0]!), 'kubeconfig-copy.yaml');
  const doc = parse(readFileSync(original[0]!, 'utf8')) as { contexts: { name: string }[] };
  writeFileSync(copy, stringify(doc));
  try {
    await cfg.update('kubeconfig', [copy], vscode.ConfigurationTarget.Global);
    await until('the copy to be loaded', () => api.clusters.snapshot().length === expect.contexts.length);
    const dropped = doc.contexts.pop()!.name;
    writeFileSync(copy, stringify(doc));
    await until('the edited file to be reloaded', () => {
      const names = api.clusters.snapshot().map((e) => e.context);
      return names.length === expect.contexts.length - 1 && !names.includes(dropped);
    });
  } finally {
    await cfg.update('kubeconfig', original, vscode.ConfigurationTarget.Global);
    await until(
      'the original kubeconfig again',
      () => api.clusters.snapshot().length === expect.contexts.length,
    );
    rmSync(copy, { force: true });
  }
});

test('groupBy region groups the clusters by the workspace topology', async (api, expect) => {
  await api.ready;
  const cfg = vscode.workspace.getConfiguration('kubectl-mc');
  await cfg.update('groupBy', 'region', vscode.ConfigurationTarget.Global);
  try {
    const groups = await until('region groups', async () => {
      const roots = await api.clusters.getChildren(undefined);
      return roots.some((r) => r.type === 'group') ? roots : undefined;
    });
    const byLabel = new Map(
      groups.map((g) => [g.type === 'group' ? g.label : '', g.type === 'group' ? g.contexts : []]),
    );
    assert.deepEqual(byLabel.get('us-east-1'), ['us-east-prod']);
    assert.deepEqual(byLabel.get('ap-south-1'), [expect.down]);
    // Contexts the topology does not declare are not lost.
    const all = [...byLabel.values()].flat().sort();
    assert.deepEqual(all, [...expect.contexts].sort());
  } finally {
    await cfg.update('groupBy', undefined, vscode.ConfigurationTarget.Global);
  }
});

actionTests(test, until, fileUri);
alignTests(test);
changeTests(test, fileUri);

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<KubectlMcApi>('kubectl-mc.kubectl-mc-vscode');
  assert.ok(ext, 'the extension is installed');
  const api = await ext.activate();
  console.log(`activation: bundle load ${api.loadMs} ms, activate() ${api.activationMs} ms`);
  const raw = await vscode.workspace.fs.readFile(fileUri('.kubectl-mc-e2e.json'));
  const expect = JSON.parse(new TextDecoder().decode(raw)) as Expect;
  const failures: string[] = [];
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await t.fn(api, expect);
      console.log(`  ✔ ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
      console.log(`  ✖ ${t.name}\n${msg}`);
      failures.push(`${t.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  console.log(`${tests.length - failures.length} passing, ${failures.length} failing`);
  if (failures.length > 0) throw new Error(failures.join('\n'));
}
