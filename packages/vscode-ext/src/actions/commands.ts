/**
 * The actions on the fleet: Describe, Events and Logs of a tree object or a Workloads row (on every
 * cluster that has the workload), and Diff / Apply of the open manifest on clusters the user picks. Every
 * cluster call is a core function run by the fleet bundle (`fleet/actions.ts`); nothing here talks to a
 * cluster. No action runs in an untrusted workspace (there is no backend there).
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { isReadonly } from '../config.js';
import type { ChangeActions } from './changes.js';
import type { FleetConnection } from '../connection.js';
import type { ApplyPlan, FleetActions } from '../fleet/actions.js';
import type { ClustersProvider, Node } from '../tree/provider.js';
import type { WorkloadNode } from '../workloads/provider.js';
import { safe } from '../text.js';
import { ViewDocuments } from './documents.js';
import { ManifestLenses } from './lens.js';
import { LogsSession } from './logs.js';
import { applySummary, clusterChoices, targetOf, targetTitle, type Target } from './targets.js';
import { cancellableProgress } from './progress.js';

const TIMEOUT_MS = 30_000;

/** Asks before anything changes a cluster (tests replace it). */
export type Confirm = (question: string, detail: string) => Promise<boolean>;

const modalConfirm: Confirm = async (question, detail) =>
  (await vscode.window.showWarningMessage(question, { modal: true, detail }, 'Apply')) === 'Apply';

