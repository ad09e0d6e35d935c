import { UsageError } from '../errors.js';

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * kubectl's `--request-timeout` syntax → milliseconds: a Go duration (`10s`, `1m30s`, `500ms`, `1.5h`)
 * or a bare integer meaning seconds; `0` means no timeout (returns 0). Bad values → `UsageError`.
 */
export function parseDuration(input: string, flag = '--request-timeout'): number {
  const s = input.trim();
  const bad = () =>
    new UsageError(
      `invalid ${flag} value ${JSON.stringify(input)}: use a duration like 10s, 1m30s, 500ms or 2h (a bare number means seconds)`,
    );
  if (s.length === 0) throw bad();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  if (
    !/^(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h)(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))*$/.test(
      s,
    )
  ) {
    throw bad();
  }
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? NaN);
  }
  if (!Number.isFinite(total)) throw bad();
  // Never round a positive duration down to 0, which would mean "no timeout".
  return total > 0 ? Math.max(1, Math.round(total)) : 0;
}

/** Milliseconds for messages: `500ms`, `10s`, `1.5s`, `1m30s`, `2h`, `1h0m5s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sMs = ms % 60_000;
  const sec = Number((sMs / 1000).toFixed(3)).toString();
  let out = '';
  if (h > 0) out += `${h}h`;
  if (h > 0 || m > 0) out += `${m}m`;
  if (sMs > 0 || out === '') out += `${sec}s`;
  else if (m === 0 && h > 0) out = `${h}h`;
  return out.replace(/^(\d+h)0m$/, '$1');
}

/**
 * A human-readable age, with the rules of Kubernetes' `duration.HumanDuration` (apimachinery), so ages
 * computed here match the server's and kubectl's: `45s`, `3m20s`, `25m`, `5h12m`, `20h`, `3d4h`, `40d`,
 * `2y30d`, `9y`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}
