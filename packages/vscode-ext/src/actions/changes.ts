/**
 * The changes from the trees: Restart rollout, Undo rollout, Scale… and Delete… of the selected objects
 * (a Workloads row: that workload on every cluster that has it), and Rollout status. Each change is core's
 * plan first, shown as the CLI prints it; then a modal warning naming the clusters; a protected context
 * (`.kubectl-mc.yaml` `protected:`, a production topology) also needs its environment's name typed; then
 * the change with progress and a result. `kubectl-mc.readonly` refuses them all. Every cluster call is in
 * the fleet bundle (`fleet/changes.ts`).
 */
import * as vscode from 'vscode';
import { isReadonly } from '../config.js';
import type { FleetConnection } from '../connection.js';
import type { ProtectedContext } from '@kubectl-mc/core/fleet';
import type { ChangeKind, ChangeOutcome, ChangePlan, FleetChanges, StatusRow } from '../fleet/changes.js';
import type { Node } from '../tree/provider.js';
import type { WorkloadNode } from '../workloads/provider.js';
import { safe } from '../text.js';
import type { ViewDocuments } from './documents.js';
import {
  changeSummary,
  replicasError,
  targetsOf,
  targetsTitle,
  targetTitle,
  type Target,
} from './targets.js';
import { cancellableProgress } from './progress.js';

const PLAN_TIMEOUT_MS = 30_000;

/** The modal question before a change: true to go ahead (tests replace it). */
export type ConfirmChange = (question: string, detail: string, button: string) => Promise<boolean>;
/** An input box: what was typed, or undefined when dismissed (tests replace it). */
export type AskText = (opts: {
  title: string;
  prompt: string;
  validate?: (text: string) => string | undefined;
}) => Promise<string | undefined>;

const modalConfirm: ConfirmChange = async (question, detail, button) =>
  (await vscode.window.showWarningMessage(question, { modal: true, detail }, button)) === button;

const inputBox: AskText = async ({ title, prompt, validate }) =>
  vscode.window.showInputBox({
    title,
    prompt,
    ignoreFocusOut: true,
    ...(validate ? { validateInput: (v: string) => validate(v) } : {}),
  });

const VERB: Record<ChangeKind, { word: string; past: string; button: string }> = {
  restart: { word: 'restart', past: 'restarted', button: 'Restart' },
  undo: { word: 'roll back', past: 'rolled back', button: 'Roll Back' },
  scale: { word: 'scale', past: 'scaled', button: 'Scale' },
  delete: { word: 'delete', past: 'deleted', button: 'Delete' },
};

/** What a change did: the plan, and the outcome when it ran (or why it did not). */
export interface ChangeResult {
  plan?: ChangePlan;
  outcome?: ChangeOutcome;
  /** `Nothing was deleted.` and the like, when nothing was sent. */
  nothing?: string;
  /** restart/undo: the rollout status that follows. */
  status?: Promise<StatusRow[]>;
}

/** What VS Code passes second: the selected nodes (or, from other callers, anything). */
type Selected = unknown;

