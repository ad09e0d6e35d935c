/**
 * Terminal escaping of cluster-originated text (kubectl's answer to CVE-2021-25743, made stricter).
 *
 * Every character that could move the cursor, change colours, set the window title, rewrite what was
 * already printed or reorder text is replaced by a visible, inert spelling:
 * - ESC (U+001B) → `^[`  (so CSI `ESC [` and OSC `ESC ]` sequences print as plain text);
 * - `\r` → `\r`, `\n` → `\n`, `\t` → `\t`, `\f` → `\f`, `\v` → `\v`, `\b` → `\b` (the two characters);
 * - other C0 controls (U+0000–U+001F) and DEL → caret notation (`^@`, `^G`, `^?`, …);
 * - C1 controls (U+0080–U+009F, incl. the 8-bit CSI U+009B and OSC U+009D) → `\u009b`;
 * - bidi embedding/override/isolate controls U+202A–U+202E, U+2066–U+2069 → `\u202e`.
 * Everything else, including ordinary non-ASCII text, is left alone.
 */
const NAMED: Record<string, string> = {
  '\x1b': '^[',
  '\r': '\\r',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\v': '\\v',
  '\b': '\\b',
};

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

function u4(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return u4(code);
}

// The same class without the global flag: `test` on it keeps no lastIndex state (the hot check).
// eslint-disable-next-line no-control-regex
const UNSAFE_ANY = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

export function escapeTerminal(s: string): string {
  if (!UNSAFE_ANY.test(s)) return s;
  UNSAFE.lastIndex = 0;
  return s.replace(UNSAFE, escapeChar);
}

/** True when `s` holds nothing `escapeTerminal` would change. */
export function isTerminalSafe(s: string): boolean {
  return !UNSAFE_ANY.test(s);
}

// C1 and bidi controls are not escaped by JSON.stringify; these are, as `\uXXXX` (still valid JSON).
const JSON_UNSAFE = /[\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Make JSON text inert on a terminal while keeping it valid, equal JSON (C1/bidi → `\uXXXX`). */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => u4(ch.charCodeAt(0)));
}
