/**
 * Topology diagnostics for the workspace: core's workspace lint, the one `kubectl mc lint` runs in the
 * (first) workspace folder: the same `.kubectl-mc.yaml`, the same files, linted together in the same
 * order, with open documents' unsaved text instead of the disk's. Relinted on open and on change
 * (debounced); quick fixes come from each diagnostic's `fix`.
 */
import * as vscode from 'vscode';
import { rules } from '@kubectl-mc/core';
import { basename, dirname, isAbsolute, relative } from 'node:path';
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
  private readonly ruleIds = new Set(rules.map((r) => r.id));
  private readonly current = new Map<string, EditorDiagnostic[]>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly schedule = debounce(() => this.relint(), 200);
  private readonly scheduleConfig = debounce(() => void this.reloadConfig(), 200);
  private readonly scheduleScan = debounce(() => void this.scan(), 500);
  private include = '';
  private exclude = '';
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every lint run (tests and the status line listen). */
  readonly onDidLint = this.changed.event;
  lastRun = { files: 0, diagnostics: 0, ms: 0 };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const docs = new Map(rules.map((r) => [r.id, r.docs]));
    this.session = new LintSession(undefined, (rule) => docs.get(rule));
    const files = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      this.changed,
      files,
      files.onDidCreate((u) => void this.onCreate(u)),
      files.onDidChange((u) => void this.reloadFromDisk(u)),
      files.onDidDelete((u) => this.onDelete(u)),
      vscode.workspace.onDidOpenTextDocument((d) => this.onText(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onText(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.reloadFromDisk(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kubectl-mc.lint')) void this.scan();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()),
      vscode.languages.registerCodeActionsProvider({ language: 'yaml' }, this, {
        providedCodeActionKinds: TopologyDiagnostics.providedCodeActionKinds,
      }),
      { dispose: () => this.schedule.cancel() },
      { dispose: () => this.scheduleConfig.cancel() },
      { dispose: () => this.scheduleScan.cancel() },
      { dispose: () => void this.configWatcher?.dispose() },
    );
  }

  /** A config found above the workspace (at the git root) is watched on its own. */
  private configWatcher: vscode.FileSystemWatcher | undefined;
  private watchConfig(): void {
    this.configWatcher?.dispose();
    this.configWatcher = undefined;
    const file = this.session.config.configFile;
    if (!file || this.folders().some((f) => isInside(f, file))) return;
    const w = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(dirname(file)), basename(file)),
    );
    w.onDidChange(() => this.scheduleConfig());
    w.onDidCreate(() => this.scheduleConfig());
    w.onDidDelete(() => this.scheduleConfig());
    this.configWatcher = w;
  }

  private readSettings(): { include: string; exclude: string } {
    const cfg = vscode.workspace.getConfiguration('kubectl-mc.lint');
    return { include: cfg.get<string>('include') ?? '', exclude: cfg.get<string>('exclude') ?? '' };
  }

  private folders(): string[] {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => f.uri.fsPath);
  }

  /** The include/exclude settings, on top of the files `kubectl mc lint` takes. */
  private keeps(file: string): boolean {
    if (!this.include && !this.exclude) return true;
    const rel = vscode.workspace.asRelativePath(vscode.Uri.file(file), false);
    return (!this.include || globMatch(this.include, rel)) && !(this.exclude && globMatch(this.exclude, rel));
  }

  /** An open document's text, which wins over the disk's. */
  private textOf(file: string): string | undefined {
    return vscode.workspace.textDocuments
      .find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file)
      ?.getText();
  }

  /** Take the config and every file again, lint the set. Resolves when that lint has been published. */
  async scan(): Promise<void> {
    const { include, exclude } = this.readSettings();
    this.include = include;
    this.exclude = exclude;
    const generation = ++this.generation;
    const open = new Map(
      vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d]),
    );
    const out = await this.session.load({
      folders: this.folders(),
      textOf: (f) => open.get(f)?.getText(),
      filter: (f) => this.keeps(f),
      maxFiles: MAX_FILES,
      stillWanted: () => generation === this.generation,
    });
    if (!out.applied) return;
    // Edits made while the files were read: take the documents' text as it is now.
    for (const d of vscode.workspace.textDocuments)
      if (d.uri.scheme === 'file' && this.session.has(d.uri.fsPath))
        this.session.set(d.uri.fsPath, d.getText());
    if (out.truncated)
      this.log.warn(`lint: more than ${MAX_FILES} files in the workspace; only the first are linted`);
    for (const s of out.skipped.slice(0, 20)) this.log.warn(`lint: cannot read ${s.path}: ${s.reason}`);
    this.logConfig();
    this.watchConfig();
    this.relint();
  }

  private async reloadConfig(): Promise<void> {
    await this.session.reloadConfig({ textOf: (f) => this.textOf(f) });
    this.logConfig();
    this.watchConfig();
    this.relint();
  }

  private logConfig(): void {
    const { configFile, configError } = this.session.config;
    if (configError) this.log.warn(`lint: ${configError.message}; using the default severities`);
    else this.log.debug(`lint: config ${configFile ?? '(none: default severities)'}`);
  }

  private onText(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== 'file') return;
    const file = doc.uri.fsPath;
    if (this.session.isConfigFile(file)) return this.scheduleConfig();
    // Only the changed file's text is taken again; the set is relinted (references cross files).
    if (this.session.has(file)) {
      if (this.session.set(file, doc.getText())) this.schedule();
      return;
    }
    void this.session.accepts(file).then((ok) => {
      if (ok && !doc.isClosed && this.session.set(file, doc.getText())) this.schedule();
    });
  }

  /** Take a file's text again when it is one the lint reads; says whether it is. */
  private async reloadFromDisk(uri: vscode.Uri): Promise<boolean> {
    if (uri.scheme !== 'file') return false;
    const file = uri.fsPath;
    if (this.session.isConfigFile(file)) {
      this.scheduleConfig();
      return true;
    }
    if (!this.session.has(file) && !(await this.session.accepts(file))) return false;
    // An open document's text is what counts, saved or not.
    const open = this.textOf(file);
    try {
      const text = open ?? (await vscode.workspace.fs.readFile(uri));
      if (this.session.set(file, text)) this.schedule();
    } catch {
      if (this.session.delete(file)) this.schedule();
    }
    return true;
  }

  private async onCreate(uri: vscode.Uri): Promise<void> {
    if (await this.reloadFromDisk(uri)) return;
    // A directory moved or copied in may come as one event: walk again.
    try {
      const isDir = ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
      if (isDir && (await this.session.walksInto(uri.fsPath))) this.scheduleScan();
    } catch {
      // gone again
    }
  }

  private onDelete(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') return;
    if (this.session.isConfigFile(uri.fsPath)) return this.scheduleConfig();
    // A deleted directory is one event: forget every file below it.
    if (this.session.deleteUnder(uri.fsPath).length > 0) this.schedule();
  }

  /** The text of every file in the lint set. */
  texts(): { path: string; text: string }[] {
    return this.session.texts();
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
    const v = new vscode.Diagnostic(toRange(d.range), d.message, d.severity);
    v.source = SOURCE;
    // A rule links to its page; a broken .kubectl-mc.yaml (`lint-config`) has none.
    v.code = this.ruleIds.has(d.rule) ? { value: d.rule, target: this.docsUri(d) } : d.rule;
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

function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
}
