#!/usr/bin/env node
// How the cost of `kubectl mc get pods -A` grows: with the number of clusters (10 / 100 / 1,000 simulated
// API servers, 20 pods each) and with objects per cluster (10 clusters × 100 / 1,000 / 10,000 pods; 20,000
// with --pods). For each point: median wall time, CPU (user+sys) and peak RSS of the built CLI (table output),
// beside real kubectl run in parallel (`xargs -P 16`, one process per context) in the same round where
// that finishes in reasonable time; every run's output is counted (one row per pod, or the run fails).
// At each cluster count it also times loading the kubeconfig and selecting every context (in-process,
// core's own functions) and `kubectl mc contexts --check`.
// Writes a Markdown table to stdout, and with --out a JSON file, an SVG chart and (when Chromium is on
// PATH) the PNG of that chart, e.g. --out docs/images/growth.
// Usage: node bench/growth.js [--clusters 10,100,1000] [--cluster-pods 20] [--pods 100,1000,10000[,20000]]
//        [--pods-clusters 10] [--runs 3] [--kubectl-max 100] [--base OTHER/bin/run.js] [--out PREFIX] [--json]
// --base runs another build of the CLI in the same rounds (before/after in the same conditions).
// Needs a build (`npm run build`) and `kubectl` on PATH. Servers run in a child process (all on loopback).
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderChart } from './lib/chart.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '10,100,1000' },
    'cluster-pods': { type: 'string', default: '20' },
    pods: { type: 'string', default: '100,1000,10000' },
    'pods-clusters': { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    'kubectl-max': { type: 'string', default: '100' },
    concurrency: { type: 'string' },
    // another build's bin/run.js (e.g. main's, built elsewhere): measured in the same rounds, for before/after
    base: { type: 'string' },
    // render the table/chart from earlier --out JSON files (comma-separated) instead of measuring
    from: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
    fleet: { type: 'boolean', default: false },
    n: { type: 'string' },
    p: { type: 'string' },
  },
});
const runs = Number(values.runs);
const list = (s) => (s === '' ? [] : s.split(',').map(Number));
const log = (s) => {
  if (!values.json) process.stderr.write(`${s}\n`);
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** The fleet child: N clusters × P pods, healthy, no added latency; sends the kubeconfig path. */
async function fleetChild() {
  const { startFleet } = await import('@kubectl-mc/sim');
  const fleet = await startFleet({ clusters: Number(values.n), podsPerCluster: Number(values.p) });
  process.send({ kubeconfigPath: fleet.kubeconfigPath, contexts: fleet.clusters.map((c) => c.context) });
  process.on('disconnect', async () => {
    await fleet.stop();
    process.exit(0);
  });
}

async function startFleetChild(n, p) {
  const t0 = performance.now();
  const child = fork(fileURLToPath(import.meta.url), ['--fleet', '--n', String(n), '--p', String(p)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--max-old-space-size=4096'],
  });
  const info = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`fleet exited ${code}`)));
  });
  log(`  fleet ${n} × ${p} up in ${Math.round(performance.now() - t0)} ms (load ${load()})`);
  return { child, ...info };
}

