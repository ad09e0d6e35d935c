#!/usr/bin/env node
// `kubectl mc describe` benchmark: 20 simulated clusters (real TLS on loopback), 50 ms latency on every
// request, one cluster at 300 ms. Median wall time and peak RSS of
//   kubectl mc describe deploy payment -n production --all-clusters
//   real kubectl describe in parallel per context (xargs -P 16)
//   real kubectl describe on the slowest cluster alone
// describe is several requests per cluster (the object, its events, its ReplicaSets), so latency adds up
// per cluster; the fan-out overlaps the clusters. Usage: node bench/describe.js [--clusters 20]
// [--pods 200] [--runs 5] [--json]. Needs a build and `kubectl` on PATH.
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
    pods: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
    fleet: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const nClusters = Number(values.clusters);
const runs = Number(values.runs);
const names = Array.from({ length: nClusters }, (_, i) => `cluster-${String(i + 1).padStart(2, '0')}`);
const slow = names[names.length - 1];

/** Wall ms and peak RSS (KB) of a command under GNU time. */
function timed(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M', cmd, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      const lines = err.trim().split('\n');
      if (code !== 0)
        return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`));
      resolve({ ms, rssKb: Number(lines[lines.length - 1]) });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measure(label, cmd, args, env) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await timed(cmd, args, env));
  const r = {
    label,
    ms: Math.round(median(samples.map((s) => s.ms))),
    rssMb: Math.round(Math.max(...samples.map((s) => s.rssKb)) / 1024),
  };
  if (!values.json) console.error(`  ${label}: ${r.ms} ms, ${r.rssMb} MB`);
  return r;
}

async function main() {
  const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
  if (!existsSync(bin)) throw new Error('run "npm run build" first');
  const child = fork(
    fileURLToPath(import.meta.url),
    ['--fleet', '--clusters', String(nClusters), '--pods', values.pods],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
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
  const what = ['describe', 'deploy', 'payment', '-n', 'production'];
  const selection = ['--clusters', names.join(',')];
  try {
    if (!values.json)
      console.error(`fleet: ${nClusters} clusters, 50 ms latency, ${slow} at 300 ms; median of ${runs}`);
    for (const n of names) await timed('kubectl', [...what, '--context', n], env); // warm kubectl's discovery cache
    await timed(bin, [...what, ...selection], env);
    const results = {
      mc: await measure(
        'kubectl mc describe deploy payment (20 clusters)',
        bin,
        [...what, ...selection],
        env,
      ),
      parallel: await measure(
        'kubectl describe deploy payment, xargs -P 16',
        'sh',
        [
          '-c',
          `printf '%s\\n' ${names.join(' ')} | xargs -P 16 -I{} kubectl ${what.join(' ')} --context {} >/dev/null`,
        ],
        env,
      ),
      slowest: await measure(
        `kubectl describe on ${slow} alone`,
        'kubectl',
        [...what, '--context', slow],
        env,
      ),
    };
    const ratio = (a, b) => Math.round((a / b) * 100) / 100;
    const summary = {
      clusters: nClusters,
      runs,
      ...results,
      ratios: {
        mcVsParallel: ratio(results.mc.ms, results.parallel.ms),
        mcVsSlowest: ratio(results.mc.ms, results.slowest.ms),
      },
    };
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(
        `load average at the end: ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${os.cpus().length} CPUs`,
      );
      console.log('| what | median wall | peak RSS |');
      console.log('|---|---:|---:|');
      for (const r of Object.values(results)) console.log(`| ${r.label} | ${r.ms} ms | ${r.rssMb} MB |`);
      console.log(
        `\nmc / parallel kubectl: ${summary.ratios.mcVsParallel}; mc / slowest cluster alone: ${summary.ratios.mcVsSlowest}`,
      );
    }
  } finally {
    child.disconnect();
    await rm(home, { recursive: true, force: true });
  }
}

if (values.fleet) {
  const { startFleet } = await import('@kubectl-mc/sim');
  const faults = Object.fromEntries(names.map((n) => [n, n === slow ? 'latency:300ms' : 'latency:50ms']));
  const fleet = await startFleet({ clusters: names, podsPerCluster: Number(values.pods), faults });
  process.send({ kubeconfigPath: fleet.kubeconfigPath });
  process.on('disconnect', async () => {
    await fleet.stop();
    process.exit(0);
  });
} else {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
