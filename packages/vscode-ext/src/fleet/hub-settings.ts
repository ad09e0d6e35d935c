/**
 * Which hubs the Clusters view shows, from settings and the workspace's `.kubectl-mc.yaml`. Pure. The
 * hubs are contexts of the user's kubeconfig and the access providers file is the user's (a workspace
 * never chooses which plugin runs): a workspace may only name which of the user's contexts are hubs.
 */
import { parse } from 'yaml';
import type { HubSettings } from './hubs.js';

const names = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v])
    .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
    .map((s) => s.trim());

/** `hub:` (a context or a list) and `hubNamespace:` of a `.kubectl-mc.yaml`; nothing when unreadable. */
export function hubsFromConfigText(text: string | undefined): { hubs: string[]; namespaces: string[] } {
  if (!text) return { hubs: [], namespaces: [] };
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return { hubs: [], namespaces: [] };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { hubs: [], namespaces: [] };
  const o = doc as Record<string, unknown>;
  return { hubs: names(o['hub']), namespaces: names(o['hubNamespace']) };
}

/** The settings' hubs first, then the config file's; namespaces likewise; the user's providers file. */
export function hubSettingsOf(
  setting: { hubs: unknown; namespaces: unknown; providersFile: unknown },
  config: { hubs: string[]; namespaces: string[] },
): HubSettings {
  const hubs = [...new Set([...names(setting.hubs), ...config.hubs])];
  const namespaces = [...new Set([...names(setting.namespaces), ...config.namespaces])];
  const file =
    typeof setting.providersFile === 'string' && setting.providersFile.trim()
      ? setting.providersFile.trim()
      : undefined;
  return { hubs, namespaces, ...(file !== undefined ? { providersFile: file } : {}) };
}
