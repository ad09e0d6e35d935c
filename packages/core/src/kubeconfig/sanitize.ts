/**
 * Helpers that keep messages one line, free of terminal control characters and free of secrets.
 * Shared by kubeconfig, fan-out and transport (not part of the public API).
 */

// C0 controls (tab and newline included: messages are one line), DEL, C1 controls, and the Unicode
// bidi overrides that can reorder what a terminal shows.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Escape control characters so that cluster- or file-supplied text cannot drive the terminal. */
export function escapeControl(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A quoted, escaped name for messages: `"prod-eu"`. */
export function q(name: string): string {
  return `"${escapeControl(name)}"`;
}

/** One line (the first non-empty one), escaped and capped in length. */
export function oneLine(message: string, max = 300): string {
  const first =
    message
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? '';
  const escaped = escapeControl(first);
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/** Replace every occurrence of each secret (of 4+ characters) with `[redacted]`. */
export function redact(message: string, secrets: Iterable<string>): string {
  let out = message;
  const sorted = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const s of sorted) out = out.split(s).join('[redacted]');
  return out;
}

/**
 * Output of a credential plugin (exec, auth provider) made safe to show: such output may carry the very
 * credential the plugin was producing, which is in no kubeconfig and so cannot be redacted by value.
 * Keeps the first line, masks `key=value` / `key: value` pairs whose key names a credential, and masks
 * long opaque runs (tokens, JWTs, base64 keys).
 */
export function scrubPluginOutput(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return first
    .replace(
      /\b(token|access[_-]?token|id[_-]?token|refresh[_-]?token|password|passwd|secret|client[_-]?key|key|bearer|authorization)(["']?\s*[=:]\s*|\s+)("[^"]*"|'[^']*'|\S+)/gi,
      (_m, k: string, sep: string) => `${k}${sep}[redacted]`,
    )
    .replace(/[A-Za-z0-9+/_\-.=]{24,}/g, '[redacted]');
}

/** Levenshtein distance (small strings: context names). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The closest candidate when it is close enough to be a plausible typo. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(input.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const threshold = Math.max(2, Math.floor(input.length / 3));
  return bestD <= threshold ? best : undefined;
}
