/**
 * Helpers that keep messages one line, free of terminal control characters and free of secrets: for the
 * text of errors and warnings (kubeconfig, transport, fan-out). Cluster data shown in tables goes
 * through `escapeTerminal` (./escape.ts) instead, kubectl's spelling for printed output.
 */
import { MIN_SECRET_LENGTH, redactSent } from '../errors.js';

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

/**
 * A JSON or YAML value as text: a string as it is, null and undefined as '', another primitive as
 * `String` spells it, an object or array as JSON (never `[object Object]`).
 */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || typeof v === 'symbol')
    return String(v);
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return Array.isArray(v) ? '[…]' : '{…}'; // circular (a YAML alias inside itself)
  }
}

/**
 * Replace every occurrence of each secret (of 4+ characters) with `[redacted]`: the given ones (a
 * kubeconfig's literal values) and every credential this process has sent (`redactSent`).
 */
export function redact(message: string, secrets: Iterable<string>): string {
  let out = message;
  const sorted = [...secrets]
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const s of sorted) out = out.split(s).join('[redacted]');
  return redactSent(out);
}
