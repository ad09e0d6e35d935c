/** Which kubeconfig files the extension may read: pure, so the rule is tested without an editor. */

export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The `kubectl-mc.kubeconfig` files from USER settings only. A workspace (a cloned repository) must not
 * choose the kubeconfig: its exec credential plugin would run a command of the workspace's choosing.
 * Workspace and folder values are ignored, whatever they say; non-strings and empty strings are dropped.
 */
export function userKubeconfigFiles(inspected: InspectedSetting | undefined): string[] {
  const v = inspected?.globalValue;
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim().length > 0) : [];
}

/**
 * `kubectl-mc.readonly`: no action that changes a cluster. Set true at any level (user, workspace,
 * folder) it holds; a workspace cannot turn off what the user turned on, since only `true` counts.
 */
export function readonlyFrom(inspected: InspectedSetting | undefined): boolean {
  return [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue].some(
    (v) => v === true,
  );
}
