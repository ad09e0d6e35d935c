/**
 * A code lens over each Kubernetes object of a YAML file (a document with top-level `apiVersion:` and
 * `kind:`): Diff against clusters… and Apply to clusters… of the whole file. Only in a trusted workspace.
 */
import * as vscode from 'vscode';
import { manifestStarts } from './lens-text.js';

export class ManifestLenses implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || doc.uri.scheme !== 'file') return [];
    return manifestStarts(doc.getText()).flatMap((line) => {
      const range = new vscode.Range(line, 0, line, 0);
      return [
        new vscode.CodeLens(range, {
          title: 'Diff against clusters…',
          command: 'kubectl-mc.diffManifest',
          arguments: [doc.uri],
        }),
        new vscode.CodeLens(range, {
          title: 'Apply to clusters…',
          command: 'kubectl-mc.applyManifest',
          arguments: [doc.uri],
        }),
      ];
    });
  }
}
