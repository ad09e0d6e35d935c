/**
 * Logs of an object or a workload on its clusters (core's `fleetLogs` in the fleet bundle): one output
 * channel per session, each line `cluster/pod/container text`, escapes made visible. A followed session
 * shows a cancellable notification: cancelling it stops the stream; running Logs again restarts it.
 */
import * as vscode from 'vscode';
import type { FleetActions } from '../fleet/actions.js';
import { safe } from '../text.js';
import { targetTitle, type Target } from './targets.js';

/** Lines kept in memory per session (the channel itself keeps everything VS Code keeps). */
const KEEP = 2000;

export class LogsSession implements vscode.Disposable {
  private readonly ac = new AbortController();
  readonly channel: vscode.OutputChannel;
  /** The last lines written (tests read them). */
  readonly lines: string[] = [];
  /** Resolves when the stream has ended (or was stopped). */
  readonly done: Promise<void>;

  constructor(
    actions: FleetActions,
    readonly target: Target,
    readonly opts: { follow: boolean; previous?: boolean; container?: string },
  ) {
    const what = opts.container ? `logs of container ${safe(opts.container)}` : 'logs';
    const title = `${opts.previous ? `previous ${what}` : what} ${targetTitle(target)}`;
    this.channel = vscode.window.createOutputChannel(`kubectl-mc ${title}`);
    this.channel.show(true);
    const run = async () => {
      try {
        for await (const line of actions.logs(target, opts, this.ac.signal)) this.write(line);
        this.write(opts.follow && this.ac.signal.aborted ? '(stopped)' : '(end of logs)');
      } catch (e) {
        if (!this.ac.signal.aborted) this.write(`error: ${e instanceof Error ? e.message : String(e)}`);
        else this.write('(stopped)');
      }
    };
    if (!opts.follow) {
      this.done = run();
      return;
    }
    this.done = Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Following ${title}`, cancellable: true },
        async (_p, token) => {
          const sub = token.onCancellationRequested(() => this.stop());
          try {
            await run();
          } finally {
            sub.dispose();
          }
        },
      ),
    );
  }

  private write(line: string): void {
    this.lines.push(line);
    if (this.lines.length > KEEP) this.lines.splice(0, this.lines.length - KEEP);
    this.channel.appendLine(line);
  }

  get stopped(): boolean {
    return this.ac.signal.aborted;
  }

  stop(): void {
    this.ac.abort(new Error('stopped'));
  }

  dispose(): void {
    this.stop();
    this.channel.dispose();
  }
}