/** Run under GNU time with stdout to a file: wall ms, peak RSS (KB), CPU ms, stdout line count. */
function timed(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kmc-growth-'));
    const outFile = path.join(dir, 'out');
    const t0 = performance.now();
    const child = spawn(
      'sh',
      ['-c', `exec /usr/bin/time -f '%M %U %S' "$@" > '${outFile}'`, 'sh', cmd, ...args],
      {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      const lines = err.trim().split('\n');
      const [rssKb, user, sys] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
      const text = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0)
        return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 600)}`));
      resolve({ ms, rssKb, cpuMs: (user + sys) * 1000, lines: text.split('\n').length - 1 });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summarize = (samples) => ({
  ms: Math.round(median(samples.map((s) => s.ms))),
  cpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
  rssMb: Math.round(Math.max(...samples.map((s) => s.rssKb)) / 1024),
});

/** In-process: load the kubeconfig and select every context, median of 15 (after 3 warm-ups). */
async function loadSelect(kubeconfig) {
  const { loadKubeconfig, selectContexts } = await import('@kubectl-mc/core/kubeconfig');
  const times = [];
  const cpu = [];
  let n = 0;
  for (let i = 0; i < 18; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const loaded = loadKubeconfig({ kubeconfig });
    n = selectContexts(loaded, { allClusters: true }).length;
    const c = process.cpuUsage(c0);
    if (i >= 3) {
      times.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  // CPU time too: on a shared machine the wall time is mostly waiting for a core
  return { ms: Math.round(median(times) * 10) / 10, cpuMs: Math.round(median(cpu) * 10) / 10, contexts: n };
}

async function point(axis, n, p, env0) {
  const fleet = await startFleetChild(n, p);
  const env = { ...env0, KUBECONFIG: fleet.kubeconfigPath };
  const contexts = fleet.contexts;
  const conc = values.concurrency ? ['--concurrency', values.concurrency] : [];
  // kubectl has no deadline by default: neither has mc here (a 20,000-pod list on a loaded machine takes > 10 s)
  const mcArgs = ['get', 'pods', '-A', '--request-timeout', '0', '--clusters', contexts.join(','), ...conc];
  const kubectl = n <= Number(values['kubectl-max']);
  const ctxFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'kmc-growth-ctx-')), 'contexts');
  writeFileSync(ctxFile, `${contexts.join('\n')}\n`);
  const kArgs = ['-c', `xargs -P 16 -I{} kubectl get pods -A --context {} < '${ctxFile}'`];
  try {
    // warm: the page cache, and kubectl's discovery cache in the private HOME
    await timed(bin, mcArgs, env);
    if (kubectl) await timed('sh', kArgs, env);
    const mc = [];
    const kc = [];
    const base = [];
    if (values.base) await timed(values.base, mcArgs, env);
    for (let i = 0; i < runs; i++) {
      // alternate, so that a change in the machine's load falls on both
      const m = await timed(bin, mcArgs, env);
      if (m.lines !== n * p + 1) throw new Error(`mc printed ${m.lines} lines, expected ${n * p + 1}`);
      mc.push(m);
      if (values.base) {
        const b = await timed(values.base, mcArgs, env);
        if (b.lines !== n * p + 1) throw new Error(`base printed ${b.lines} lines, expected ${n * p + 1}`);
        base.push(b);
      }
      if (kubectl) {
        const k = await timed('sh', kArgs, env);
        if (k.lines !== n * (p + 1))
          throw new Error(`kubectl printed ${k.lines} lines, expected ${n * (p + 1)}`);
        kc.push(k);
      }
    }
    const r = { axis, clusters: n, podsPerCluster: p, load: load(), mc: summarize(mc) };
    if (values.base) r.base = summarize(base);
    if (kubectl) {
      r.kubectl = summarize(kc);
      r.ratio = Math.round((r.mc.ms / r.kubectl.ms) * 100) / 100;
    }
    if (axis === 'clusters') {
      r.loadSelect = await loadSelect(fleet.kubeconfigPath);
      const check = [];
      for (let i = 0; i < runs; i++)
        check.push(await timed(bin, ['contexts', '--check', '--clusters', contexts.join(','), ...conc], env));
      r.contextsCheck = summarize(check);
    }
    log(
      `  ${n} clusters × ${p} pods: mc ${r.mc.ms} ms wall, ${r.mc.cpuMs} ms CPU, ${r.mc.rssMb} MB` +
        (r.base ? `; base ${r.base.ms} ms wall, ${r.base.cpuMs} ms CPU, ${r.base.rssMb} MB` : '') +
        (r.kubectl
          ? `; kubectl -P16 ${r.kubectl.ms} ms wall, ${r.kubectl.cpuMs} ms CPU; ratio ${r.ratio}`
          : '') +
        (r.loadSelect
          ? `; load+select ${r.loadSelect.ms} ms (${r.loadSelect.cpuMs} ms CPU); contexts --check ${r.contextsCheck.ms} ms`
          : '') +
        ` (load ${r.load})`,
    );
    return r;
  } finally {
    fleet.child.disconnect();
    await new Promise((resolve) => fleet.child.once('exit', resolve));
    rmSync(path.dirname(ctxFile), { recursive: true, force: true });
  }
}

function table(results) {
  const rows = [
    '| clusters × pods | mc wall | mc CPU | mc peak RSS | kubectl -P16 wall | kubectl CPU | mc / kubectl | load+select | contexts --check | load avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    rows.push(
      `| ${r.clusters} × ${r.podsPerCluster} | ${r.mc.ms} ms | ${r.mc.cpuMs} ms | ${r.mc.rssMb} MB | ` +
        `${r.kubectl ? `${r.kubectl.ms} ms` : '—'} | ${r.kubectl ? `${r.kubectl.cpuMs} ms` : '—'} | ${r.ratio ?? '—'} | ` +
        `${r.loadSelect ? `${r.loadSelect.ms} ms${r.loadSelect.cpuMs !== undefined ? ` (${r.loadSelect.cpuMs} CPU)` : ''}` : '—'} | ${r.contextsCheck ? `${r.contextsCheck.ms} ms` : '—'} | ${r.load} |`,
    );
  }
  if (results.some((r) => r.base)) {
    rows.push(
      '',
      '| clusters × pods | before: wall | CPU | peak RSS | after: wall | CPU | peak RSS |',
      '|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const r of results.filter((x) => x.base))
      rows.push(
        `| ${r.clusters} × ${r.podsPerCluster} | ${r.base.ms} ms | ${r.base.cpuMs} ms | ${r.base.rssMb} MB | ${r.mc.ms} ms | ${r.mc.cpuMs} ms | ${r.mc.rssMb} MB |`,
      );
  }
  return rows.join('\n');
}

async function main() {
  if (!existsSync(bin)) throw new Error('run "npm run build" first');
  const home = mkdtempSync(path.join(os.tmpdir(), 'kmc-growth-home-'));
  const env = {
    ...process.env,
    HOME: home,
    NO_COLOR: '1',
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  };
  const results = [];
  if (values.from)
    for (const f of values.from.split(',')) results.push(...JSON.parse(readFileSync(f, 'utf8')).results);
  else
    try {
      log(`growth: ${runs} runs per point, ${os.cpus().length} CPUs, load ${load()}`);
      for (const n of list(values.clusters))
        results.push(await point('clusters', n, Number(values['cluster-pods']), env));
      for (const p of list(values.pods))
        results.push(await point('pods', Number(values['pods-clusters']), p, env));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  const summary = { runs, cpus: os.cpus().length, node: process.version, results };
  if (values.out) {
    const prefix = path.resolve(values.out);
    writeFileSync(`${prefix}.json`, `${JSON.stringify(summary, null, 2)}\n`);
    const svg = renderChart(results);
    writeFileSync(`${prefix}.svg`, svg);
    try {
      execFileSync(
        'chromium',
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          `--screenshot=${prefix}.png`,
          '--hide-scrollbars',
          '--window-size=1000,700',
          `file://${prefix}.svg`,
        ],
        { stdio: 'ignore', timeout: 60_000 },
      );
      log(`wrote ${prefix}.json, ${prefix}.svg, ${prefix}.png`);
    } catch {
      log(`wrote ${prefix}.json, ${prefix}.svg (no PNG: chromium not available)`);
    }
  }
  if (values.json) console.log(JSON.stringify(summary, null, 2));
  else console.log(table(results));
}

if (values.fleet) await fleetChild();
else await main();
