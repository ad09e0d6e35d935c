/** The view stack's small helpers every concern shares. */
import type { Frame, ListFrame, State, YamlFrame } from './types.js';

/** Where a resource view's rows live in `state.resources`: the resource, or it under a label selector. */
export function dataKey(f: { resource: string; selector?: string | undefined }): string {
  return f.selector ? `${f.resource} -l ${f.selector}` : f.resource;
}

/** A `dataKey` back to its resource and selector. */
export function parseDataKey(key: string): { resource: string; selector?: string } {
  const i = key.indexOf(' -l ');
  return i < 0 ? { resource: key } : { resource: key.slice(0, i), selector: key.slice(i + 4) };
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
