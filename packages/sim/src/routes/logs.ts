// GET .../pods/NAME/log as the API server (and the kubelet behind it) answers: container (required when
// a pod has several), previous, tailLines, sinceSeconds / sinceTime, timestamps, limitBytes, follow;
// the drop-watch fault also cuts followed logs.
import type { ServerResponse } from 'node:http';
import { sendStatus } from '../http.js';
import { BY_PLURAL } from '../resources.js';
import type { ResourceStore } from '../store.js';
import type { Timers } from '../timers.js';
import { authorize, type UserInfo } from './auth.js';
import {
  currentLog,
  followLog,
  terminatedLines,
  type ContainerStatusShape,
  type LogLine,
  type PodShape,
} from './log-lines.js';

/** Why the kubelet cannot serve this container's log (its messages), or undefined. */
function refusal(name: string, container: string, st: ContainerStatusShape | undefined): string | undefined {
  const where = `container "${container}" in pod "${name}"`;
  if (!st) return `${where} is waiting to start: ContainerCreating`;
  const s = st.state ?? {};
  if (s.running || s.terminated?.containerID || st.lastState?.terminated?.containerID) return undefined;
  if (s.terminated || st.lastState?.terminated) return `${where} is terminated`;
  const reason = s.waiting?.reason ?? 'ContainerCreating';
  if (reason === 'ErrImagePull') return `${where} is waiting to start: image can't be pulled`;
  if (reason === 'ImagePullBackOff') return `${where} is waiting to start: trying and failing to pull image`;
  return `${where} is waiting to start: ${reason}`;
}

function badRequest(res: ServerResponse, message: string): void {
  sendStatus(res, 400, message, 'BadRequest');
}

export function sendPodLog(
  res: ServerResponse,
  store: ResourceStore,
  timers: Timers,
  user: UserInfo,
  namespace: string,
  name: string,
  q: URLSearchParams,
  dropMs?: number,
): void {
  const def = BY_PLURAL.get('pods')!;
  const denied = authorize(user, 'get', def, namespace, name, 'log');
  if (denied) return sendStatus(res, 403, denied.message, 'Forbidden', denied.details);
  const entry = store.entry('pods', namespace, name);
  if (!entry) return sendStatus(res, 404, `pods "${name}" not found`, 'NotFound', { name, kind: 'pods' });
  const pod = JSON.parse(entry.json) as PodShape;
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const inits = (pod.spec?.initContainers ?? []).map((c) => c.name);
  let container = q.get('container') ?? '';
  if (container === '') {
    if (containers.length !== 1) {
      const init = inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : '';
      return badRequest(
        res,
        `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${init}`,
      );
    }
    container = containers[0]!;
  }
  if (!containers.includes(container) && !inits.includes(container)) {
    return badRequest(res, `container ${container} is not valid for pod ${name}`);
  }
  const status = (pod.status?.containerStatuses ?? []).find((c) => c.name === container);
  const previous = q.get('previous') === 'true';
  let lines: LogLine[];
  let live: ReturnType<typeof currentLog> | undefined;
  if (previous) {
    const last = status?.lastState?.terminated;
    if (!last?.containerID) {
      return badRequest(res, `previous terminated container "${container}" in pod "${name}" not found`);
    }
    lines = terminatedLines(pod, container, last);
  } else {
    const why = refusal(name, container, status);
    if (why) return badRequest(res, why);
    live = currentLog(store, pod, status!);
    lines = live.lines;
  }

  const tail = Number.parseInt(q.get('tailLines') ?? '', 10);
  const sinceSeconds = Number.parseInt(q.get('sinceSeconds') ?? '', 10);
  const sinceTime = Date.parse(q.get('sinceTime') ?? '');
  if (q.has('sinceSeconds') && q.has('sinceTime')) {
    return sendStatus(
      res,
      422,
      'PodLogOptions "" is invalid: sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
      'Invalid',
    );
  }
  const since = Number.isFinite(sinceSeconds)
    ? Date.now() - sinceSeconds * 1000
    : Number.isFinite(sinceTime)
      ? sinceTime
      : undefined;
  const limit = Number.parseInt(q.get('limitBytes') ?? '', 10);
  const stamps = q.get('timestamps') === 'true';
  const fmt = (l: LogLine): string =>
    `${stamps ? `${new Date(l.at).toISOString().replace('Z', '000000Z')} ` : ''}${l.text}\n`;

  // the kubelet: the last tailLines lines of the file, then those not before `since`
  let shown = Number.isFinite(tail) && tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines;
  if (since !== undefined) shown = shown.filter((l) => l.at >= since);
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  let budget = Number.isFinite(limit) && limit > 0 ? limit : Infinity;
  /** Writes within limitBytes; false once the budget is spent (the response has ended). */
  const send = (text: string): boolean => {
    const buf = Buffer.from(text);
    if (buf.length >= budget) {
      res.end(buf.subarray(0, budget));
      budget = 0;
      return false;
    }
    budget -= buf.length;
    res.write(buf);
    return true;
  };
  const head = shown.map(fmt).join('');
  if (head !== '' && !send(head)) return;
  if (q.get('follow') !== 'true' || !live || !status?.state?.running) {
    res.end();
    return;
  }
  const stop = followLog(live, pod, container, timers, (l) => {
    if (res.destroyed || res.writableEnded) return stop();
    if (!send(fmt(l))) stop();
  });
  res.once('close', stop);
  if (dropMs !== undefined) {
    timers.set(() => {
      // abrupt, as a dropped watch: the connection goes away mid-stream
      stop();
      res.socket?.destroy();
    }, dropMs);
  }
}
