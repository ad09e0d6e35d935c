/**
 * k9s's actions on the selected row: `ctrl-d` delete, `ctrl-k` kill (a pod, deleted at once: grace period
 * 0, as `kubectl delete --force --grace-period=0`), `s` scale (a workload; asks the replica count),
 * `r` restart (a Deployment, StatefulSet or DaemonSet). Each asks first in a dialog that names the object
 * and its cluster; a protected context (`.kubectl-mc.yaml` `protected:`, a production topology) needs its
 * environment's name typed, as the CLI's `confirm()` does. The change goes through core (`mutations.ts`);
 * its result, or the cluster's error, is the status line. `--readonly` disables every action and says so.
 */
import { toClusterError } from '@kubectl-mc/core/fanout';
import { protectedContexts, type Protection } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { clusterErrorText } from '../lib/fleet.js';
import type { KeyInfo } from './keys.js';
import type { ActionBackend, ActionTarget } from './mutations.js';
import { top, visibleRows, type State } from './state.js';
import type { Store } from './store.js';
import { whatText, type WhatParts } from './dialogText.js';

export type ActionKind = 'delete' | 'kill' | 'scale' | 'restart';

export interface Dialog {
  kind: ActionKind;
  target: ActionTarget;
  /** `deployments/web -n shop on cluster us-east-prod`, escaped for the terminal. */
  what: string;
  /** Its pieces (escaped), shortened in turn when the question is wider than the terminal. */
  parts: WhatParts;
  /** scale: the count is typed first. */
  stage: 'replicas' | 'confirm';
  /** What is typed: the replica count, or the protected environment's name. */
  text: string;
  replicas?: number;
  /** A protected context: this word (its environment) must be typed, not `y`. */
  typeToConfirm?: string;
  /** Why the last entry was not taken. */
  hint?: string;
}

const VERB: Record<ActionKind, string> = {
  delete: 'Delete',
  kill: 'Kill',
  scale: 'Scale',
  restart: 'Restart',
};
const PAST: Record<ActionKind, string> = {
  delete: 'deleted',
  kill: 'killed',
  scale: 'scaled',
  restart: 'restarted',
};

/** Kinds `s` scales and `r` restarts (k9s's), by the resource's plural (with or without its group). */
const SCALABLE = new Set(['deployments', 'statefulsets', 'replicasets', 'replicationcontrollers']);
const RESTARTABLE = new Set(['deployments', 'statefulsets', 'daemonsets']);
const MAX_REPLICAS = 1_000_000;

function plural(resource: string): string {
  const [name, ...group] = resource.split('.');
  const g = group.join('.');
  return g === '' || g === 'apps' || (name === 'replicationcontrollers' && g === 'core') ? name! : resource;
}

/** The action a key starts on a resource list, if any. */
export function actionKey(state: State, input: string, key: KeyInfo): ActionKind | undefined {
  const f = top(state);
  if (state.prompt || state.picker || f.kind !== 'resource' || key.meta) return undefined;
  if (key.ctrl) {
    if (input === 'd') return 'delete';
    // k9s kills pods only.
    return input === 'k' && plural(f.resource) === 'pods' ? 'kill' : undefined;
  }
  if (input === 's' && SCALABLE.has(plural(f.resource))) return 'scale';
  if (input === 'r' && RESTARTABLE.has(plural(f.resource))) return 'restart';
  return undefined;
}

export interface ActionsOptions {
  store: Store;
  backend: ActionBackend;
  /** Protected contexts (`loadProtection()`); a rejection refuses every action with its message. */
  protection: Promise<Protection> | Protection;
  /** `--readonly`: every action is refused. */
  readonly?: boolean;
  /** After a change: re-list what is shown. */
  refresh?: () => void;
}

