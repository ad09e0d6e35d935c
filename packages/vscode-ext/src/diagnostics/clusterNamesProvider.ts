/** Completion and hover of cluster names in YAML: the workspace topology's clusters and the kubeconfig's contexts. */
import * as vscode from 'vscode';
import { clusterNameAt, wordAt } from './clusterNames.js';
import type { ClusterEntry } from '../fleet/health.js';
import { describeCluster, type TopologyCluster } from '../tree/model.js';

export interface ClusterNameSource {
  topology(): readonly TopologyCluster[];
  /** Kubeconfig contexts with their health (empty until the Clusters view has loaded). */
  contexts(): readonly ClusterEntry[];
}

export class ClusterNames implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(private readonly source: ClusterNameSource) {}

  provideCompletionItems(
    doc: vscode.TextDocument,
    pos: vscode.Position,
  ): vscode.CompletionItem[] | undefined {
    const before = doc.lineAt(pos.line).text.slice(0, pos.character);
    const at = clusterNameAt(before, (n) => (pos.line - n >= 0 ? doc.lineAt(pos.line - n).text : undefined));
    if (!at) return undefined;
    const range = new vscode.Range(pos.line, pos.character - at.prefix.length, pos.line, pos.character);
    const items = new Map<string, vscode.CompletionItem>();
    for (const t of this.source.topology()) {
      const name = t.name ?? t.context;
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Value);
      item.detail = [t.region, t.environment].filter(Boolean).join(' · ') || 'topology cluster';
      item.range = range;
      items.set(name, item);
    }
    for (const c of this.source.contexts()) {
      if (items.has(c.context)) continue;
      const item = new vscode.CompletionItem(c.context, vscode.CompletionItemKind.Reference);
      item.detail = `kubeconfig context · ${describeCluster(c).description}`;
      item.range = range;
      items.set(c.context, item);
    }
    return [...items.values()];
  }

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const w = wordAt(doc.lineAt(pos.line).text, pos.character);
    if (!w) return undefined;
    const decl = this.source.topology().find((t) => (t.name ?? t.context) === w.word);
    const ctx = this.source.contexts().find((c) => c.context === (decl?.context ?? w.word));
    if (!decl && !ctx) return undefined;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**cluster** \`${w.word}\``);
    if (decl) {
      const where = decl.file ? ` — ${vscode.workspace.asRelativePath(decl.file)}:${decl.line ?? 1}` : '';
      const facts = [
        decl.region && `region ${decl.region}`,
        decl.environment && `environment ${decl.environment}`,
      ]
        .filter(Boolean)
        .join(', ');
      md.appendMarkdown(`\n\ntopology: ${facts || 'declared'}${where}`);
    }
    if (ctx) md.appendMarkdown(`\n\ncontext \`${ctx.context}\`: ${describeCluster(ctx).description}`);
    return new vscode.Hover(md, new vscode.Range(pos.line, w.start, pos.line, w.end));
  }
}
