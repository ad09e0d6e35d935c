/** Read-only documents the actions show (describe, events, plans, diffs): text held in memory. */
import * as vscode from 'vscode';
import { pathPart } from './targets.js';

export const VIEW_SCHEME = 'kubectl-mc-view';

export class ViewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, this);

  /** A URI whose path (what the tab shows) is made of `parts`; its text is `text`. */
  put(parts: string[], text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: VIEW_SCHEME, path: '/' + parts.map(pathPart).join('/') });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Put the text and show it in an editor (preview, read-only). */
  async show(parts: string[], text: string, language = 'plaintext'): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(this.put(parts, text));
    await vscode.languages.setTextDocumentLanguage(doc, language);
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
