/**
 * `Plan rollout`: a code lens over each `pipeline:` document of a YAML file. It asks which manifests to
 * roll out (the workspace's Kubernetes manifests, in a quick pick), then opens the plan as
 * `kubectl mc rollout plan -f … --pipeline FILE` prints it, in a read-only document. The plan is core's
 * (`planPipeline`, in the fleet bundle); nothing is changed on any cluster. Trusted workspaces only.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { FleetConnection } from '../connection.js';
import { safe } from '../text.js';
import type { ViewDocuments } from './documents.js';
import { manifestStarts, pipelineStarts } from './lens-text.js';
import { cancellableProgress } from './progress.js';

export class PipelineLenses implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || doc.uri.scheme !== 'file') return [];
    return pipelineStarts(doc.getText()).map(
      (line) =>
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: 'Plan rollout',
          command: 'kubectl-mc.planRollout',
          arguments: [doc.uri],
        }),
    );
  }
}

export class PipelineActions implements vscode.Disposable {
  /** The last plan's text (tests read it). */
  lastText: string | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly connection: FleetConnection,
    private readonly documents: ViewDocuments,
  ) {
    this.disposables = [
      vscode.languages.registerCodeLensProvider({ language: 'yaml', scheme: 'file' }, new PipelineLenses()),
      vscode.commands.registerCommand('kubectl-mc.planRollout', (uri?: vscode.Uri, manifests?: string[]) =>
        this.plan(uri, manifests),
      ),
    ];
  }

  /** The workspace's YAML files holding Kubernetes objects, but the pipeline's own. */
  private async pickManifests(pipeline: vscode.Uri): Promise<string[] | undefined> {
    const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,.git}/**', 2000);
    const items: (vscode.QuickPickItem & { path: string })[] = [];
    for (const f of files.sort((x, y) => x.fsPath.localeCompare(y.fsPath))) {
      if (f.fsPath === pipeline.fsPath) continue;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(f));
      if (manifestStarts(text).length === 0) continue;
      items.push({ label: safe(vscode.workspace.asRelativePath(f)), path: f.fsPath });
    }
    if (items.length === 0) {
      void vscode.window.showErrorMessage('kubectl-mc: no Kubernetes manifest in the workspace to roll out.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: `Plan the rollout of which manifests along ${safe(basename(pipeline.fsPath))}?`,
      canPickMany: true,
    });
    return picked && picked.length > 0 ? picked.map((p) => p.path) : undefined;
  }

  /** Plan the rollout of `manifests` (files or folders; asked when absent) along the pipeline file. */
  async plan(uri?: vscode.Uri, manifests?: string[]): Promise<string | undefined> {
    const pipeline = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!pipeline) return undefined;
    this.connection.start();
    const backend = this.connection.backend;
    if (!backend) {
      void vscode.window.showErrorMessage('kubectl-mc: no kubeconfig loaded (untrusted workspace or none).');
      return undefined;
    }
    const files = manifests && manifests.length > 0 ? manifests : await this.pickManifests(pipeline);
    if (!files) return undefined;
    const cwd =
      vscode.workspace.getWorkspaceFolder(pipeline)?.uri.fsPath ?? vscode.Uri.joinPath(pipeline, '..').fsPath;
    let text: string;
    try {
      const out = await cancellableProgress(
        `Planning the rollout along ${safe(basename(pipeline.fsPath))} (server dry run)`,
        (_report, signal) =>
          backend.planPipeline(
            { cwd, pipeline: pipeline.fsPath, manifests: files },
            AbortSignal.any([signal, AbortSignal.timeout(60_000)]),
          ),
      );
      text = out.text;
    } catch (e) {
      text = `error: ${safe(e instanceof Error ? e.message : String(e))}\n`;
    }
    this.lastText = text;
    await this.documents.show(['rollout plan', `${basename(pipeline.fsPath)}.txt`], text);
    return text;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
