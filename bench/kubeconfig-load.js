#!/usr/bin/env node
// Loading a large kubeconfig and selecting every context, as `kubectl mc get --all-clusters` does once per
// command: in a fresh Node process each time ("cold": core's kubeconfig module imported, the file read,
// parsed and every context selected; JIT not warmed, which is the CLI's case), and in one process after
// warm-up ("warm"). The kubeconfig has the simulator's shape (one CA, a token per user, 1 MB for 1,000
// contexts) unless --kubeconfig names one; --base measures another build's core in the same rounds.
// Prints medians of wall and CPU time.
// Usage: node bench/kubeconfig-load.js [--contexts 1000] [--runs 9] [--kubeconfig FILE] [--base OTHER/packages/core]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    contexts: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '9' },
    kubeconfig: { type: 'string' },
    base: { type: 'string' },
    child: { type: 'string' },
    file: { type: 'string' },
  },
});

async function measureOnce(coreDir, file, warm) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { loadKubeconfig, selectContexts } = await import(
    pathToFileURL(path.join(coreDir, 'dist/kubeconfig/index.js')).href
  );
  let n = 0;
  const times = [];
  for (let i = 0; i < (warm ? 18 : 1); i++) {
    const s = performance.now();
    const sc = process.cpuUsage();
    n = selectContexts(loadKubeconfig({ kubeconfig: file }), { allClusters: true }).length;
    const c = process.cpuUsage(sc);
    times.push({ ms: performance.now() - s, cpuMs: (c.user + c.system) / 1000 });
  }
  if (!warm) {
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, contexts: n };
  }
  const rest = times.slice(3);
  return { ms: median(rest.map((t) => t.ms)), cpuMs: median(rest.map((t) => t.cpuMs)), contexts: n };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (values.child) {
  const r = await measureOnce(values.child, values.file, process.env.WARM === '1');
  process.stdout.write(JSON.stringify(r));
  process.exit(0);
}

function kubeconfigText(n) {
  const ca = Buffer.from(
    `-----BEGIN CERTIFICATE-----\n${randomBytes(420).toString('base64')}\n-----END CERTIFICATE-----\n`,
  );
  const names = Array.from({ length: n }, (_, i) => `cluster-${String(i + 1).padStart(4, '0')}`);
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': names[0],
    clusters: names.map((name, i) => ({
      name,
      cluster: {
        server: `https://127.0.0.1:${30000 + i}`,
        'certificate-authority-data': ca.toString('base64'),
      },
    })),
    contexts: names.map((name) => ({
      name,
      context: { cluster: name, user: `${name}-admin`, namespace: 'default' },
    })),
    users: names.map((name) => ({
      name: `${name}-admin`,
      user: { token: `sim-${randomBytes(24).toString('base64url')}` },
    })),
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'kmc-kubeconfig-load-'));
try {
  const file = values.kubeconfig ?? path.join(dir, 'kubeconfig.yaml');
  if (!values.kubeconfig) writeFileSync(file, kubeconfigText(Number(values.contexts)), { mode: 0o600 });
  const builds = { this: path.join(here, '..', 'packages', 'core') };
  if (values.base) builds.base = path.resolve(values.base);
  const samples = {};
  for (const k of Object.keys(builds)) samples[k] = { cold: [], warm: [] };
  const run = (core, warm) =>
    JSON.parse(
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', core, '--file', file], {
        env: { ...process.env, WARM: warm ? '1' : '0' },
        encoding: 'utf8',
      }),
    );
  let contexts = 0;
  for (let i = 0; i < Number(values.runs); i++) {
    for (const [k, core] of Object.entries(builds)) {
      const r = run(core, false);
      contexts = r.contexts;
      samples[k].cold.push(r);
    }
  }
  for (const [k, core] of Object.entries(builds)) samples[k].warm.push(run(core, true));
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  for (const [k, s] of Object.entries(samples)) {
    const cold = { ms: median(s.cold.map((r) => r.ms)), cpuMs: median(s.cold.map((r) => r.cpuMs)) };
    const warm = s.warm[0];
    process.stdout.write(
      `kubeconfig-load (${k}): ${contexts} contexts: cold (fresh process, import included) ` +
        `${cold.ms.toFixed(0)} ms wall, ${cold.cpuMs.toFixed(0)} ms CPU; warm ${warm.ms.toFixed(1)} ms wall, ` +
        `${warm.cpuMs.toFixed(1)} ms CPU (medians of ${values.runs}; load ${load}; target < 150 ms)\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
