#!/usr/bin/env node
// Fan-out at fleet scale: the built `kubectl-mc get pods -A` against N simulated clusters with a share
// of them faulty, at several --concurrency values. Prints wall time, rows, failures and the CLI's peak
// RSS (VmHWM from /proc) per run; `--json` prints one JSON object instead.
// Usage: node bench/scale.js [--clusters 200] [--faulty 0.1] [--pods 8] [--concurrency 8,16,64] [--timeout 2s] [--json]
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFleet } from '@kubectl-mc/sim';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '200' },
    faulty: { type: 'string', default: '0.1' },
    pods: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '8,16,64' },
    timeout: { type: 'string', default: '2s' },
    json: { type: 'boolean', default: false },
  },
});
const n = Number(values.clusters);
const share = Number(values.faulty);
const kinds = ['down', 'hang', 'error:500', 'garbage', 'unauthorized', 'bad-cert', 'throttle', 'stall-body'];
const names = Array.from({ length: n }, (_, i) => `c-${String(i + 1).padStart(4, '0')}`);
const every = share > 0 ? Math.max(1, Math.round(1 / share)) : Infinity;
const faults = Object.fromEntries(
  names.filter((_, i) => i % every === every - 1).map((c, i) => [c, kinds[i % kinds.length]]),
);

function peak(pid) {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function run(args, env) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    // stdout to a file: through a pipe the CLI can lose its last rows at exit (docs/reliability.md, R5)
    const outFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'kmc-scale-')), 'stdout');
    const fd = openSync(outFile, 'w');
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', fd, 'pipe'] });
    let rows = 0;
    let failures = 0;
    let hwm = 0;
    child.stderr.on('data', (d) => (failures += (d.toString().match(/^error: context /gm) ?? []).length));
    const poll = setInterval(() => (hwm = Math.max(hwm, peak(child.pid))), 20);
    child.on('close', (code) => {
      clearInterval(poll);
      closeSync(fd);
      rows = readFileSync(outFile, 'utf8').split('\n').length - 1;
      resolve({
        code,
        ms: Math.round(performance.now() - t0),
        rows: Math.max(0, rows - 1),
        failures,
        peakRssMiB: Math.round(hwm / 1024),
      });
    });
  });
}

const fleet = await startFleet({ clusters: names, podsPerCluster: Number(values.pods), faults });
const env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath, NO_COLOR: '1' };
const results = [];
try {
  for (const c of values.concurrency.split(',').map(Number)) {
    const r = await run(
      [
        'get',
        'pods',
        '-A',
        '--all-clusters',
        '--exclude',
        '*-restricted',
        '--concurrency',
        String(c),
        '--request-timeout',
        values.timeout,
      ],
      env,
    );
    results.push({ concurrency: c, ...r });
    if (!values.json)
      console.log(
        `clusters=${n} faulty=${Object.keys(faults).length} concurrency=${c}: ${r.ms} ms, ${r.rows} rows, ${r.failures} failed, peak RSS ${r.peakRssMiB} MiB, exit ${r.code}`,
      );
  }
} finally {
  await fleet.stop();
}
if (values.json) console.log(JSON.stringify({ clusters: n, faulty: Object.keys(faults).length, results }));
