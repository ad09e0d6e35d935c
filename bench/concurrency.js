#!/usr/bin/env node
// The curve behind the default --concurrency: `kubectl mc get pods -A` (table) against N simulated clusters
// × P pods with a given latency on every request, at several --concurrency values, run in alternating
// rounds so that a change in the machine's load falls on every value alike. Median wall, CPU and peak RSS.
// Usage: node bench/concurrency.js [--clusters 100] [--pods 20] [--latency 50ms] [--values 8,16,32,64,128]
//        [--runs 3] [--json]
import { fork, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');
const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '100' },
    pods: { type: 'string', default: '20' },
    latency: { type: 'string', default: '50ms' },
    values: { type: 'string', default: '8,16,32,64,128' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    fleet: { type: 'boolean', default: false },
  },
});
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

if (values.fleet) {
  const { startFleet } = await import('@kubectl-mc/sim');
  const n = Number(values.clusters);
  const width = Math.max(2, String(n).length);
  const names = Array.from({ length: n }, (_, i) => `cluster-${String(i + 1).padStart(width, '0')}`);
  const faults =
    values.latency === '0' ? {} : Object.fromEntries(names.map((c) => [c, `latency:${values.latency}`]));
  const fleet = await startFleet({ clusters: names, podsPerCluster: Number(values.pods), faults });
  process.send({ kubeconfigPath: fleet.kubeconfigPath, contexts: names });
  process.on('disconnect', async () => {
    await fleet.stop();
    process.exit(0);
  });
} else {
  const child = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--fleet'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { kubeconfigPath, contexts } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`fleet exited ${code}`)));
  });
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, NO_COLOR: '1' };
  const run = (c) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const p = spawn(
        '/usr/bin/time',
        [
          '-f',
          '%M %U %S',
          bin,
          'get',
          'pods',
          '-A',
          '--clusters',
          contexts.join(','),
          '--concurrency',
          String(c),
        ],
        { env, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code) => {
        const lines = err.trim().split('\n');
        const [rss, u, s] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
        if (code !== 0) reject(new Error(`exit ${code}: ${err.slice(0, 400)}`));
        else resolve({ ms: performance.now() - t0, cpuMs: (u + s) * 1000, rssKb: rss });
      });
    });
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const list = values.values.split(',').map(Number);
  const samples = new Map(list.map((c) => [c, []]));
  try {
    await run(list[list.length - 1]); // warm
    for (let i = 0; i < Number(values.runs); i++) for (const c of list) samples.get(c).push(await run(c));
  } finally {
    child.disconnect();
  }
  const results = list.map((c) => {
    const s = samples.get(c);
    return {
      concurrency: c,
      ms: Math.round(median(s.map((x) => x.ms))),
      cpuMs: Math.round(median(s.map((x) => x.cpuMs))),
      rssMb: Math.round(Math.max(...s.map((x) => x.rssKb)) / 1024),
    };
  });
  const head = `${contexts.length} clusters × ${values.pods} pods, latency ${values.latency}, median of ${values.runs}, load ${load()}`;
  if (values.json) console.log(JSON.stringify({ setup: head, results }));
  else {
    console.log(head);
    console.log('| --concurrency | wall | CPU | peak RSS |\n|---:|---:|---:|---:|');
    for (const r of results) console.log(`| ${r.concurrency} | ${r.ms} ms | ${r.cpuMs} ms | ${r.rssMb} MB |`);
  }
}
