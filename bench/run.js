#!/usr/bin/env node
// `npm run bench`: every benchmark, one after the other (they share two cores, so never in parallel).
// `npm run bench -- lint get` runs only the named ones. Each script prints its own figures.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const all = [
  'fleet-start',
  'lint',
  'lint-large',
  'get',
  'growth',
  'kubeconfig-load',
  'describe',
  'logs',
  'dashboard',
  'hub',
];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  process.stderr.write(`error: unknown benchmark(s) ${unknown.join(', ')}; known: ${all.join(', ')}\n`);
  process.exit(2);
}
/**
 * Arguments a benchmark runs with here: lint-large's target is the whole command, start-up included;
 * get.js runs its 14 commands in 3 rounds rather than 5, so that the whole set stays under 10 minutes.
 */
const args = { 'lint-large': ['--cli'], get: ['--runs', '3'] };
let failed = 0;
const started = performance.now();
const took = [];
for (const name of wanted.length > 0 ? wanted : all) {
  process.stdout.write(`\n== bench/${name}.js\n`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(here, `${name}.js`), ...(args[name] ?? [])], {
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`bench/${name}.js exited ${r.status ?? r.signal}\n`);
  }
  took.push(`${name} ${Math.round((performance.now() - t0) / 1000)} s`);
}
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
process.stdout.write(
  `\nbench: ${took.join(', ')}; all ${Math.round((performance.now() - started) / 1000)} s (load ${load})\n`,
);
process.exitCode = failed > 0 ? 1 : 0;
