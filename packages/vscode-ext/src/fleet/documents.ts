/** Read-only YAML of one object, as a `kubectl-mc:` virtual document (core's `Fleet.objectYaml`). */
import * as vscode from 'vscode';
import type { FleetBackend } from './backend.js';
import { isCompare, parseResourceUri } from './uri.js';

export class ResourceDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly backend: () => FleetBackend | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const p = parseResourceUri(uri.path, uri.query);
    const backend = this.backend();
    if (!p) return `# not a kubectl-mc resource: ${uri.path}\n`;
    if (!backend) return '# no kubeconfig loaded (untrusted workspace or no kubeconfig)\n';
    const ac = new AbortController();
    const sub = token.onCancellationRequested(() => ac.abort());
    try {
      return await backend.fleet().objectYaml(p.context, p.resource, p.name, {
        ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
        signal: AbortSignal.any([ac.signal, AbortSignal.timeout(15_000)]),
        compare: isCompare(uri.query),
      });
    } catch (e) {
      const kind = (e as { kind?: string }).kind ?? 'Error';
      const msg = (e instanceof Error ? e.message : String(e)).replace(/\n/g, ' ');
      return `# ${kind}: ${msg}\n`;
    } finally {
      sub.dispose();
    }
  }
}
