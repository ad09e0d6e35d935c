// GET .../pods/NAME/log: deterministic access-log lines per container, tailLines, timestamps and follow.
import type { ServerResponse } from 'node:http';
import { sendStatus } from '../http.js';
import { BY_PLURAL } from '../resources.js';
import type { ResourceStore } from '../store.js';
import type { Timers } from '../timers.js';
import { authorize, type UserInfo } from './auth.js';

export function sendPodLog(
  res: ServerResponse,
  store: ResourceStore,
  timers: Timers,
  user: UserInfo,
  namespace: string,
  name: string,
  q: URLSearchParams,
): void {
  const def = BY_PLURAL.get('pods')!;
  const denied = authorize(user, 'get', def, namespace, name, 'log');
  if (denied) return sendStatus(res, 403, denied.message, 'Forbidden', denied.details);
  const entry = store.entry('pods', namespace, name);
  if (!entry) return sendStatus(res, 404, `pods "${name}" not found`, 'NotFound', { name, kind: 'pods' });
  const pod = JSON.parse(entry.json) as PodShape;
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const container = q.get('container') ?? containers[0] ?? '';
  if (!containers.includes(container)) {
    return sendStatus(res, 400, `container ${container} is not valid for pod ${name}`, 'BadRequest');
  }
  const status = (pod.status?.containerStatuses ?? []).find((c) => c.name === container);
  if (!status || (status.state?.waiting && !status.lastState?.terminated && !status.restartCount)) {
    const why = status?.state?.waiting?.reason ?? 'ContainerCreating';
    return sendStatus(
      res,
      400,
      `container "${container}" in pod "${name}" is waiting to start: ${why}`,
      'BadRequest',
    );
  }
  const lines = logLines(pod, container, Date.now());
  const tail = Number.parseInt(q.get('tailLines') ?? '', 10);
  const stamps = q.get('timestamps') === 'true';
  const fmt = (l: { at: number; text: string }): string =>
    `${stamps ? `${new Date(l.at).toISOString().replace('Z', '000000Z')} ` : ''}${l.text}\n`;
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.write(
    (Number.isFinite(tail) && tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines)
      .map(fmt)
      .join(''),
  );
  if (q.get('follow') !== 'true') {
    res.end();
    return;
  }
  let n = lines.length;
  const next = (): void => {
    if (res.destroyed || res.writableEnded || timers.stopped) return;
    res.write(fmt(logLine(pod, container, n++, Date.now())));
    timers.set(next, 1000);
  };
  timers.set(next, 1000);
}

interface PodShape {
  metadata: { name: string; namespace?: string };
  spec?: { containers?: { name: string; image?: string }[] };
  status?: {
    startTime?: string;
    containerStatuses?: {
      name: string;
      restartCount?: number;
      state?: { waiting?: { reason?: string }; running?: { startedAt?: string } };
      lastState?: { terminated?: { reason?: string } };
    }[];
  };
}

const PATHS = [
  '/healthz',
  '/api/v1/orders',
  '/api/v1/payments',
  '/api/v1/users/me',
  '/metrics',
  '/api/v1/search',
];

/** One deterministic access-log line for a container. */
function logLine(pod: PodShape, container: string, i: number, at: number): { at: number; text: string } {
  let h = 2166136261;
  for (const ch of `${pod.metadata.name}/${container}/${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  h >>>= 0;
  const path = PATHS[h % PATHS.length]!;
  const status = h % 53 === 0 ? 500 : h % 17 === 0 ? 404 : 200;
  const level = status >= 500 ? 'ERROR' : 'INFO';
  const text = `${new Date(at).toISOString()} ${level} ${container} request method=GET path=${path} status=${status} duration=${(h % 900) + 3}ms`;
  return { at, text };
}

/** The log so far: a start line, then request lines. */
function logLines(pod: PodShape, container: string, now: number): { at: number; text: string }[] {
  const status = pod.status?.containerStatuses?.find((c) => c.name === container);
  const started =
    Date.parse(status?.state?.running?.startedAt ?? pod.status?.startTime ?? '') || now - 3_600_000;
  // a line a minute after the start: at most 40, none in the future, the same on every request
  const step = 60_000;
  const count = Math.max(1, Math.min(40, Math.floor((now - started) / step) + 1));
  const image = pod.spec?.containers?.find((c) => c.name === container)?.image ?? '';
  const out = [
    { at: started, text: `${new Date(started).toISOString()} INFO ${container} starting ${image}` },
  ];
  for (let i = 1; i < count; i++) out.push(logLine(pod, container, i, started + i * step));
  return out;
}
