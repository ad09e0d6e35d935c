/** The extension's settings, read fresh each time (so a change applies on the next refresh). */
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hubSettingsOf, hubsFromConfigText } from './fleet/hub-settings.js';
import type { HubSettings } from './fleet/hubs.js';
import { readonlyFrom, userKubeconfigFiles } from './fleet/settings.js';
import type { GroupBy } from './tree/model.js';

export interface ViewSettings {
  groupBy: GroupBy;
  timeoutMs: number;
  concurrency: number;
}

export function settings(): ViewSettings {
  const cfg = vscode.workspace.getConfiguration('kubectl-mc');
  return {
    groupBy: cfg.get<GroupBy>('groupBy') ?? 'none',
    timeoutMs: cfg.get<number>('health.timeoutMs') ?? 5000,
    concurrency: cfg.get<number>('health.concurrency') ?? 16,
  };
}

/**
 * The kubeconfig files from USER settings only: a workspace could otherwise point us at a kubeconfig
 * whose exec plugin runs arbitrary commands.
 */
export function kubeconfigFiles(): string[] {
  return userKubeconfigFiles(vscode.workspace.getConfiguration('kubectl-mc').inspect<string[]>('kubeconfig'));
}

/** `kubectl-mc.readonly` true at any settings level: every action that changes a cluster is refused. */
export function isReadonly(): boolean {
  return readonlyFrom(vscode.workspace.getConfiguration('kubectl-mc').inspect<boolean>('readonly'));
}

/**
 * The hubs whose clusters the Clusters view shows: `kubectl-mc.hubs` and `hub:` of the workspace's
 * `.kubectl-mc.yaml`; the providers file from USER settings only (as the kubeconfig).
 */
export function hubSettings(): HubSettings {
  const cfg = vscode.workspace.getConfiguration('kubectl-mc');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let text: string | undefined;
  try {
    text = folder ? readFileSync(join(folder, '.kubectl-mc.yaml'), 'utf8') : undefined;
  } catch {
    text = undefined;
  }
  return hubSettingsOf(
    {
      hubs: cfg.get('hubs'),
      namespaces: cfg.get('hubNamespaces'),
      providersFile: cfg.inspect<string>('clusterProviders')?.globalValue,
    },
    hubsFromConfigText(text),
  );
}
