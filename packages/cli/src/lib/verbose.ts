/**
 * `-v` / `--v`, kubectl's log level, for the requests of every cluster: at 6 one line per request on
 * stderr (method, URL, status, time), at 7 also the request headers, at 8 the response headers too.
 * Lines follow klog's header (`I1125 14:30:00.123456`) and name the context; credentials are masked by
 * core's request log, and everything is terminal-escaped (response headers come from the cluster).
 */
import { Flags } from '@oclif/core';
import { redactSent } from '@kubectl-mc/core/errors';
import { escapeTerminal } from '@kubectl-mc/core/util';
import { formatRequestLog, setRequestLogger } from '@kubectl-mc/core/transport';

export const verboseFlags = {
  v: Flags.integer({
    char: 'v',
    description:
      'Log level, as kubectl: 6 logs each request (context, method, URL, status, time) on stderr, 7 adds the request headers, 8 the response headers. Credentials are always masked.',
    default: 0,
    min: 0,
    helpGroup: 'DEBUG',
  }),
};

let active = false;

/** Whether request lines are being written to stderr (the progress line then stays off). */
export function requestLogActive(): boolean {
  return active;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** klog's line header for an epoch time in (fractional) milliseconds: severity, month, day, time in µs. */
export function klogHeader(ms: number): string {
  const d = new Date(Math.floor(ms));
  const micros = Math.floor(ms * 1000) % 1_000_000;
  return (
    `I${pad(d.getMonth() + 1)}${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(micros, 6)}`
  );
}

/** Start logging requests at `level` (nothing below 6); returns the function that stops it. */
export function startRequestLog(
  level: number,
  write: (text: string) => void = (t) => void process.stderr.write(t),
): () => void {
  if (level < 6) return () => undefined;
  active = true;
  setRequestLogger((e) => {
    const head = klogHeader(performance.timeOrigin + performance.now());
    write(
      formatRequestLog(e, level)
        .map((l) => `${head} ${escapeTerminal(redactSent(l))}\n`)
        .join(''),
    );
  });
  return () => {
    active = false;
    setRequestLogger(undefined);
  };
}
