#!/usr/bin/env node
// Hub benchmark: the same N simulated clusters (default 200 × 20 pods, 50 ms latency on every request)
// reached two ways, side by side:
//   kubectl mc get pods -A --clusters 'cluster-*'          N kubeconfig contexts (bearer tokens, one client cert)
//   kubectl mc get pods -A --hub hub --cluster-providers …  N ClusterProfiles listed from the hub, credentials
//                                                            from the simulator's exec plugin (one node process
//                                                            per cluster, as KEP-5339 runs a plugin)
// and `kubectl mc contexts --no-check --hub hub` (the inventory alone: one list on the hub).
// Median wall time, peak RSS and CPU of the kubectl-mc process tree. The fleet runs in a child process.
// Usage: node bench/hub.js [--clusters 200] [--pods 20] [--runs 3] [--json]   (needs `npm run build`)
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
    clusters: { type: 'string', default: '200' },
    pods: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    fleet: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const nClusters = Number(values.clusters);
const nPods = Number(values.pods);
const runs = Number(values.runs);
const width = Math.max(2, String(nClusters).length);
const names = Array.from({ length: nClusters }, (_, i) => `cluster-${String(i + 1).padStart(width, '0')}`);

/** Wall ms, and from GNU time the peak RSS (KB) of the largest process and the tree's CPU. */
function timed(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M %U %S', cmd, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      const lines = err.trim().split('\n');
      const [rssKb, user, sys] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
      if (code !== 0)
        return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 800)}`));
      resolve({ ms, rssKb, cpuMs: (user + sys) * 1000 });
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
    cpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
  };
  if (!values.json) console.error(`  ${label}: ${r.ms} ms, ${r.rssMb} MB, ${r.cpuMs} ms CPU`);
  return r;
}

async function main() {
  const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
  if (!existsSync(bin)) throw new Error('run "npm run build" first');
  const child = fork(
    fileURLToPath(import.meta.url),
    ['--fleet', '--clusters', String(nClusters), '--pods', String(nPods)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const { kubeconfigPath, providersPath } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`fleet exited ${code}`)));
  });
  const home = await mkdtemp(path.join(os.tmpdir(), 'kmc-bench-hub-'));
  const env = {
    ...process.env,
    HOME: home,
    KUBECONFIG: kubeconfigPath,
    NO_COLOR: '1',
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  };
  const ctxs = ['--clusters', 'cluster-*', '--exclude', '*-restricted'];
  // the simulator's two profiles that fail by design (no provider, failing plugin) are left out
  const hub = [
    '--hub',
    'hub',
    '--cluster-providers',
    providersPath,
    '--exclude',
    'fleet/onprem-prod,fleet/lab',
  ];
  try {
    if (!values.json)
      console.error(`fleet: ${nClusters} clusters × ${nPods} pods, 50 ms latency; median of ${runs}`);
    await timed(bin, ['get', 'pods', '-A', ...ctxs], env); // warm the page cache
    const results = {
      contexts: await measure(
        `get pods -A over ${nClusters} kubeconfig contexts`,
        bin,
        ['get', 'pods', '-A', ...ctxs],
        env,
      ),
      hub: await measure(
        `get pods -A over ${nClusters} hub ClusterProfiles`,
        bin,
        ['get', 'pods', '-A', ...hub],
        env,
      ),
      hubAllAtOnce: await measure(
        `get pods -A over ${nClusters} hub ClusterProfiles, --concurrency ${nClusters}`,
        bin,
        // every plugin process at once: on a small machine each needs more than the default 10 s deadline
        ['get', 'pods', '-A', '--concurrency', String(nClusters), '--request-timeout', '120s', ...hub],
        env,
      ),
      inventory: await measure(
        'contexts --no-check --hub (the inventory alone)',
        bin,
        ['contexts', '--no-check', ...hub],
        env,
      ),
    };
    const summary = {
      clusters: nClusters,
      podsPerCluster: nPods,
      runs,
      ...results,
      hubVsContexts: Math.round((results.hub.ms / results.contexts.ms) * 100) / 100,
    };
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(
        `load average at the end: ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${os.cpus().length} CPUs`,
      );
      console.log('| what | median wall | peak RSS | CPU (user+sys) |');
      console.log('|---|---:|---:|---:|');
      for (const r of Object.values(results))
        console.log(`| ${r.label} | ${r.ms} ms | ${r.rssMb} MB | ${r.cpuMs} ms |`);
      console.log(`\nhub / kubeconfig contexts: ${summary.hubVsContexts}`);
    }
  } finally {
    child.disconnect();
    await rm(home, { recursive: true, force: true });
  }
}

if (values.fleet) {
  const { startFleet } = await import('@kubectl-mc/sim');
  const faults = Object.fromEntries(names.map((n) => [n, 'latency:50ms']));
  const fleet = await startFleet({ clusters: names, podsPerCluster: nPods, faults, hub: true });
  process.send({ kubeconfigPath: fleet.kubeconfigPath, providersPath: fleet.hub.providersPath });
  process.on('disconnect', async () => {
    await fleet.stop();
    process.exit(0);
  });
} else {
  await main();
}