/** The dialog's state (an external store, as `Store`), the keys while it is open, the change it sends. */
export class Actions {
  private dialog: Dialog | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly abort = new AbortController();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly opts: ActionsOptions) {}

  getDialog = (): Dialog | undefined => this.dialog;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(d: Dialog | undefined): void {
    this.dialog = d;
    for (const l of [...this.listeners]) l();
  }

  private flash(text: string): void {
    this.opts.store.dispatch({ type: 'flash', text });
  }

  /** Handle a key: true when it was the dialog's or started an action (the app then ignores it). */
  handleKey(state: State, input: string, key: KeyInfo): boolean {
    if (key.ctrl && input === 'c') return false;
    if (this.dialog) {
      this.dialogKey(this.dialog, input, key);
      return true;
    }
    const kind = actionKey(state, input, key);
    if (!kind) return false;
    if (this.opts.readonly) {
      this.flash(`read-only (--readonly): ${kind} is disabled`);
      return true;
    }
    const f = top(state);
    const row = f.kind === 'resource' ? visibleRows(state, f)[f.selected] : undefined;
    if (f.kind !== 'resource' || !row) {
      this.flash(`nothing selected to ${kind}`);
      return true;
    }
    const target: ActionTarget = {
      cluster: row.cluster,
      resource: f.resource,
      name: row.realName ?? row.name,
      ...(row.namespace !== undefined ? { namespace: row.realNamespace ?? row.namespace } : {}),
    };
    const parts: WhatParts = {
      object: `${escapeTerminal(f.resource)}/${row.name}`,
      ...(row.namespace !== undefined ? { namespace: row.namespace } : {}),
      cluster: escapeTerminal(row.cluster),
    };
    void this.open(kind, target, parts);
    return true;
  }

  private async open(kind: ActionKind, target: ActionTarget, parts: WhatParts): Promise<void> {
    let typeToConfirm: string | undefined;
    try {
      const found = protectedContexts([target.cluster], await this.opts.protection);
      if (found.length) typeToConfirm = escapeTerminal(found.map((p) => p.environment).join(','));
    } catch (e) {
      this.flash(`${kind} refused: ${escapeTerminal(e instanceof Error ? e.message : String(e))}`);
      return;
    }
    this.set({
      kind,
      target,
      what: whatText(parts),
      parts,
      stage: kind === 'scale' ? 'replicas' : 'confirm',
      text: '',
      ...(typeToConfirm !== undefined ? { typeToConfirm } : {}),
    });
  }

  private cancel(d: Dialog): void {
    this.set(undefined);
    this.flash(`Nothing was ${PAST[d.kind]}.`);
  }

  private dialogKey(d: Dialog, input: string, key: KeyInfo): void {
    if (key.escape) return this.cancel(d);
    const typing = d.stage === 'replicas' || d.typeToConfirm !== undefined;
    if (typing) {
      if (key.backspace || key.delete) return this.set({ ...d, text: d.text.slice(0, -1) });
      if (key.return) return this.submit(d);
      if (!key.ctrl && !key.meta && /^[\x20-\x7e]+$/.test(input) && d.text.length < 64)
        this.set({ ...d, text: d.text + input });
      return;
    }
    if (input === 'y' || input === 'Y') return this.run(d);
    if (input === 'n' || input === 'N' || input === 'q' || key.return) return this.cancel(d);
  }

  private submit(d: Dialog): void {
    if (d.stage === 'replicas') {
      const n = /^\d+$/.test(d.text) ? Number(d.text) : NaN;
      if (!(n >= 0 && n <= MAX_REPLICAS))
        return this.set({ ...d, text: '', hint: 'a whole number of replicas, 0 or more' });
      const { hint: _, ...rest } = d;
      return this.set({ ...rest, stage: 'confirm', text: '', replicas: n });
    }
    if (d.text !== d.typeToConfirm) {
      this.set(undefined);
      return this.flash(`Nothing was ${PAST[d.kind]}: "${d.typeToConfirm ?? ''}" was not typed.`);
    }
    this.run(d);
  }

  private run(d: Dialog): void {
    this.set(undefined);
    const { backend } = this.opts;
    const to = d.kind === 'scale' ? ` to ${d.replicas ?? 0}` : '';
    this.flash(`${VERB[d.kind]} ${d.what}${to}…`);
    const signal = this.abort.signal;
    const change =
      d.kind === 'delete'
        ? backend.delete(d.target, signal)
        : d.kind === 'kill'
          ? backend.kill(d.target, signal)
          : d.kind === 'scale'
            ? backend.scale(d.target, d.replicas ?? 0, signal)
            : backend.restart(d.target, signal);
    const done = change.then(
      (result) => {
        this.flash(`${d.what}: ${escapeTerminal(result)}${result === 'scaled' ? to : ''}`);
        this.opts.refresh?.();
      },
      (e: unknown) => {
        if (!signal.aborted) this.flash(`error: ${clusterErrorText(toClusterError(e, d.target.cluster))}`);
      },
    );
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
  }

  /** The question and what to answer, one line. */
  static question(d: Dialog): string {
    const { lead, rest } = Actions.questionParts(d);
    return `${lead}${d.what}${rest}`;
  }

  /** The question around the object: `lead + what + rest`. */
  static questionParts(d: Dialog): { lead: string; rest: string } {
    if (d.stage === 'replicas') {
      const hint = d.hint ? ` (${d.hint})` : '';
      return { lead: 'Scale ', rest: ` to how many replicas?${hint} ${d.text}` };
    }
    const to =
      d.kind === 'scale'
        ? ` to ${d.replicas ?? 0} replicas`
        : d.kind === 'kill'
          ? ' now (grace period 0)'
          : '';
    const answer =
      d.typeToConfirm === undefined ? ' [y/N]' : ` Protected: type ${d.typeToConfirm} + Enter: ${d.text}`;
    return { lead: `${VERB[d.kind]} `, rest: `${to}?${answer}` };
  }

  /** Cancel what is running (quit). */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.running]);
  }
}
