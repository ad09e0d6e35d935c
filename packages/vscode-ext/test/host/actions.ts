/**
 * The actions, inside a real VS Code: Describe and Events of a Workloads row and of a tree object, Logs
 * followed from two clusters with escapes visible, a YAML tab named with visible escapes, Diff and Apply
 * of an open manifest to two clusters (a cancelled apply changes nothing). test/e2e/vscode.test.ts then
 * checks the applied objects with the real kubectl on each cluster.
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { KubectlMcApi } from '../../src/extension.js';
import type { LogsSession } from '../../src/actions/logs.js';
import type { ApplyPlan } from '../../src/fleet/actions.js';
import type { Node } from '../../src/tree/provider.js';
import { safe } from '../../src/text.js';

export interface ActionsExpect {
  down: string;
  /** A pod on two clusters whose name holds control characters (a hostile server's). */
  evil: { contexts: string[]; namespace: string; name: string };
  /** Where the manifest is applied: `editor-applied` (confirmed) and `editor-cancelled` (cancelled). */
  apply: { contexts: string[] };
}

type Test = (name: string, fn: (api: KubectlMcApi, expect: ActionsExpect) => Promise<void>) => void;
type Until = <T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms?: number,
) => Promise<T>;

const manifest = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\ndata:\n  key: ${value}\n`;

const viewTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'kubectl-mc-view',
    );

export function actionTests(test: Test, until: Until, fileUri: (rel: string) => vscode.Uri): void {
  test('Describe and Events of a Workloads row: one section per cluster, one table across them', async (api) => {
    await api.workloads.loaded;
    const web = api.workloads.snapshot().find((w) => w.clusters.length > 1 && w.kind === 'Deployment');
    assert.ok(web, 'a Deployment on several clusters');
    const node = { type: 'workload' as const, workload: web };
    const text = await vscode.commands.executeCommand<string>('kubectl-mc.describe', node);
    const heads = [...text.matchAll(/^=== (.*) ===$/gm)].map((m) => m[1]);
    assert.deepEqual(
      heads,
      web.clusters.map((c) => c.context),
    );
    assert.equal((text.match(new RegExp(`^Name:\\s+${web.name}$`, 'gm')) ?? []).length, web.clusters.length);
    const editor = await until('the describe document', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'kubectl-mc-view'
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.equal(editor.document.getText(), text);
    const events = await vscode.commands.executeCommand<string>('kubectl-mc.events', node);
    assert.match(events.split('\n')[0]!, /^CLUSTER\s+LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Describe of a tree object on a cluster that is down names the failure', async (api, expect) => {
    const node: Node = {
      type: 'object',
      context: expect.down,
      resource: 'pods',
      namespace: 'default',
      name: 'x',
    };
    const text = await vscode.commands.executeCommand<string>('kubectl-mc.describe', node);
    assert.match(text, new RegExp(`^=== ${expect.down} ===\\nerror: context "${expect.down}": `));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Logs follow a pod on two clusters, each line prefixed, escapes visible; stopping ends it', async (api, expect) => {
    const pods = expect.evil.contexts.map((context): Node => ({
      type: 'object',
      context,
      resource: 'pods',
      namespace: expect.evil.namespace,
      name: expect.evil.name,
    }));
    assert.equal(api.clusters.getTreeItem(pods[0]!).contextValue, 'resource-logs');
    const sessions: LogsSession[] = [];
    for (const p of pods)
      sessions.push(await vscode.commands.executeCommand<LogsSession>('kubectl-mc.logs', p));
    const prefix = (c: string) => `${c}/${safe(expect.evil.name)}/`;
    await until(
      'lines from both clusters',
      () =>
        sessions.every((s, i) => s.lines.some((l) => l.startsWith(prefix(expect.evil.contexts[i]!)))) ||
        undefined,
    );
    const lines = sessions.flatMap((s) => s.lines);
    assert.ok(
      lines.every((l) => ![...l].some((ch) => ch < ' ')),
      JSON.stringify(lines.slice(0, 5)),
    );
    assert.ok(
      lines.some((l) => l.includes('^[')),
      'the escape in the log is shown as ^[',
    );
    for (const s of sessions) {
      assert.equal(s.stopped, false, 'still following');
      s.stop();
      await s.done;
      assert.equal(s.lines.at(-1), '(stopped)');
    }
  });

  test('Logs of a Container… follows the chosen container only', async (_api, expect) => {
    const pod: Node = {
      type: 'object',
      context: expect.evil.contexts[0]!,
      resource: 'pods',
      namespace: expect.evil.namespace,
      name: expect.evil.name,
    };
    const s = await vscode.commands.executeCommand<LogsSession>('kubectl-mc.containerLogs', pod, 'evil');
    await until('a line', () => s.lines.find((l) => l.startsWith(`${expect.evil.contexts[0]!}/`)));
    assert.ok(
      s.lines.every((l) => l.startsWith('(') || l.includes('/evil ')),
      s.lines.join('\n'),
    );
    s.stop();
    await s.done;
  });

  test('the YAML tab of an object whose name needed escaping shows the escapes, not percent-encoding', async (_api, expect) => {
    const pod: Node = {
      type: 'object',
      context: expect.evil.contexts[0]!,
      resource: 'pods',
      namespace: expect.evil.namespace,
      name: expect.evil.name,
    };
    await vscode.commands.executeCommand('kubectl-mc.openYaml', pod);
    const editor = await until('the YAML editor', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'kubectl-mc'
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.match(editor.document.getText(), /kind: Pod/);
    const label = vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '';
    assert.equal(label, `${safe(expect.evil.name)}.yaml`);
    assert.doesNotMatch(label, /%1B|%5D/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Reveal in Clusters from a Workloads row: each parent lists its child, the reveal resolves', async (api) => {
    await api.workloads.loaded;
    const web = api.workloads.snapshot().find((w) => w.clusters.length > 1 && w.kind === 'Deployment');
    assert.ok(web);
    const context = web.clusters[1]!.context;
    let node: Node = {
      type: 'object',
      context,
      resource: 'deployments.apps',
      namespace: web.namespace,
      name: web.name,
    };
    const chain: string[] = [];
    for (let parent = api.clusters.getParent(node); parent; parent = api.clusters.getParent(node)) {
      const ids = (await api.clusters.getChildren(parent)).map((c) => api.clusters.getTreeItem(c).id);
      assert.ok(
        ids.includes(api.clusters.getTreeItem(node).id),
        `${parent.type} lists ${String(api.clusters.getTreeItem(node).id)}`,
      );
      chain.push(parent.type);
      node = parent;
    }
    assert.deepEqual(chain.slice(0, 4), ['kind', 'namespace', 'folder', 'cluster']);
    const ok = await vscode.commands.executeCommand<boolean>('kubectl-mc.revealInClusters', {
      type: 'instance',
      context,
      workload: web,
    });
    assert.equal(ok, true);
  });

  test('a user who may list only its namespace sees it in the tree, not an error; its pods list', async (api) => {
    const restricted = api.clusters.snapshot().find((e) => e.context.endsWith('-restricted'));
    assert.ok(restricted, 'the fleet has a restricted context');
    const namespaces = await api.clusters.getChildren({
      type: 'folder',
      context: restricted.context,
      folder: 'namespaces',
    });
    assert.deepEqual(namespaces, [{ type: 'namespace', context: restricted.context, namespace: 'default' }]);
    const kinds = await api.clusters.getChildren(namespaces[0]);
    const pods = await api.clusters.getChildren(
      kinds.find((k) => k.type === 'kind' && k.resource === 'pods'),
    );
    assert.ok(pods.length > 0 && pods.every((p) => p.type === 'object'), JSON.stringify(pods.slice(0, 2)));
    // an admin's context lists every namespace, the context's own first
    const admin = restricted.context.replace(/-restricted$/, '');
    const all = await api.clusters.getChildren({ type: 'folder', context: admin, folder: 'namespaces' });
    assert.ok(all.length > 1);
    assert.deepEqual(all[0], { type: 'namespace', context: admin, namespace: 'default' });
  });

  test('Diff of the open manifest against two clusters: one diff editor per cluster (server dry run)', async (_api, expect) => {
    const uri = fileUri('editor-applied.yaml');
    writeFileSync(uri.fsPath, manifest('editor-applied', 'from-the-editor'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await until('the code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        uri,
      );
      return l.length > 0 ? l : undefined;
    });
    assert.deepEqual(lenses.map((l) => l.command?.command).sort(), [
      'kubectl-mc.applyManifest',
      'kubectl-mc.diffManifest',
    ]);
    const plan = await vscode.commands.executeCommand<ApplyPlan>(
      'kubectl-mc.diffManifest',
      uri,
      expect.apply.contexts,
    );
    assert.equal(plan.changes, expect.apply.contexts.length);
    const tabs = await until('a diff editor per cluster', () =>
      viewTabs().length === expect.apply.contexts.length ? viewTabs() : undefined,
    );
    for (const c of expect.apply.contexts)
      assert.ok(
        tabs.some((t) => t.label.includes(c)),
        tabs.map((t) => t.label).join(', '),
      );
    const right = (tabs[0]!.input as vscode.TabInputTextDiff).modified;
    assert.match((await vscode.workspace.openTextDocument(right)).getText(), /key: from-the-editor/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Apply of the open manifest: cancelled changes nothing; confirmed applies on both clusters', async (api, expect) => {
    const cancelled = fileUri('editor-cancelled.yaml');
    writeFileSync(cancelled.fsPath, manifest('editor-cancelled', 'never'));
    const asked: string[] = [];
    api.actions.confirm = async (question) => {
      asked.push(question);
      return false;
    };
    try {
      const none = await vscode.commands.executeCommand(
        'kubectl-mc.applyManifest',
        cancelled,
        expect.apply.contexts,
      );
      assert.equal(none, undefined);
      assert.deepEqual(asked, [`Apply 2 changes to 2 clusters (${expect.apply.contexts.join(', ')})?`]);
      assert.match(api.actions.lastPlan?.table ?? '', /configmap\/editor-cancelled\s+default\s+created/);
      api.actions.confirm = async () => true;
      const result = await vscode.commands.executeCommand<string>(
        'kubectl-mc.applyManifest',
        fileUri('editor-applied.yaml'),
        expect.apply.contexts,
      );
      for (const c of expect.apply.contexts)
        assert.match(result, new RegExp(`^${c}\\s+configmap/editor-applied\\s+default\\s+created$`, 'm'));
    } finally {
      api.actions.confirm = async () => false;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
}

export function alignTests(test: Test): void {
  test('Align with cluster on a drifted workload: the plan on the others, then applied on confirmation', async (api) => {
    await vscode.commands.executeCommand('kubectl-mc.refreshWorkloads');
    await api.workloads.loaded;
    const drifted = api.workloads.snapshot().find((w) => w.drift.some((d) => d.startsWith('image:')));
    assert.ok(drifted, 'a workload whose image drifts');
    const node = { type: 'workload' as const, workload: drifted };
    assert.equal(api.workloads.getTreeItem(node).contextValue, 'workload-drift');
    const from = drifted.clusters[0]!.context;
    const asked: string[] = [];
    api.actions.confirm = async (q) => {
      asked.push(q);
      return true;
    };
    try {
      const result = await vscode.commands.executeCommand<string>('kubectl-mc.align', node, from);
      assert.equal(asked.length, 1);
      assert.ok(!api.actions.lastPlan?.changing.includes(from), 'the reference cluster is not changed');
      assert.match(result, /configured/);
      await vscode.commands.executeCommand('kubectl-mc.refreshWorkloads');
      await api.workloads.loaded;
      const after = api.workloads.snapshot().find((w) => w.key === drifted.key);
      assert.ok(after && !after.drift.some((d) => d.startsWith('image:')), after?.drift.join('\n'));
    } finally {
      api.actions.confirm = async () => false;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('the filter box narrows the clusters and the namespaces; emptied, everything is back', async (api, expect) => {
    try {
      await vscode.commands.executeCommand('kubectl-mc.filter', { clusters: '*-prod', namespaces: 'prod' });
      const roots = await api.clusters.getChildren(undefined);
      const shown = roots.map((r) => (r.type === 'cluster' ? r.context : r.type));
      assert.ok(shown.length > 0 && shown.every((c) => c.endsWith('-prod')), shown.join(', '));
      const ctx = shown.find((c) => c !== expect.down)!;
      const ns = await api.clusters.getChildren({ type: 'folder', context: ctx, folder: 'namespaces' });
      assert.deepEqual(
        ns.map((n) => (n.type === 'namespace' ? n.namespace : n.type)),
        ['production'],
      );
    } finally {
      await vscode.commands.executeCommand('kubectl-mc.filter', { clusters: '', namespaces: '' });
    }
    const all = await api.clusters.getChildren(undefined);
    assert.equal(all.length, api.clusters.snapshot().length);
  });
}
