/**
 * Topology diagnostics for the workspace: every YAML file matching `kubectl-mc.lint.include` is linted
 * together with core's `lintDocuments` (cross-file references), on open and on change (debounced), and
 * quick fixes come from each diagnostic's `fix`.
 */
import * as vscode from 'vscode';
import { lintDocuments, rules } from '@kubectl-mc/core';
import { LintSession, debounce } from './session.js';
import { rangesTouch, type EditorDiagnostic, type ZeroRange } from './convert.js';
import { globMatch } from './glob.js';

const MAX_FILES = 5000;
export const SOURCE = 'kubectl-mc';

const toRange = (r: ZeroRange) => new vscode.Range(r.startLine, r.startCharacter, r.endLine, r.endCharacter);
const fromRange = (r: vscode.Range): ZeroRange => ({
  startLine: r.start.line,
  startCharacter: r.start.character,
  endLine: r.end.line,
  endCharacter: r.end.character,
});

export class TopologyDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  private readonly collection = vscode.languages.createDiagnosticCollection('kubectl-mc');
  private readonly session: LintSession;
  private readonly current = new Map<string, EditorDiagnostic[]>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly schedule = debounce(() => this.relint(), 200);
  private include = '**/*.{yaml,yml}';
  private exclude = '';
  private scanning: vscode.CancellationTokenSource | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every lint run (tests and the status line listen). */
  readonly onDidLint = this.changed.event;
  lastRun = { files: 0, diagnostics: 0, ms: 0 };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const docs = new Map(rules.map((r) => [r.id, r.docs]));
    this.session = new LintSession(lintDocuments, (rule) => docs.get(rule));
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidOpenTextDocument((d) => this.onText(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onText(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.reloadFromDisk(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kubectl-mc.lint')) void this.scan();
      }),
      vscode.languages.registerCodeActionsProvider({ language: 'yaml' }, this, {
        providedCodeActionKinds: TopologyDiagnostics.providedCodeActionKinds,
      }),
      { dispose: () => this.schedule.cancel() },
      { dispose: () => this.scanning?.cancel() },
    );
    this.watch();
  }

  private watcher: vscode.FileSystemWatcher | undefined;
  private watch(): void {
    this.watcher?.dispose();
    const w = vscode.workspace.createFileSystemWatcher(this.readSettings().include);
    this.watcher = w;
    w.onDidCreate((u) => void this.reloadFromDisk(u));
    w.onDidChange((u) => void this.reloadFromDisk(u));
    w.onDidDelete((u) => {
      if (this.session.delete(u.fsPath)) this.schedule();
    });
  }

  private readSettings(): { include: string; exclude: string } {
    const cfg = vscode.workspace.getConfiguration('kubectl-mc.lint');
    return {
      include: cfg.get<string>('include') || '**/*.{yaml,yml}',
      exclude: cfg.get<string>('exclude') ?? '',
    };
  }

  private matches(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file') return false;
    const rel = vscode.workspace.asRelativePath(uri, false);
    if (rel === uri.fsPath && vscode.workspace.workspaceFolders?.length) return false; // outside the workspace
    return globMatch(this.include, rel) && !(this.exclude && globMatch(this.exclude, rel));
  }

  /** Find every matching file, read it, lint the set. Resolves when the first lint has been published. */
  async scan(): Promise<void> {
    const { include, exclude } = this.readSettings();
    const rewatch = include !== this.include;
    this.include = include;
    this.exclude = exclude;
    if (rewatch) this.watch();
    this.scanning?.cancel();
    const cts = (this.scanning = new vscode.CancellationTokenSource());
    const uris = await vscode.workspace.findFiles(include, exclude || undefined, MAX_FILES, cts.token);
    if (cts.token.isCancellationRequested) return;
    if (uris.length >= MAX_FILES)
      this.log.warn(`lint: more than ${MAX_FILES} files match ${include}; only the first are linted`);
    for (const p of this.session.paths()) this.session.delete(p);
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    await Promise.allSettled(
      uris.map(async (u) => {
        const doc = open.get(u.toString());
        const text = doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(u));
        this.session.set(u.fsPath, text);
      }),
    );
    if (cts.token.isCancellationRequested) return;
    this.relint();
  }

  private onText(doc: vscode.TextDocument): void {
    if (!this.matches(doc.uri)) return;
    // Only the changed file's text is taken again; the set is relinted (references cross files).
    if (this.session.set(doc.uri.fsPath, doc.getText())) this.schedule();
  }

  private async reloadFromDisk(uri: vscode.Uri): Promise<void> {
    if (!this.matches(uri)) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.isDirty);
    if (open) return;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (this.session.set(uri.fsPath, text)) this.schedule();
    } catch {
      if (this.session.delete(uri.fsPath)) this.schedule();
    }
  }

  /** The text of every file in the lint set. */
  texts(): { path: string; text: string }[] {
    return this.session.files();
  }

  /** Lint every known file now (tests call this to avoid waiting for the debounce). */
  relint(): void {
    this.schedule.cancel();
    const t0 = performance.now();
    const out = this.session.run();
    for (const f of out.cleared) {
      this.collection.delete(vscode.Uri.file(f));
      this.current.delete(f);
    }
    let count = 0;
    for (const [file, diags] of out.byFile) {
      count += diags.length;
      this.current.set(file, diags);
      this.collection.set(
        vscode.Uri.file(file),
        diags.map((d) => this.toVscode(d)),
      );
    }
    this.lastRun = { files: out.files, diagnostics: count, ms: Math.round(performance.now() - t0) };
    this.log.debug(`lint: ${out.files} files, ${count} diagnostics in ${this.lastRun.ms} ms`);
    this.changed.fire();
  }

  private docsUri(d: EditorDiagnostic): vscode.Uri {
    const base = d.docs.split('/').pop() ?? `${d.rule}.md`;
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'docs', 'rules', base);
  }

  private toVscode(d: EditorDiagnostic): vscode.Diagnostic {
    const v = new vscode.Diagnostic(toRange(d.range), d.message, d.severity as vscode.DiagnosticSeverity);
    v.source = SOURCE;
    v.code = { value: d.rule, target: this.docsUri(d) };
    if (d.related.length > 0) {
      v.relatedInformation = d.related.map(
        (r) =>
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(vscode.Uri.file(r.file), toRange(r.range)),
            r.message,
          ),
      );
    }
    return v;
  }

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const mine = this.current.get(document.uri.fsPath) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const diag of context.diagnostics) {
      if (diag.source !== SOURCE) continue;
      const rule = typeof diag.code === 'object' ? String(diag.code.value) : String(diag.code);
      const found = mine.find(
        (m) =>
          m.fix && m.rule === rule && m.message === diag.message && sameRange(m.range, fromRange(diag.range)),
      );
      if (!found?.fix || !rangesTouch(found.range, fromRange(range))) continue;
      const action = new vscode.CodeAction(found.fix.title, vscode.CodeActionKind.QuickFix);
      const edit = new vscode.WorkspaceEdit();
      for (const e of found.fix.edits) edit.replace(vscode.Uri.file(e.file), toRange(e.range), e.newText);
      action.edit = edit;
      action.diagnostics = [diag];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function sameRange(a: ZeroRange, b: ZeroRange): boolean {
  return (
    a.startLine === b.startLine &&
    a.startCharacter === b.startCharacter &&
    a.endLine === b.endLine &&
    a.endCharacter === b.endCharacter
  );
}
