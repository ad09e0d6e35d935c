/** Reading free-form settings of a topology cluster the same way in every rule. */

/** Words that switch a setting off (compared trimmed and without case). */
const OFF_WORDS = new Set(['', 'none', 'no', 'off', 'false', 'disabled']);

/**
 * Whether a setting says "nothing": absent, empty, `false`, an empty list, or one of none, no, off,
 * false, disabled in any case (`backup: None`, `interruption_handling: ""`).
 */
export function isUnset(v: unknown): boolean {
  if (v === undefined || v === null || v === false) return true;
  if (typeof v === 'string') return OFF_WORDS.has(v.trim().toLowerCase());
  if (Array.isArray(v)) return v.length === 0;
  return false;
}
