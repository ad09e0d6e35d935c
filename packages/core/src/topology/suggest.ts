import { didYouMean } from '../util/suggest.js';

/**
 * The linter's did-you-mean: stricter than the default for short names (a third of the name, at most
 * three edits), since rule ids, cluster and key names are often short and alike; a name that differs
 * only in case is always suggested.
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  return didYouMean(name, candidates, Math.min(3, Math.floor(name.length / 3)));
}
