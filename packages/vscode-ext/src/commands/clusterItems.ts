/** The commands on the Clusters view's items: open an object's YAML, compare it, a terminal, copy a name. */
import * as vscode from 'vscode';
import { kubeconfigFiles } from '../config.js';
import { safe } from '../text.js';
import { ClustersProvider, type Node } from '../tree/provider.js';
import { compareTargets, nameToCopy, terminalCommand, terminalEnv } from './targets.js';

/** Its YAML, read-only, from the cluster. */
export async function openYaml(n: Node | undefined): Promise<void> {
  if (n?.type !== 'object') return;
  const doc = await vscode.workspace.openTextDocument(ClustersProvider.uriOf(n));
  await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** A diff of the object with the same object in another healthy cluster the user picks. */
export async function compareWithCluster(n: Node | undefined, clusters: ClustersProvider): Promise<void> {
  if (n?.type !== 'object') return;
  const others = compareTargets(clusters.snapshot(), n.context);
  if (others.length === 0) {
    void vscode.window.showInformationMessage('No other healthy cluster to compare with.');
    return;
  }
  const other = await vscode.window.showQuickPick(others, {
    title: `Compare ${n.resource} ${safe(n.name)} (${safe(n.context)}) with…`,
  });
  if (!other) return;
  const left = ClustersProvider.uriOf(n, true);
  const right = ClustersProvider.uriOf({ ...n, context: other }, true);
  const title = `${safe(n.name)}: ${safe(n.context)} ↔ ${safe(other)}`;
  await vscode.commands.executeCommand('vscode.diff', left, right, title, {
    preview: true,
  });
}

/** A terminal on the cluster's context, with a kubectl command typed for the user to run. */
export function openTerminal(n: Node | undefined): void {
  if (n?.type !== 'cluster') return;
  const env = terminalEnv(kubeconfigFiles(), process.platform);
  const terminal = vscode.window.createTerminal({ name: `kubectl ${n.context}`, ...(env ? { env } : {}) });
  terminal.show();
  terminal.sendText(terminalCommand(n.context), false);
}

export async function copyName(n: Node | undefined): Promise<void> {
  const name = nameToCopy(n);
  if (name !== undefined) await vscode.env.clipboard.writeText(name);
}