export class Actions implements vscode.Disposable {
  readonly documents = new ViewDocuments();
  /** Logs sessions, newest last (tests read them). */
  readonly sessions: LogsSession[] = [];
  confirm: Confirm = modalConfirm;
  /** The protected contexts' question and typed name (the tree's changes; set by `activate`). */
  guard: Pick<ChangeActions, 'protection' | 'typed'> | undefined;
  /** The last plan shown and the last apply's outcome (tests read them). */
  lastPlan: ApplyPlan | undefined;
  lastResult: string | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly connection: FleetConnection,
    private readonly clusters: ClustersProvider,
  ) {
    const reg = vscode.commands.registerCommand;
    this.disposables = [
      this.documents,
      vscode.languages.registerCodeLensProvider({ language: 'yaml', scheme: 'file' }, new ManifestLenses()),
      reg('kubectl-mc.describe', (n?: Node | WorkloadNode) => this.describe(n)),
      reg('kubectl-mc.events', (n?: Node | WorkloadNode) => this.events(n)),
      reg('kubectl-mc.logs', (n?: Node | WorkloadNode) => this.logs(n, false)),
      // with several rows selected VS Code passes the selection second: only a string names a container
      reg('kubectl-mc.containerLogs', (n?: Node | WorkloadNode, c?: unknown) =>
        this.containerLogs(n, typeof c === 'string' ? c : undefined),
      ),
      reg('kubectl-mc.previousLogs', (n?: Node | WorkloadNode) => this.logs(n, true)),
      reg('kubectl-mc.diffManifest', (uri?: vscode.Uri, contexts?: string[]) => this.diff(uri, contexts)),
      reg('kubectl-mc.align', (n?: WorkloadNode, from?: unknown) =>
        this.align(n, typeof from === 'string' ? from : undefined),
      ),
      reg('kubectl-mc.applyManifest', (uri?: vscode.Uri, contexts?: string[]) => this.apply(uri, contexts)),
    ];
  }

  private actions(): FleetActions | undefined {
    this.connection.start();
    const b = this.connection.backend;
    if (!b)
      void vscode.window.showErrorMessage('kubectl-mc: no kubeconfig loaded (untrusted workspace or none).');
    return b?.actions;
  }

  /** Run `task` under a cancellable progress notification with a deadline. */
  private progress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Thenable<T> {
    return cancellableProgress(title, (_report, signal) =>
      task(AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)])),
    );
  }

  async describe(n?: Node | WorkloadNode): Promise<string | undefined> {
    const t = targetOf(n);
    const a = t && this.actions();
    if (!t || !a) return undefined;
    const text = await this.progress(`Describing ${targetTitle(t)}`, (s) => a.describe(t, s));
    await this.documents.show(['describe', ...t.contexts.slice(0, 1), t.resource, `${t.name}.txt`], text);
    return text;
  }

  async events(n?: Node | WorkloadNode): Promise<string | undefined> {
    const t = targetOf(n);
    const a = t && this.actions();
    if (!t || !a) return undefined;
    const text = await this.progress(`Events of ${targetTitle(t)}`, (s) => a.events(t, s));
    await this.documents.show(['events', ...t.contexts.slice(0, 1), t.resource, `${t.name}.txt`], text);
    return text;
  }

  logs(n: Node | WorkloadNode | undefined, previous: boolean, container?: string): LogsSession | undefined {
    const t: Target | undefined = targetOf(n);
    const a = t && this.actions();
    if (!t || !a) return undefined;
    // Running Logs again for the same target restarts it.
    const key = JSON.stringify([t, previous, container ?? '']);
    for (const s of this.sessions)
      if (JSON.stringify([s.target, !!s.opts.previous, s.opts.container ?? '']) === key) s.stop();
    const session = new LogsSession(a, t, {
      follow: !previous,
      previous,
      ...(container ? { container } : {}),
    });
    this.sessions.push(session);
    this.disposables.push(session);
    return session;
  }

  /** Logs of one container the user picks (or `container`), followed. */
  async containerLogs(n?: Node | WorkloadNode, container?: string): Promise<LogsSession | undefined> {
    const t = targetOf(n);
    const a = t && this.actions();
    if (!t || !a) return undefined;
    let chosen = container;
    if (!chosen) {
      let names: string[];
      try {
        names = await this.progress(`Containers of ${targetTitle(t)}`, (s) => a.containers(t, s));
      } catch (e) {
        void vscode.window.showErrorMessage(
          `kubectl-mc: ${safe(e instanceof Error ? e.message : String(e))}`,
        );
        return undefined;
      }
      chosen = (
        await vscode.window.showQuickPick(
          names.map((c) => ({ label: safe(c), container: c })),
          { title: `Follow the logs of which container of ${targetTitle(t)}?` },
        )
      )?.container;
    }
    return chosen ? this.logs(n, false, chosen) : undefined;
  }

  /** The open manifest: the given document, else the active editor's; its text as it is (unsaved too). */
  private async manifest(uri: vscode.Uri | undefined): Promise<{ text: string; name: string } | undefined> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc) {
      void vscode.window.showErrorMessage('kubectl-mc: open a manifest first.');
      return undefined;
    }
    return { text: doc.getText(), name: basename(doc.uri.path) || 'manifest.yaml' };
  }

  /** The clusters to act on: those given (tests, other extensions), else a pick showing their health. */
  private async pickClusters(title: string, given?: string[]): Promise<string[] | undefined> {
    if (given && given.length > 0) return given;
    this.connection.start();
    const items = clusterChoices(this.clusters.snapshot());
    if (items.length === 0) {
      void vscode.window.showErrorMessage('kubectl-mc: no cluster in the kubeconfig.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(items, { title, canPickMany: true });
    return picked && picked.length > 0 ? picked.map((p) => p.context) : undefined;
  }

  private async plan(
    verb: string,
    uri: vscode.Uri | undefined,
    given?: string[],
  ): Promise<{ plan: ApplyPlan; name: string; a: FleetActions } | undefined> {
    const m = await this.manifest(uri);
    const a = m && this.actions();
    if (!m || !a) return undefined;
    const contexts = await this.pickClusters(`${verb} ${safe(m.name)} to clusters…`, given);
    if (!contexts) return undefined;
    let plan: ApplyPlan;
    try {
      plan = await this.progress(
        `Planning ${safe(m.name)} on ${contexts.length} clusters (server dry run)`,
        (s) => a.plan(contexts, m.text, m.name, s),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`kubectl-mc: ${safe(e instanceof Error ? e.message : String(e))}`);
      return undefined;
    }
    this.lastPlan = plan;
    if (plan.errors.length > 0) void vscode.window.showWarningMessage(plan.errors.join('\n'));
    return { plan, name: m.name, a };
  }

  /** One diff editor per cluster with changes: live objects ↔ the server's dry run of the manifest. */
  async diff(uri?: vscode.Uri, given?: string[]): Promise<ApplyPlan | undefined> {
    const p = await this.plan('Diff', uri, given);
    if (!p) return undefined;
    const withChanges = p.plan.diffs.filter((d) => d.merged !== '');
    if (withChanges.length === 0)
      void vscode.window.showInformationMessage('No changes on any of the clusters.');
    for (const d of withChanges) {
      const left = this.documents.put(['diff', d.context, 'live', p.name], d.live);
      const right = this.documents.put(['diff', d.context, 'dry-run', p.name], d.merged);
      const title = `${safe(p.name)}: ${safe(d.context)} (live ↔ after apply)`;
      await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false });
    }
    return p.plan;
  }

  /** Apply the open manifest to clusters: plan, confirm, apply (`applyPlan`). */
  async apply(uri?: vscode.Uri, given?: string[]): Promise<string | undefined> {
    const p = await this.plan('Apply', uri, given);
    return p && this.applyPlan(p);
  }

  /**
   * A drifted workload made like it is on a cluster the user picks (or `from`): the plan on its other
   * clusters, then as Apply.
   */
  async align(n?: WorkloadNode, from?: string): Promise<string | undefined> {
    const t = targetOf(n);
    const a = t && this.actions();
    if (!t || !a || t.contexts.length < 2) return undefined;
    const source =
      from ??
      (
        await vscode.window.showQuickPick(
          t.contexts.map((c) => ({ label: safe(c), context: c })),
          { title: `Align ${targetTitle(t)} with the one on…` },
        )
      )?.context;
    if (!source) return undefined;
    let plan: ApplyPlan;
    try {
      plan = await this.progress(`Planning the alignment with ${safe(source)} (server dry run)`, (s) =>
        a.alignPlan(t, source, s),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`kubectl-mc: ${safe(e instanceof Error ? e.message : String(e))}`);
      return undefined;
    }
    this.lastPlan = plan;
    if (plan.errors.length > 0) void vscode.window.showWarningMessage(plan.errors.join('\n'));
    return this.applyPlan({ plan, name: `${t.name} as on ${source}`, a });
  }

  /** The plan as the CLI's apply shows it, a modal confirmation, then the apply with progress and a result. */
  private async applyPlan(p: {
    plan: ApplyPlan;
    name: string;
    a: FleetActions;
  }): Promise<string | undefined> {
    const { plan, a } = p;
    if (isReadonly()) {
      void vscode.window.showWarningMessage(
        'kubectl-mc: read-only (kubectl-mc.readonly): apply is disabled.',
      );
      return undefined;
    }
    const planText = [plan.table.trimEnd(), ...plan.errors].join('\n') + '\n';
    await this.documents.show(['apply', 'plan', `${p.name}.txt`], planText);
    if (plan.changes === 0) {
      void vscode.window.showInformationMessage('No changes: nothing to apply.');
      return undefined;
    }
    // protected contexts: named in the question, and their environment typed after it
    const changes = this.connection.backend?.changes;
    const guard =
      changes && this.guard ? await this.guard.protection(changes, plan.changing, 'apply') : undefined;
    if (guard && 'refused' in guard) return undefined;
    if (!(await this.confirm(plan.question + (guard?.suffix ?? ''), planText))) {
      void vscode.window.showInformationMessage('Nothing was applied.');
      return undefined;
    }
    if (guard && this.guard && (await this.guard.typed(guard.guarded, 'Apply', 'Nothing was applied.')))
      return undefined;
    const outcome = await cancellableProgress(`Applying ${safe(p.name)}`, (report, signal) =>
      a.apply(plan, (ctx, line) => report(`${safe(ctx)}: ${line}`), signal),
    );
    const result = [outcome.table.trimEnd(), ...outcome.errors].join('\n') + '\n';
    this.lastResult = result;
    await this.documents.show(['apply', 'result', `${p.name}.txt`], result);
    const summary = applySummary(outcome.clusters);
    if (summary.failed) void vscode.window.showErrorMessage(summary.text);
    else void vscode.window.showInformationMessage(summary.text);
    return result;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
