import type { Config } from '@oclif/core';
import type { ArgModel, CommandModel, CompletionProviders, FlagModel, TopicModel } from './engine.js';
import { listContextNames } from './kubeconfig.js';
import { discoverResourceTypes, listNamespaces } from './discovery.js';
import { builtinResourceTypes, mergeResourceTypes } from './resources.js';

/** The engine's view of the CLI, from oclif's manifest data (no command class is loaded). */
export function commandModels(config: Config): CommandModel[] {
  return config.commands.map((c) => ({
    id: c.id,
    summary: c.summary ?? c.description,
    hidden: c.hidden,
    aliases: c.aliases,
    strict: c.strict,
    flags: Object.entries(c.flags ?? {}).map(([name, f]): FlagModel => ({
      name,
      char: f.char,
      type: f.type,
      description: f.summary ?? f.description,
      hidden: f.hidden,
      multiple: f.type === 'option' ? f.multiple : false,
      allowNo: f.type === 'boolean' ? f.allowNo : false,
      options: f.type === 'option' ? f.options : undefined,
      aliases: f.aliases,
    })),
    args: Object.entries(c.args ?? {}).map(([name, a]): ArgModel => ({
      name,
      description: a.description,
      options: a.options,
    })),
  }));
}

export function topicModels(config: Config): TopicModel[] {
  return config.topics.map((t) => ({ name: t.name, description: t.description, hidden: t.hidden }));
}

/**
 * Context names from the kubeconfig named on the line (or KUBECONFIG / ~/.kube/config); resource types:
 * the built-in ones, then what the line's (or the current) context discovers within a short timeout;
 * namespaces: that cluster's, on the same terms.
 */
export const defaultProviders: CompletionProviders = {
  contexts: (ctx) => listContextNames({ kubeconfig: ctx.kubeconfig }),
  resourceTypes: async (ctx) => mergeResourceTypes(builtinResourceTypes(), await discoverResourceTypes(ctx)),
  namespaces: (ctx) => listNamespaces(ctx),
};
