#!/usr/bin/env node
// `kubectl mc get` benchmark: 20 simulated clusters × 1,000 pods (real TLS on loopback), 50 ms latency on
// every request, one cluster at 300 ms. Median wall time and peak RSS of
//   kubectl mc get pods -A --all-clusters            (table, and -o json)
//   a sequential loop of real `kubectl get pods -A --context X`
//   real kubectl in parallel (16 at a time, like `xargs -P 16`)
//   real kubectl on the slowest cluster alone
// plus the start time of `kubectl mc --version` and `kubectl mc get --help` (target < 300 ms).
// Targets (issue 19): mc ≤ 0.4× parallel kubectl, ≤ 1.2× the slowest cluster's own kubectl time; -o json
// ≤ 0.5× parallel `kubectl -o json`. Every command runs once per round, in rounds (load changes fall on all).
// --base OTHER/bin/run.js measures another build in the same rounds (before/after).
// The fleet runs in a child process. Usage: node bench/get.js [--clusters 20] [--pods 1000] [--runs 5] [--json]
// Needs a build (`npm run build`) and `kubectl` on PATH. Peak RSS is the largest single process
// (GNU time's ru_maxrss of the children; for the kubectl loops that is one kubectl, not their sum).
import { fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packagedCli } from './lib/packaged-cli.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '20' },
    pods: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
    fleet: { type: 'boolean', default: false },
    // another build's bin/run.js (before/after in the same rounds)
    base: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const nClusters = Number(values.clusters);
const nPods = Number(values.pods);
const runs = Number(values.runs);
const names = Array.from({ length: nClusters }, (_, i) => `cluster-${String(i + 1).padStart(2, '0')}`);
const slow = names[names.length - 1];

