/** Did-you-mean: the closest candidate by edit distance, when close enough to be a likely typo. */

/** Levenshtein distance; stops early and returns `max + 1` once the distance must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * How far a typo may be from what was meant, by default: like kubectl's (cobra's) suggestions, two edits,
 * and a third of the name for longer names (`us-esat-prod` → `us-east-prod`).
 */
export function defaultMaxDistance(input: string): number {
  return Math.max(2, Math.floor(input.length / 3));
}

/**
 * The candidate closest to `input` (case-insensitive) when at most `maxDistance` edits away, else
 * undefined. Of equally close candidates the smallest wins, so the answer never depends on their order.
 * A candidate equal to the input is no suggestion and is skipped.
 */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
  maxDistance = defaultMaxDistance(input),
): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === input) continue;
    const d = editDistance(lower, c.toLowerCase(), Math.min(maxDistance, bestD));
    if (d <= maxDistance && (d < bestD || (d === bestD && best !== undefined && c < best))) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
