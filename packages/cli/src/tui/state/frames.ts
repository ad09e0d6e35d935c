/** The view stack's small helpers every concern shares. */
import type { Frame, ListFrame, State, YamlFrame } from './types.js';

/**
 * Where a resource view's rows live in `state.resources`: the resource, or it under a label selector,
 * or with every column (`-o wide`); each its own watch.
 */
export function dataKey(f: { resource: string; selector?: string | undefined; wide?: boolean }): string {
  return `${f.resource}${f.selector ? ` -l ${f.selector}` : ''}${f.wide ? ' -o wide' : ''}`;
}

/** A `dataKey` back to its resource, selector and width. */
export function parseDataKey(key: string): { resource: string; selector?: string; wide?: boolean } {
  const wide = key.endsWith(' -o wide');
  const k = wide ? key.slice(0, -' -o wide'.length) : key;
  const i = k.indexOf(' -l ');
  return {
    resource: i < 0 ? k : k.slice(0, i),
    ...(i >= 0 ? { selector: k.slice(i + 4) } : {}),
    ...(wide ? { wide } : {}),
  };
}

export function top(state: State): Frame {
  return state.stack[state.stack.length - 1]!;
}

export function replaceTop(state: State, frame: Frame): State {
  return { ...state, stack: [...state.stack.slice(0, -1), frame] };
}

/** A list frame as it opens: no filter, natural order, first row. */
export function freshList(): ListFrame {
  return { filter: '', sort: -1, desc: false, selected: 0, scroll: 0 };
}

/** The object a YAML frame shows, as the data layer keys it: namespace/name. */
export function yamlKey(f: YamlFrame): string {
  return f.namespace ? `${f.namespace}/${f.name}` : f.name;
}
