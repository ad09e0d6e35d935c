/**
 * A notification with a Cancel button around a task: Cancel aborts the task's signal. Every long action
 * of the extension (describe, plans, apply, changes, rollout status) runs through it.
 */
import * as vscode from 'vscode';

export function cancellableProgress<T>(
  title: string,
  task: (report: (message: string) => void, signal: AbortSignal) => Promise<T>,
  reason = 'cancelled',
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const ac = new AbortController();
      const sub = token.onCancellationRequested(() => ac.abort(new Error(reason)));
      try {
        return await task((message) => progress.report({ message }), ac.signal);
      } finally {
        sub.dispose();
      }
    },
  );
}
