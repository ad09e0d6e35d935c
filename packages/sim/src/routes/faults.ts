// The faults that answer a request in place of the API (after authentication): an error status, 429,
// a malformed body, a body that stalls, an endless body. Connection-level faults (down, hang, latency,
// bad certificate, dropped watches) are the server's and the watch hub's.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from '../faults.js';
import { sendStatus } from '../http.js';
import type { Timers } from '../timers.js';

/** Answer with the fault in force, if one replaces the response; true when it did. */
export function answerFault(
  req: IncomingMessage,
  res: ServerResponse,
  fault: FaultSpec,
  timers: Timers,
): boolean {
  if (fault.respond?.(req, res)) return true;
  if (fault.errorStatus) {
    const code = fault.errorStatus;
    const msg =
      code === 503
        ? 'the server is currently unable to handle the request'
        : code === 504
          ? 'the server was unable to return a response in the time allotted, but may still be processing the request'
          : code >= 500
            ? 'an error on the server ("simulated fault") has prevented the request from succeeding'
            : `the server rejected the request (simulated fault error:${code})`;
    sendStatus(res, code, msg);
    return true;
  }
  if (fault.throttle) {
    sendStatus(
      res,
      429,
      'Too many requests, please try again later.',
      'TooManyRequests',
      { retryAfterSeconds: 1 },
      { 'Retry-After': '1' },
    );
    return true;
  }
  if (fault.garbage) {
    const body =
      '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"12"},"items":[{"metadata":{"name":"x\u0000';
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return true;
  }
  if (fault.stallBody) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.write('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"');
    return true; // never ends
  }
  if (fault.hugeBody) {
    hugeBody(res, timers);
    return true;
  }
  return false;
}

/** A PodList that never ends, written as fast as the client reads. */
function hugeBody(res: ServerResponse, timers: Timers): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.write('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[');
  const item = JSON.stringify({
    metadata: { name: 'huge', namespace: 'default', annotations: { filler: 'x'.repeat(4000) } },
  });
  const chunk = Array.from({ length: 16 }, () => item).join(',') + ',';
  const pump = (): void => {
    if (res.destroyed || res.writableEnded || timers.stopped) return;
    const ok = res.write(chunk);
    if (ok) timers.set(pump, 2);
    else res.once('drain', () => timers.set(pump, 2));
  };
  pump();
}
