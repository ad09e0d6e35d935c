/**
 * Tab on the `:` line: the first word completes to a resource (core's built-in types, the dashboard's own
 * words, what the views have loaded), the second to a namespace seen; to the longest common prefix, with
 * the choices in the flash line when several remain.
 */
import { BUILTIN_RESOURCES } from '@kubectl-mc/core';
import { pickerItems } from './picker.js';
import type { State } from './types.js';

const WORDS = [
  'clusters',
  'ctx',
  'contexts',
  'drift',
  'events',
  'help',
  'quit',
  'runs',
  'federateddeployments',
];
/** At most this many choices are listed. */
const MAX_SHOWN = 8;

function resourceWords(state: State): string[] {
  const out = new Set<string>(WORDS);
  for (const r of BUILTIN_RESOURCES) out.add(r.resource);
  for (const name of Object.keys(state.resources)) out.add(name);
  return [...out];
}

function commonPrefix(words: string[]): string {
  let p = words[0] ?? '';
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** The command text after Tab, and the choices to show when it is ambiguous. */
export function complete(state: State, text: string): { text: string; choices?: string } {
  const words = text.split(' ');
  if (words.length > 2) return { text };
  const last = words[words.length - 1]!;
  const pool =
    words.length === 1
      ? resourceWords(state)
      : pickerItems({ ...state, picker: { kind: 'namespace', selected: 0 } })
          .map((i) => i.value)
          .filter((v): v is string => v !== undefined);
  const matches = [...new Set(pool.filter((w) => w.startsWith(last.toLowerCase())))].sort();
  if (matches.length === 0) return { text };
  const head = words
    .slice(0, -1)
    .map((w) => `${w} `)
    .join('');
  if (matches.length === 1) return { text: `${head}${matches[0]}` };
  const prefix = commonPrefix(matches);
  const shown = matches.slice(0, MAX_SHOWN).join(' ') + (matches.length > MAX_SHOWN ? ' …' : '');
  return { text: `${head}${prefix.length > last.length ? prefix : last}`, choices: shown };
}
