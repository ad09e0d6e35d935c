#!/usr/bin/env node
// Topology linter on large single files (issue 21): the real-world shapes of the corpus grown to a few
// MB, as hostile/make-large.py writes them: Istio's gateway-all.yaml repeated to 3.9 MB (1,600+
// documents), and 3.5 MB of Prometheus federation jobs in one scrape_configs. Each input is linted in
// a fresh process (so peak memory is that input's), reporting wall time and peak RSS.
// Target: <= 1 s and <= 150 MB for a 4 MB file. Usage: node bench/lint-large.js [--json]
// Needs a build (`npm run build`).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const gatewayAll = path.join(
  here,
  '../packages/core/test/topology/realworld/corpus/istio/gateway/tests_testdata_config_gateway-all.yaml',
);

/** The inputs, generated as make-large.py does. */
export function inputs() {
  const gw = readFileSync(gatewayAll, 'utf8').replace(/\n+$/, '') + '\n---\n';
  const gateways = gw.repeat(Math.ceil((3.9 * 1024 * 1024) / gw.length));
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
  return { 'gateways-3.9MB': gateways, 'federation-3.5MB': jobs.join('') };
}

if (process.argv[2] === '--child') {
  const name = process.argv[3];
  const { lintDocuments } = await import('@kubectl-mc/core');
  const text = new TextEncoder().encode(inputs()[name]);
  const t0 = performance.now();
  const findings = lintDocuments([{ path: `${name}.yaml`, text }]).length;
  const ms = performance.now() - t0;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ name, bytes: text.length, findings, ms: Math.round(ms), rssMb: Math.round(rssMb) }),
  );
} else {
  const json = process.argv.includes('--json');
  const results = [];
  for (const name of Object.keys(inputs())) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', name], {
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      process.exit(1);
    }
    results.push(JSON.parse(r.stdout));
  }
  if (json) console.log(JSON.stringify(results));
  else
    for (const r of results)
      console.log(
        `lint-large: ${r.name} (${(r.bytes / 1048576).toFixed(1)} MiB, ${r.findings} findings): ${r.ms} ms, peak RSS ${r.rssMb} MB; target <= 1000 ms, <= 150 MB`,
      );
}
