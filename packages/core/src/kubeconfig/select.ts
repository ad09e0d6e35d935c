import { ContextSelectionError, UsageError } from '../errors.js';
import { unknownContextError, unknownMessage } from './load.js';
import { q } from '../util/text.js';
import type { ContextInfo, ContextSelection, LoadedKubeconfig } from './types.js';

/** True when the pattern holds glob characters (`*`, `?`). */
export function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** A glob (`*` any run, `?` one character) as an anchored RegExp; everything else literal. */
export function globToRegExp(pattern: string): RegExp {
  let src = '';
  for (const ch of pattern) {
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else src += ch.replace(/[\\^$.+()|[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 's');
}

/** `['a,b', ' c ']` → `['a', 'b', 'c']`: flag values may be repeated or comma-separated. */
function splitPatterns(values: readonly string[] | undefined): string[] {
  if (!values) return [];
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function matchAll(patterns: string[], names: readonly string[], flag: string): Set<string> {
  const out = new Set<string>();
  for (const p of patterns) {
    let hit = false;
    if (isGlob(p)) {
      const re = globToRegExp(p);
      for (const n of names) {
        if (re.test(n)) {
          out.add(n);
          hit = true;
        }
      }
      if (!hit) {
        throw new ContextSelectionError(
          `${flag} pattern ${q(p)} matches no context; ${unknownMessage(p, names).replace(/^.*?; /, '')}`,
        );
      }
    } else {
      if (!names.includes(p)) throw new ContextSelectionError(`${flag}: ${unknownMessage(p, names)}`);
      out.add(p);
    }
  }
  return out;
}

/**
 * The contexts a command runs on, in kubeconfig order. With no selection: the current context.
 * `--context` names exactly one; `--all-clusters` takes all; `--clusters` takes names and globs;
 * `--exclude` removes names and globs. Unknown names and globs matching nothing are errors.
 */
export function selectContexts(loaded: LoadedKubeconfig, sel: ContextSelection = {}): string[] {
  const names = loaded.contexts.map((c) => c.name);
  const clusters = splitPatterns(sel.clusters);
  const exclude = splitPatterns(sel.exclude);
  const modes = [
    sel.context !== undefined && sel.context !== '',
    sel.allClusters === true,
    clusters.length > 0,
  ];
  if (modes.filter(Boolean).length > 1) {
    throw new UsageError('use only one of --context, --all-clusters and --clusters');
  }
  let base: string[];
  if (sel.context !== undefined && sel.context !== '') {
    if (!names.includes(sel.context))
      throw new ContextSelectionError(`--context: ${unknownMessage(sel.context, names)}`);
    base = [sel.context];
  } else if (sel.allClusters === true) {
    base = names;
  } else if (clusters.length > 0) {
    const chosen = matchAll(clusters, names, '--clusters');
    base = names.filter((n) => chosen.has(n));
  } else {
    const current = loaded.currentContext;
    if (current === undefined) {
      throw new ContextSelectionError(
        'no current context is set in the kubeconfig: pass --context NAME, --clusters a,b or --all-clusters',
      );
    }
    if (!names.includes(current)) {
      throw new ContextSelectionError(
        `the current context ${q(current)} is not defined in the kubeconfig: pass --context NAME or --all-clusters`,
      );
    }
    base = [current];
  }
  if (exclude.length > 0) {
    const drop = matchAll(exclude, names, '--exclude');
    base = base.filter((n) => !drop.has(n));
    if (base.length === 0) throw new ContextSelectionError('--exclude removed every selected context');
  }
  if (base.length === 0) throw new ContextSelectionError('the kubeconfig has no contexts');
  return base;
}

/** The secret-free description of one context; unknown names → `ContextSelectionError` with a suggestion. */
export function contextInfo(loaded: LoadedKubeconfig, name: string): ContextInfo {
  const info = loaded.contexts.find((c) => c.name === name);
  if (!info) {
    throw unknownContextError(
      name,
      loaded.contexts.map((c) => c.name),
    );
  }
  return info;
}
