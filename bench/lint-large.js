#!/usr/bin/env node
// Topology linter on large single files (issue 21): the real-world shapes of the corpus grown to a few
// MB, as hostile/make-large.py writes them: Istio's gateway-all.yaml repeated to 3.9 MB (1,600+
// documents), and 3.5 MB of Prometheus federation jobs in one scrape_configs. Each input is linted in
// a fresh process (so peak memory is that input's), reporting the lint call's wall and CPU time and the
// process's peak RSS; `--cli` also times the whole command, `kubectl mc lint FILE` (start-up included),
// run as installed: a copy of the CLI with its oclif manifest (bench/lib/packaged-cli.js).
// Rounds alternate inputs (and builds, with --base) so that a change in machine load falls on all of
// them; the figures are medians. Target: <= 1 s and <= 150 MB for a 4 MB file.
//
// Usage: node bench/lint-large.js [--runs 5] [--cli] [--json]
//          [--base OTHER/packages/core/dist/index.js [--base-cli OTHER/packages/cli/bin/run.js]]
// Needs a build (`npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packagedCli } from './lib/packaged-cli.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const gatewayAll = path.join(
  here,
  '../packages/core/test/topology/realworld/corpus/istio/gateway/tests_testdata_config_gateway-all.yaml',
);
const NAMES = ['gateways-3.9MB', 'federation-3.5MB'];

/** One input, generated as make-large.py does (only the one asked for: its memory is not the other's). */
export function input(name) {
  if (name === 'gateways-3.9MB') {
    const gw = readFileSync(gatewayAll, 'utf8').replace(/\n+$/, '') + '\n---\n';
    return gw.repeat(Math.ceil((3.9 * 1024 * 1024) / gw.length));
  }
  const jobs = ['scrape_configs:\n'];
  let n = 0;
  for (let i = 0; n < 3.5 * 1024 * 1024; i++) {
    const j =
      `  - job_name: 'federate-${i}'\n    honor_labels: true\n    metrics_path: '/federate'\n    params:\n` +
      `      'match[]':\n        - '{job="prometheus"}'\n    static_configs:\n      - targets: ['prom-${i}:9090']\n` +
      `        labels:\n          cluster: c${i}\n`;
    jobs.push(j);
    n += j.length;
  }
  return jobs.join('');
}

/** Both inputs (kept for callers of the first version). */
export function inputs() {
  return Object.fromEntries(NAMES.map((n) => [n, input(n)]));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (process.argv[2] === '--child') {
  const [, , , name, core] = process.argv;
  const { lintDocuments } = await import(core ? pathToFileURL(core).href : '@kubectl-mc/core');
  const text = new TextEncoder().encode(input(name));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const findings = lintDocuments([{ path: `${name}.yaml`, text }]).length;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  process.stdout.write(
    JSON.stringify({
      name,
      bytes: text.length,
      findings,
      ms: Math.round(ms),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} else {
  const arg = (flag, dflt) => {
    const i = process.argv.indexOf(flag);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const json = process.argv.includes('--json');
  const runs = Number(arg('--runs', '5'));
  const cli = process.argv.includes('--cli');
  const base = arg('--base');
  const baseCli = arg('--base-cli');
  const installDirs = [];
  /** The CLI whose bin/run.js is `bin`, as installed; its repository's node_modules are beside packages/. */
  const installed = async (bin) => {
    const cliDir = path.resolve(bin, '..', '..');
    const copy = await packagedCli(cliDir, path.resolve(cliDir, '..', '..', 'node_modules'));
    installDirs.push(copy.dir);
    return copy.bin;
  };
  const builds = [
    {
      label: 'this build',
      core: undefined,
      cli: cli ? await installed(path.join(here, '../packages/cli/bin/run.js')) : undefined,
    },
  ];
  if (base)
    builds.push({
      label: 'base',
      core: path.resolve(base),
      cli: cli && baseCli ? await installed(baseCli) : undefined,
    });
  const gnuTime = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));
  const dir = cli ? mkdtempSync(path.join(tmpdir(), 'lint-large-')) : undefined;
  if (dir) for (const name of NAMES) writeFileSync(path.join(dir, `${name}.yaml`), input(name));
  const samples = new Map();
  const add = (key, r) => samples.set(key, [...(samples.get(key) ?? []), r]);
  try {
    for (let round = 0; round < runs; round++) {
      for (const name of NAMES) {
        for (const b of builds) {
          const args = [fileURLToPath(import.meta.url), '--child', name, ...(b.core ? [b.core] : [])];
          const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
          if (r.status !== 0) {
            process.stderr.write(r.stderr);
            process.exit(1);
          }
          add(`${b.label}\0${name}\0lint`, JSON.parse(r.stdout));
          if (!dir || !gnuTime || !b.cli) continue;
          // The whole command, start-up included: wall, CPU (user + sys) and peak RSS from GNU time.
          const file = path.join(dir, `${name}.yaml`);
          const t = spawnSync(gnuTime, ['-f', '%e %U %S %M', process.execPath, b.cli, 'lint', file], {
            encoding: 'utf8',
          });
          const last = t.stderr.trim().split('\n').pop().split(' ').map(Number);
          add(`${b.label}\0${name}\0cli`, {
            name,
            ms: Math.round(last[0] * 1000),
            cpuMs: Math.round((last[1] + last[2]) * 1000),
            rssMb: Math.round(last[3] / 1024),
            exit: t.status,
          });
        }
      }
    }
  } finally {
    for (const d of [dir, ...installDirs]) if (d) rmSync(d, { recursive: true, force: true });
  }
  const results = [...samples].map(([key, rs]) => {
    const [build, name, what] = key.split('\0');
    return {
      build,
      name,
      what,
      runs: rs.length,
      findings: rs[0].findings,
      exit: rs[0].exit,
      ms: median(rs.map((r) => r.ms)),
      cpuMs: median(rs.map((r) => r.cpuMs)),
      rssMb: median(rs.map((r) => r.rssMb)),
    };
  });
  if (json) console.log(JSON.stringify(results));
  else
    for (const r of results)
      console.log(
        `lint-large: ${r.build}, ${r.name}, ${r.what === 'cli' ? `kubectl mc lint (exit ${r.exit})` : `lintDocuments (${r.findings} findings)`}: ` +
          `median of ${r.runs}: ${r.ms} ms wall, ${r.cpuMs} ms CPU, peak RSS ${r.rssMb} MB; target <= 1000 ms, <= 150 MB`,
      );
}
