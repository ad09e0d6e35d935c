/**
 * The changes from the trees and Plan rollout, inside a real VS Code: Restart rollout of a Deployment
 * selected on two clusters (the plan, the modal question, the rollout followed to done), Delete cancelled
 * and then confirmed, Scale on a protected context (a wrong name changes nothing, the right one scales),
 * read-only mode refusing before any question, and the Plan rollout code lens of the seed pipeline.
 * test/e2e/vscode.test.ts then checks each change with the real kubectl on each cluster.
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import type { KubectlMcApi } from '../../src/extension.js';
import type { ChangeResult } from '../../src/actions/changes.js';
import type { Node } from '../../src/tree/provider.js';

export interface ChangesExpect {
  /** Where the changes go: web restarted and scaled, `editor-doomed` deleted, `editor-kept` kept. */
  change: { contexts: string[]; protectedContext: string; environment: string; replicas: number };
  down: string;
}

type Test = (name: string, fn: (api: KubectlMcApi, expect: ChangesExpect) => Promise<void>) => void;

const node = (context: string, resource: string, namespace: string, name: string): Node => ({
  type: 'object',
  context,
  resource,
  namespace,
  name,
});

/** Record the questions asked and answer them as told. */
function answer(api: KubectlMcApi, confirm: boolean, typed?: string) {
  const asked: { question: string; detail: string; button: string }[] = [];
  const prompts: string[] = [];
  api.changes.confirm = (question, detail, button) => {
    asked.push({ question, detail, button });
    return Promise.resolve(confirm);
  };
  api.changes.askText = ({ prompt }) => {
    prompts.push(prompt);
    return Promise.resolve(typed);
  };
  return { asked, prompts };
}

