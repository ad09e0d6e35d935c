import * as vscode from 'vscode';

/** Show Output: the extension's log (every API request at the Trace level). */
export function registerOutputCommands(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('kubectl-mc.showOutput', () => log.show());
}
