#!/usr/bin/env node
// `kubectl mc logs` benchmark: 20 simulated clusters (real TLS on loopback), 50 ms latency on every
// request, one cluster at 300 ms. Median wall time, peak RSS and CPU of
//   kubectl mc logs -l app=payment -n production --tail 100 over every cluster
//   real `kubectl logs -l app=payment -n production --tail 100 --context X`, 16 at a time (xargs -P 16)
//   the same kubectl, one cluster after the other
// Exit code 1 is accepted from both: a pod whose container is waiting to start is an error for both.
// The fleet runs in a child process. Usage: node bench/logs.js [--clusters 20] [--runs 5] [--json]
// Needs a build (`npm run build`) and `kubectl` on PATH.
import { fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '20' },
    runs: { type: 'string', default: '5' },
    fleet: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const nClusters = Number(values.clusters);
const runs = Number(values.runs);
const names = Array.from({ length: nClusters }, (_, i) => `cluster-${String(i + 1).padStart(2, '0')}`);
const slow = names[names.length - 1];

/** Run a command under GNU time: wall ms, peak RSS (KB) of its largest process, CPU, output lines. */
function timed(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M %U %S', cmd, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let lines = 0;
    child.stdout.on('data', (d) => {
      for (const b of d) if (b === 10) lines++;
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      const last = err.trim().split('\n').pop() ?? '';
      const [rssKb, user, sys] = last.split(' ').map(Number);
      // GNU time reports the child's non-zero exit on a line of its own
      const exit = /Command exited with non-zero status (\d+)/.exec(err)?.[1];
      if (code !== 0 && exit !== '1')
        return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`));
      resolve({ ms, rssKb, cpuMs: (user + sys) * 1000, lines });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measure(label, cmd, args, env, n = runs) {
  const samples = [];
  for (let i = 0; i < n; i++) samples.push(await timed(cmd, args, env));
  const r = {
    label,
    ms: Math.round(median(samples.map((s) => s.ms))),
    rssMb: Math.round(Math.max(...samples.map((s) => s.rssKb)) / 1024),
    cpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
    lines: samples[0].lines,
  };
  if (!values.json)
    console.error(`  ${label}: ${r.ms} ms, ${r.rssMb} MB, ${r.cpuMs} ms CPU, ${r.lines} lines`);
  return r;
}

async function main() {
  const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
  if (!existsSync(bin)) throw new Error('run "npm run build" first');
  const child = fork(fileURLToPath(import.meta.url), ['--fleet', '--clusters', String(nClusters)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { kubeconfigPath } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`fleet exited ${code}`)));
  });
  const home = await mkdtemp(path.join(os.tmpdir(), 'kmc-bench-home-'));
  const env = {
    ...process.env,
    HOME: home,
    KUBECONFIG: kubeconfigPath,
    NO_COLOR: '1',
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  };
  const ctxList = names.join(' ');
  const what = 'logs -l app=payment -n production --tail 100';
  try {
    if (!values.json)
      console.error(`fleet: ${nClusters} clusters, 50 ms latency, ${slow} at 300 ms; median of ${runs}`);
    for (const n of names) await timed('kubectl', [...what.split(' '), '--context', n], env); // warm caches
    const results = {
      mc: await measure(`kubectl mc ${what}`, bin, [...what.split(' '), '--clusters', names.join(',')], env),
      parallel: await measure(
        `kubectl ${what}, xargs -P 16`,
        'sh',
        ['-c', `printf '%s\\n' ${ctxList} | xargs -P 16 -I{} kubectl ${what} --context {}; true`],
        env,
      ),
      sequential: await measure(
        `kubectl ${what}, sequential loop`,
        'sh',
        ['-c', `for c in ${ctxList}; do kubectl ${what} --context "$c"; done; true`],
        env,
        Math.min(runs, 3),
      ),
    };
    const ratio = (a, b) => Math.round((a / b) * 100) / 100;
    const summary = {
      clusters: nClusters,
      runs,
      ...results,
      ratios: {
        mcVsParallel: ratio(results.mc.ms, results.parallel.ms),
        mcVsSequential: ratio(results.mc.ms, results.sequential.ms),
      },
    };
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log('| what | median wall | peak RSS | CPU (user+sys) | lines |');
      console.log('|---|---:|---:|---:|---:|');
      for (const r of Object.values(results))
        console.log(`| ${r.label} | ${r.ms} ms | ${r.rssMb} MB | ${r.cpuMs} ms | ${r.lines} |`);
      console.log('');
      console.log(`mc / parallel kubectl: ${summary.ratios.mcVsParallel}`);
      console.log(`mc / sequential kubectl: ${summary.ratios.mcVsSequential}`);
    }
  } finally {
    child.disconnect();
    await rm(home, { recursive: true, force: true });
  }
}

if (values.fleet) {
  const { startFleet } = await import('@kubectl-mc/sim');
  const faults = Object.fromEntries(names.map((n) => [n, n === slow ? 'latency:300ms' : 'latency:50ms']));
  const fleet = await startFleet({ clusters: names, faults });
  process.send({ kubeconfigPath: fleet.kubeconfigPath });
  process.on('disconnect', async () => {
    await fleet.stop();
    process.exit(0);
  });
} else {
  await main();
}