export function changeTests(test: Test, fileUri: (rel: string) => vscode.Uri): void {
  test('Restart Rollout of a Deployment selected on two clusters: plan, question, rollout followed', async (api, expect) => {
    const [a, b] = expect.change.contexts as [string, string];
    const web = [
      node(a, 'deployments.apps', 'production', 'web'),
      node(b, 'deployments.apps', 'production', 'web'),
    ];
    assert.equal(api.clusters.getTreeItem(web[0]!).contextValue, 'resource-logs-deployment');
    const { asked } = answer(api, true);
    const r = await vscode.commands.executeCommand<ChangeResult>('kubectl-mc.restartRollout', web[0], web);
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.question, `Restart deployment.apps/web on 2 clusters (${a}, ${b})?`);
    assert.equal(asked[0]!.button, 'Restart');
    assert.match(asked[0]!.detail, /^CLUSTER\s+OBJECT\s+NAMESPACE\s+CHANGE\n/);
    assert.deepEqual(r.outcome?.clusters, [
      { context: a, ok: true },
      { context: b, ok: true },
    ]);
    const rows = await r.status!;
    assert.deepEqual(
      rows.map((x) => [x.context, x.outcome]),
      [
        [a, 'done'],
        [b, 'done'],
      ],
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Delete… cancelled deletes nothing; confirmed deletes on both clusters', async (api, expect) => {
    const [a, b] = expect.change.contexts as [string, string];
    const kept = [
      node(a, 'configmaps', 'default', 'editor-kept'),
      node(b, 'configmaps', 'default', 'editor-kept'),
    ];
    const cancelled = answer(api, false);
    const r1 = await vscode.commands.executeCommand<ChangeResult>('kubectl-mc.delete', kept[0], kept);
    assert.equal(cancelled.asked[0]!.question, `Delete 2 objects on 2 clusters (${a}, ${b})?`);
    assert.equal(r1.nothing, 'Nothing was deleted.');
    assert.equal(r1.outcome, undefined);
    const doomed = [
      node(a, 'configmaps', 'default', 'editor-doomed'),
      node(b, 'configmaps', 'default', 'editor-doomed'),
    ];
    answer(api, true);
    const r2 = await vscode.commands.executeCommand<ChangeResult>('kubectl-mc.delete', doomed[0], doomed);
    assert.deepEqual(r2.outcome?.errors, []);
    assert.match(
      r2.outcome!.table,
      new RegExp(`^${b}\\s+configmap/editor-doomed\\s+default\\s+deleted$`, 'm'),
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Scale… on a protected context needs its environment typed', async (api, expect) => {
    const ctx = expect.change.protectedContext;
    const config = fileUri('.kubectl-mc.yaml').fsPath;
    writeFileSync(config, `protected:\n  - context: ${ctx}\n    environment: ${expect.change.environment}\n`);
    try {
      const web = node(ctx, 'deployments.apps', 'production', 'web');
      const wrong = answer(api, true, 'y');
      const r1 = await vscode.commands.executeCommand<ChangeResult>(
        'kubectl-mc.scale',
        web,
        [web],
        expect.change.replicas,
      );
      assert.match(
        wrong.asked[0]!.question,
        new RegExp(`\\nProtected \\(${expect.change.environment}\\): ${ctx}\\.$`),
      );
      assert.deepEqual(wrong.prompts, [`Type "${expect.change.environment}" to continue`]);
      assert.equal(r1.nothing, `Nothing was scaled. "${expect.change.environment}" was not typed.`);
      assert.equal(r1.outcome, undefined);
      answer(api, true, expect.change.environment);
      const r2 = await vscode.commands.executeCommand<ChangeResult>(
        'kubectl-mc.scale',
        web,
        [web],
        expect.change.replicas,
      );
      assert.deepEqual(r2.outcome?.clusters, [{ context: ctx, ok: true }]);
    } finally {
      rmSync(config, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('read-only mode refuses a change before any question', async (api, expect) => {
    const cfg = vscode.workspace.getConfiguration('kubectl-mc');
    await cfg.update('readonly', true, vscode.ConfigurationTarget.Workspace);
    try {
      const { asked } = answer(api, true);
      const n = node(expect.change.contexts[0]!, 'configmaps', 'default', 'editor-kept');
      const r = await vscode.commands.executeCommand<ChangeResult>('kubectl-mc.delete', n, [n]);
      assert.equal(r.nothing, 'read-only');
      assert.equal(asked.length, 0);
    } finally {
      await cfg.update('readonly', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('Plan rollout: a code lens over the pipeline opens the plan as kubectl mc rollout plan prints it', async (api, expect) => {
    const pipeline = fileUri('progressive-pipeline.yaml');
    const app = fileUri('editor-app.yaml');
    writeFileSync(
      app.fsPath,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: editor-planned\n  namespace: default\ndata:\n  v: "1"\n',
    );
    try {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        pipeline,
      );
      const plan = lenses.find((l) => l.command?.title === 'Plan rollout');
      assert.ok(plan?.command, lenses.map((l) => l.command?.title).join(', '));
      assert.equal(plan.command.command, 'kubectl-mc.planRollout');
      const text = await vscode.commands.executeCommand<string>(
        plan.command.command,
        ...(plan.command.arguments ?? []),
        [app.fsPath],
      );
      assert.match(text, /^Pipeline progressive-pipeline\.yaml: 3 stages, 3 clusters\n\nSTAGE\s+CLUSTERS/);
      assert.match(text, /\nChanges \(server-side dry run, nothing applied\):\nCLUSTER\s+OBJECT/);
      assert.match(text, /configmap\/editor-planned\s+default\s+created/);
      assert.match(text, new RegExp(`^error: context "${expect.down}": `, 'm'));
      const doc = vscode.window.activeTextEditor?.document;
      assert.equal(doc?.uri.scheme, 'kubectl-mc-view');
      assert.equal(doc?.getText(), text);
      assert.equal(api.pipelines.lastText, text);
    } finally {
      rmSync(app.fsPath, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
}