export class ChangeActions implements vscode.Disposable {
  confirm: ConfirmChange = modalConfirm;
  askText: AskText = inputBox;
  /** The rollout status channel, made on first use. */
  private channel: vscode.OutputChannel | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly connection: FleetConnection,
    private readonly documents: ViewDocuments,
  ) {
    const reg = vscode.commands.registerCommand;
    this.disposables = [
      reg('kubectl-mc.restartRollout', (n?: Node | WorkloadNode, s?: Selected) =>
        this.change('restart', targetsOf(n, s)),
      ),
      reg('kubectl-mc.undoRollout', (n?: Node | WorkloadNode, s?: Selected) =>
        this.change('undo', targetsOf(n, s)),
      ),
      reg('kubectl-mc.scale', (n?: Node | WorkloadNode, s?: Selected, replicas?: number) =>
        this.change('scale', targetsOf(n, s), typeof replicas === 'number' ? replicas : undefined),
      ),
      reg('kubectl-mc.delete', (n?: Node | WorkloadNode, s?: Selected) =>
        this.change('delete', targetsOf(n, s)),
      ),
      reg('kubectl-mc.rolloutStatus', (n?: Node | WorkloadNode, s?: Selected) =>
        this.status(targetsOf(n, s)),
      ),
    ];
  }

  private changes(): FleetChanges | undefined {
    this.connection.start();
    const b = this.connection.backend;
    if (!b)
      void vscode.window.showErrorMessage('kubectl-mc: no kubeconfig loaded (untrusted workspace or none).');
    return b?.changes;
  }

  /** Plan, show, ask (and for protected contexts, the typed name), change, show the result. */
  async change(kind: ChangeKind, targets: Target[], replicas?: number): Promise<ChangeResult | undefined> {
    const verb = VERB[kind];
    if (isReadonly()) {
      void vscode.window.showWarningMessage(
        `kubectl-mc: read-only (kubectl-mc.readonly): ${verb.word} is disabled.`,
      );
      return { nothing: 'read-only' };
    }
    const a = targets.length > 0 ? this.changes() : undefined;
    if (!a) return undefined;
    const title = targetsTitle(targets);
    let count = replicas;
    if (kind === 'scale' && count === undefined) {
      const typed = await this.askText({
        title: `Scale ${title}`,
        prompt: 'How many replicas?',
        validate: replicasError,
      });
      if (typed === undefined || replicasError(typed)) return { nothing: 'Nothing was scaled.' };
      count = Number(typed.trim());
    }
    let plan: ChangePlan;
    try {
      plan = await this.progress(`Planning: ${verb.word} ${title}`, (s) =>
        a.plan(kind, targets, count !== undefined ? { replicas: count } : {}, s),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`kubectl-mc: ${safe(e instanceof Error ? e.message : String(e))}`);
      return undefined;
    }
    const planText = [plan.table.trimEnd(), ...plan.errors].join('\n') + '\n';
    const name = targets.length === 1 ? targets[0]!.name : `${targets.length} objects`;
    await this.documents.show([kind, 'plan', `${name}.txt`], planText);
    if (plan.count === 0) {
      void vscode.window.showInformationMessage(`No changes: nothing to ${verb.word}.`);
      return { plan, nothing: `No changes: nothing to ${verb.word}.` };
    }
    const guard = await this.protection(a, plan.contexts, verb.word);
    if ('refused' in guard) return { plan, nothing: guard.refused };
    const nothing = `Nothing was ${verb.past}.`;
    if (!(await this.confirm(plan.question + guard.suffix, planText, verb.button))) {
      void vscode.window.showInformationMessage(nothing);
      return { plan, nothing };
    }
    const why = await this.typed(guard.guarded, verb.button, nothing);
    if (why) return { plan, nothing: why };
    const outcome = await cancellableProgress(`${verb.button}: ${title}`, (report, signal) =>
      a.run(plan, (ctx, line) => report(`${safe(ctx)}: ${line}`), signal),
    );
    const result = [outcome.table.trimEnd(), ...outcome.errors].join('\n') + '\n';
    await this.documents.show([kind, 'result', `${name}.txt`], result);
    const summary = changeSummary(verb.past, outcome.clusters);
    if (summary.failed) void vscode.window.showErrorMessage(summary.text);
    else void vscode.window.showInformationMessage(summary.text);
    const out: ChangeResult = { plan, outcome };
    if (kind === 'restart' || kind === 'undo') {
      // then follow the rollout where it was changed, as after an apply
      const changed = new Set(outcome.clusters.filter((c) => c.ok).map((c) => c.context));
      const follow = targets
        .map((t) => ({ ...t, contexts: t.contexts.filter((c) => changed.has(c)) }))
        .filter((t) => t.contexts.length > 0);
      if (follow.length > 0) out.status = this.status(follow);
    }
    return out;
  }

  /**
   * The protected contexts among `contexts` (`.kubectl-mc.yaml` of the first workspace folder, its
   * topology files) and the line the question gets for them; an unreadable config refuses the change.
   */
  async protection(
    a: FleetChanges,
    contexts: string[],
    word: string,
  ): Promise<{ guarded: ProtectedContext[]; suffix: string } | { refused: string }> {
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    let guarded: ProtectedContext[];
    try {
      guarded = await a.protectedOf(contexts, cwd);
    } catch (e) {
      // an unreadable .kubectl-mc.yaml: refuse rather than change a cluster it may protect
      const refused = `kubectl-mc: ${word} refused: ${safe(e instanceof Error ? e.message : String(e))}`;
      void vscode.window.showErrorMessage(refused);
      return { refused };
    }
    const envs = [...new Set(guarded.map((p) => p.environment))];
    const names = guarded.map((p) => safe(p.context)).join(', ');
    return {
      guarded,
      suffix: guarded.length > 0 ? `\nProtected (${envs.map(safe).join(', ')}): ${names}.` : '',
    };
  }

  /** For protected contexts, the environment's name typed in an input box: undefined when it was. */
  async typed(guarded: ProtectedContext[], button: string, nothing: string): Promise<string | undefined> {
    if (guarded.length === 0) return undefined;
    const word = [...new Set(guarded.map((p) => p.environment))].join(',');
    const typed = await this.askText({
      title: `${button} on protected clusters: ${guarded.map((p) => safe(p.context)).join(', ')}`,
      prompt: `Type "${safe(word)}" to continue`,
    });
    if (typed === word) return undefined;
    const why = `${nothing} "${safe(word)}" was not typed.`;
    void vscode.window.showInformationMessage(why);
    return why;
  }

  /**
   * Rollout status of each workload on each of its clusters: one progress notification per cluster with
   * kubectl's line, until the rollout is done or fails (the failing condition's message); every line also
   * goes to the `kubectl-mc rollout status` output channel. Resolves with one row per cluster.
   */
  async status(targets: Target[]): Promise<StatusRow[]> {
    const a = targets.length > 0 ? this.changes() : undefined;
    if (!a) return [];
    this.channel ??= vscode.window.createOutputChannel('kubectl-mc rollout status');
    const channel = this.channel;
    channel.show(true);
    const one = (t: Target, context: string) =>
      cancellableProgress(
        `Rollout ${targetTitle({ ...t, contexts: [context] })}`,
        (report, signal) =>
          a.status(
            [{ ...t, contexts: [context] }],
            (ctx, ref, line) => {
              channel.appendLine(`${safe(ctx)}: ${ref}: ${line}`);
              report(line);
            },
            signal,
          ),
        'stopped',
      );
    const settled = await Promise.allSettled(targets.flatMap((t) => t.contexts.map((c) => one(t, c))));
    const rows: StatusRow[] = [];
    for (const s of settled) {
      if (s.status === 'fulfilled') rows.push(...s.value);
      else
        channel.appendLine(`error: ${safe(s.reason instanceof Error ? s.reason.message : String(s.reason))}`);
    }
    for (const r of rows) channel.appendLine(`${safe(r.context)}: ${r.ref}: ${r.outcome}: ${r.message}`);
    const bad = rows.filter((r) => r.outcome !== 'done');
    if (bad.length > 0)
      void vscode.window.showErrorMessage(
        `Rollout not complete: ${bad.map((r) => `${safe(r.context)} ${r.ref}: ${r.message}`).join('; ')}`,
      );
    else if (rows.length > 0)
      void vscode.window.showInformationMessage(
        `Rollout complete on ${[...new Set(rows.map((r) => safe(r.context)))].join(', ')}.`,
      );
    return rows;
  }

  private progress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Thenable<T> {
    return cancellableProgress(title, (_report, signal) =>
      task(AbortSignal.any([signal, AbortSignal.timeout(PLAN_TIMEOUT_MS)])),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.channel?.dispose();
  }
}
