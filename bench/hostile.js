#!/usr/bin/env node
// Memory under hostile clusters: the built CLI against 2 healthy simulated clusters and N hostile ones,
// each answering one kind of hostile body (a body of tiny items near the size cap, an endless body, a
// page of 200,000 rows, an endless watch line). Prints per case: exit code, wall time, the CLI's peak
// RSS (VmHWM from /proc, the same figure /usr/bin/time -v reports as "Maximum resident set size") and the
// first error lines. Measured here, never asserted in tests.
// Usage: node bench/hostile.js [--hostile 16] [--mib 60] [--timeout 3s] [--case tiny,endless,rows,watch]
//        [--runs 1] [--base OTHER/packages/cli/bin/run.js]  (another build, measured in the same rounds)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFleet } from '@kubectl-mc/sim';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
const { values } = parseArgs({
  options: {
    hostile: { type: 'string', default: '16' },
    mib: { type: 'string', default: '60' },
    timeout: { type: 'string', default: '3s' },
    case: { type: 'string', default: 'tiny,endless,rows,watch' },
    runs: { type: 'string', default: '1' },
    base: { type: 'string' },
  },
});
const n = Number(values.hostile);
const healthy = ['ok-1', 'ok-2'];
const hostile = Array.from({ length: n }, (_, i) => `bad-${String(i + 1).padStart(2, '0')}`);
const isWatch = (req) => /[?&]watch=(true|1)/.test(req.url ?? '');
const isPods = (req) => /\/pods(\?|$)/.test(req.url ?? '') && !isWatch(req);

/** A body written as fast as the client reads: `head`, `chunk` until `total` bytes (Infinity: endless), `tail`. */
function pumped(res, head, chunk, total, tail) {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write(head);
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
  return true;
}

const tinyChunk = Buffer.from('{"metadata":{"name":"a"}},'.repeat(40_000));
const bigChunk = Buffer.from(
  Array.from({ length: 16 }, () =>
    JSON.stringify({
      metadata: { name: 'huge', namespace: 'default', annotations: { f: 'x'.repeat(4000) } },
    }),
  ).join(',') + ',',
);
const rows = Buffer.from(
  `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"5"},"columnDefinitions":[{"name":"Name","type":"string","format":"name","priority":0}],"rows":[${Array.from(
    { length: 200_000 },
    (_, i) => `{"cells":["p${i}"],"object":{"metadata":{"name":"p${i}","namespace":"default"}}}`,
  ).join(',')}]}`,
);

const CASES = {
  tiny: {
    args: ['get', 'pods', '-A', '-o', 'json'],
    respond: (req, res) =>
      isPods(req) &&
      pumped(
        res,
        '{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[',
        tinyChunk,
        Number(values.mib) * 1024 * 1024,
        '{}]}',
      ),
  },
  endless: {
    args: ['get', 'pods', '-A'],
    respond: (req, res) =>
      isPods(req) &&
      pumped(res, '{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[', bigChunk, Infinity, ''),
  },
  rows: {
    args: ['get', 'pods', '-A'],
    respond: (req, res) => {
      if (!isPods(req)) return false;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': rows.length });
      res.end(rows);
      return true;
    },
  },
  watch: {
    args: ['get', 'pods', '-A', '-w'],
    stopAfterMs: 8000,
    respond: (req, res) =>
      isWatch(req) &&
      pumped(
        res,
        '{"type":"ADDED","object":{"metadata":{"name":"',
        Buffer.from('x'.repeat(65536)),
        Infinity,
        '',
      ),
  },
};

function peak(pid) {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function run(bin, args, env, stopAfterMs) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = 0;
    let err = '';
    let hwm = 0;
    child.stdout.on('data', (d) => (out += d.length));
    child.stderr.on('data', (d) => (err += d.toString()));
    const poll = setInterval(() => (hwm = Math.max(hwm, peak(child.pid))), 20);
    const stop = stopAfterMs ? setTimeout(() => child.kill('SIGINT'), stopAfterMs) : undefined;
    let interrupted = 0;
    if (stop) setTimeout(() => (interrupted = performance.now()), stopAfterMs);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(stop);
      const t1 = performance.now();
      resolve({
        code,
        ms: Math.round(t1 - t0),
        exitAfterSigintMs: interrupted ? Math.round(t1 - interrupted) : undefined,
        stdoutBytes: out,
        peakRssMiB: Math.round(hwm / 1024),
        errors: [
          ...new Set(
            err
              .split('\n')
              .filter((l) => /^(error|warning):/.test(l))
              .map((l) => l.replace(/"bad-\d+"/, '"bad-*"')),
          ),
        ].slice(0, 4),
      });
    });
  });
}

const fleet = await startFleet({ clusters: [...healthy, ...hostile], podsPerCluster: 4 });
try {
  const env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath, NO_COLOR: '1' };
  const bins = [['this', bin], ...(values.base ? [['base', values.base]] : [])];
  const peaks = {};
  for (let i = 0; i < Number(values.runs); i++) {
    for (const name of values.case.split(',')) {
      const c = CASES[name];
      for (const h of hostile) fleet.setFault(h, { respond: c.respond });
      for (const [label, b] of bins) {
        const r = await run(
          b,
          [...c.args, '--request-timeout', values.timeout, '--clusters', [...healthy, ...hostile].join(',')],
          env,
          c.stopAfterMs,
        );
        console.log(`${name} (${label}): ${n} hostile + ${healthy.length} healthy: ${JSON.stringify(r)}`);
        (peaks[`${name} (${label})`] ??= []).push(r.peakRssMiB);
      }
    }
  }
  if (Number(values.runs) > 1)
    for (const [k, v] of Object.entries(peaks)) {
      const s = [...v].sort((a, b) => a - b);
      console.log(`${k}: peak RSS MiB ${s.join(' / ')}, median ${s[(s.length - 1) >> 1]}`);
    }
} finally {
  await fleet.stop();
}