/** Run a command under GNU time: wall ms and peak RSS (KB) of its largest process. */
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
        return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`));
      resolve({ ms, rssKb, cpuMs: (user + sys) * 1000 });
    });
  });
}

const tempDirs = [];

/** The CLI as installed (with its oclif manifest), in a temp dir removed at the end. */
async function installedCli() {
  const { bin, dir } = await packagedCli(path.join(root, 'packages', 'cli'), path.join(root, 'node_modules'));
  tempDirs.push(dir);
  return bin;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measure(label, cmd, args, env, n = runs) {
  const samples = [];
  for (let i = 0; i < n; i++) samples.push(await timed(cmd, args, env));
  return summarize(label, samples);
}

function summarize(label, samples) {
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
  const { kubeconfigPath } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`fleet exited ${code}`)));
  });
  // kubectl keeps its discovery cache under $HOME/.kube/cache: a private HOME, warmed once, as a user's would be.
  const home = await mkdtemp(path.join(os.tmpdir(), 'kmc-bench-home-'));
  const env = {
    ...process.env,
    HOME: home,
    KUBECONFIG: kubeconfigPath,
    NO_COLOR: '1',
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  };
  const sh = (script) => ['-c', script];
  const ctxList = names.join(' ');
  const selection = ['--clusters', names.join(',')];
  try {
    if (!values.json)
      console.error(
        `fleet: ${nClusters} clusters × ${nPods} pods, 50 ms latency, ${slow} at 300 ms; median of ${runs}`,
      );
    for (const n of names) await timed('kubectl', ['get', 'pods', '-A', '--context', n], env); // warm kubectl's cache
    await timed(bin, ['get', 'pods', '-A', ...selection], env); // warm the page cache
    // Every command once per round, rounds repeated: a change in the machine's load (it is shared) falls
    // on all of them alike, so the ratios hold better than the absolute times.
    const plan = [
      ['mcTable', 'kubectl mc get pods -A (table)', bin, ['get', 'pods', '-A', ...selection]],
      ...(values.base
        ? [
            [
              'baseTable',
              'kubectl mc get pods -A (table), --base build',
              values.base,
              ['get', 'pods', '-A', ...selection],
            ],
          ]
        : []),
      [
        'mcTableAllAtOnce',
        `kubectl mc get pods -A --concurrency ${nClusters} (table)`,
        bin,
        ['get', 'pods', '-A', '--concurrency', String(nClusters), ...selection],
      ],
      ['mcJson', 'kubectl mc get pods -A -o json', bin, ['get', 'pods', '-A', '-o', 'json', ...selection]],
      ...(values.base
        ? [
            [
              'baseJson',
              'kubectl mc get pods -A -o json, --base build',
              values.base,
              ['get', 'pods', '-A', '-o', 'json', ...selection],
            ],
          ]
        : []),
      [
        'parallel',
        'kubectl get pods -A, xargs -P 16',
        'sh',
        sh(`printf '%s\\n' ${ctxList} | xargs -P 16 -I{} kubectl get pods -A --context {} >/dev/null`),
      ],
      [
        'parallelJson',
        'kubectl get pods -A -o json, xargs -P 16',
        'sh',
        sh(
          `printf '%s\\n' ${ctxList} | xargs -P 16 -I{} kubectl get pods -A -o json --context {} >/dev/null`,
        ),
      ],
      [
        'slowest',
        `kubectl get pods -A --context ${slow} (slowest alone)`,
        'kubectl',
        ['get', 'pods', '-A', '--context', slow],
      ],
    ];
    const samples = Object.fromEntries(plan.map(([key]) => [key, []]));
    for (let i = 0; i < runs; i++)
      for (const [key, , cmd, args] of plan) samples[key].push(await timed(cmd, args, env));
    const results = {};
    for (const [key, label] of plan) results[key] = summarize(label, samples[key]);
    Object.assign(results, {
      sequential: await measure(
        'kubectl get pods -A, sequential loop',
        'sh',
        sh(`for c in ${ctxList}; do kubectl get pods -A --context "$c" >/dev/null || exit 1; done`),
        env,
        Math.min(runs, 3),
      ),
      version: await measure(
        'kubectl mc --version (dev tree, no oclif manifest)',
        bin,
        ['--version'],
        env,
        10,
      ),
      help: await measure(
        'kubectl mc get --help (dev tree, no oclif manifest)',
        bin,
        ['get', '--help'],
        env,
        10,
      ),
    });
    // As installed (npm/krew): the CLI with its oclif.manifest.json, so oclif loads only the command it runs.
    const packaged = await installedCli();
    results.mcTablePackaged = await measure(
      'kubectl mc get pods -A (table, with manifest)',
      packaged,
      ['get', 'pods', '-A', ...selection],
      env,
    );
    results.versionPackaged = await measure(
      'kubectl mc --version (with manifest)',
      packaged,
      ['--version'],
      env,
      10,
    );
    results.helpPackaged = await measure(
      'kubectl mc get --help (with manifest)',
      packaged,
      ['get', '--help'],
      env,
      10,
    );
    const ratio = (a, b) => Math.round((a / b) * 100) / 100;
    const summary = {
      clusters: nClusters,
      podsPerCluster: nPods,
      runs,
      ...results,
      ratios: {
        mcVsParallel: ratio(results.mcTable.ms, results.parallel.ms),
        mcVsSequential: ratio(results.mcTable.ms, results.sequential.ms),
        mcVsSlowestCluster: ratio(results.mcTable.ms, results.slowest.ms),
        mcPackagedVsParallel: ratio(results.mcTablePackaged.ms, results.parallel.ms),
        mcPackagedVsSlowestCluster: ratio(results.mcTablePackaged.ms, results.slowest.ms),
        mcJsonVsParallel: ratio(results.mcJson.ms, results.parallel.ms),
        mcJsonVsParallelJson: ratio(results.mcJson.ms, results.parallelJson.ms),
        ...(results.baseTable
          ? {
              baseVsParallel: ratio(results.baseTable.ms, results.parallel.ms),
              baseVsSlowestCluster: ratio(results.baseTable.ms, results.slowest.ms),
              baseJsonVsParallelJson: ratio(results.baseJson.ms, results.parallelJson.ms),
            }
          : {}),
        mcAllAtOnceVsParallel: ratio(results.mcTableAllAtOnce.ms, results.parallel.ms),
        mcAllAtOnceVsSlowestCluster: ratio(results.mcTableAllAtOnce.ms, results.slowest.ms),
      },
      targets: { mcVsParallel: 0.4, mcJsonVsParallelJson: 0.5, mcVsSlowestCluster: 1.2, startMs: 300 },
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
      console.log('');
      const { ratios } = summary;
      console.log(
        `mc / parallel kubectl: ${ratios.mcVsParallel} (target ≤ 0.4); -o json / parallel kubectl -o json: ${ratios.mcJsonVsParallelJson} (target ≤ 0.5)`,
      );
      if (ratios.baseVsParallel !== undefined)
        console.log(
          `--base build: / parallel kubectl ${ratios.baseVsParallel}, / slowest cluster ${ratios.baseVsSlowestCluster}; -o json / parallel kubectl -o json ${ratios.baseJsonVsParallelJson}`,
        );
      console.log(`mc / sequential kubectl: ${ratios.mcVsSequential}`);
      console.log(`mc / slowest cluster's own kubectl: ${ratios.mcVsSlowestCluster} (target ≤ 1.2)`);
      console.log(
        `with the oclif manifest (as installed): mc / parallel ${ratios.mcPackagedVsParallel}, mc / slowest cluster ${ratios.mcPackagedVsSlowestCluster}`,
      );
      console.log(
        `with --concurrency ${nClusters}: mc / parallel ${ratios.mcAllAtOnceVsParallel}, mc / slowest cluster ${ratios.mcAllAtOnceVsSlowestCluster}`,
      );
    }
  } finally {
    child.disconnect();
    await rm(home, { recursive: true, force: true });
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  }
}

if (values.fleet) {
  const { startFleet } = await import('@kubectl-mc/sim');
  const faults = Object.fromEntries(names.map((n) => [n, n === slow ? 'latency:300ms' : 'latency:50ms']));
  const fleet = await startFleet({ clusters: names, podsPerCluster: nPods, faults });
  process.send({ kubeconfigPath: fleet.kubeconfigPath });
  process.on('disconnect', async () => {
    await fleet.stop();
    process.exit(0);
  });
} else {
  await main();
}
