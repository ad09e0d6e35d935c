#!/usr/bin/env node
// The floor under `kubectl mc contexts --check`: the same per-cluster work (one TLS connection, GET /version,
// then GET /api/v1/nodes on the same kept-alive socket, JSON parsed) done with bare node:https and nothing
// else: no CLI, no oclif, no kubeconfig merge, no budget, no redaction. One shared secure context (the
// simulator's clusters share a CA), bearer-token contexts only, 64 at a time (mc's default).
// Prints the CPU (user+sys) and wall time of the fan-out alone, and the number of clusters that answered;
// compare with the CPU of `kubectl mc contexts --check` against the same kubeconfig (GNU time).
// Usage: node bench/check-floor.js [--kubeconfig FILE (default $KUBECONFIG)] [--concurrency 64]
// e.g. against the fleet of bench/growth.js, or `startFleet({ clusters: 1000, podsPerCluster: 20 })`.
import https from 'node:https';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const { values } = parseArgs({
  options: { kubeconfig: { type: 'string' }, concurrency: { type: 'string', default: '64' } },
});
const file = values.kubeconfig ?? process.env.KUBECONFIG;
if (!file) throw new Error('--kubeconfig or $KUBECONFIG');
const kc = parse(readFileSync(file, 'utf8'));
const userOf = new Map(kc.contexts.map((c) => [c.context.cluster, c.context.user]));
const tokenOf = new Map(kc.users.map((u) => [u.name, u.user?.token]));
const clusters = kc.clusters
  .map((c) => ({ ...c.cluster, token: tokenOf.get(userOf.get(c.name)) }))
  .filter((c) => c.token && c['certificate-authority-data']);
const contexts = new Map();
const agent = new https.Agent({ keepAlive: true });

function get(c, path) {
  const ca = Buffer.from(c['certificate-authority-data'], 'base64');
  let secureContext = contexts.get(c['certificate-authority-data']);
  if (!secureContext)
    contexts.set(c['certificate-authority-data'], (secureContext = tls.createSecureContext({ ca })));
  return new Promise((resolve, reject) => {
    https
      .get(
        `${c.server}${path}`,
        { agent, ca, secureContext, headers: { Authorization: `Bearer ${c.token}` } },
        (r) => {
          const chunks = [];
          r.on('data', (d) => chunks.push(d));
          r.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        },
      )
      .on('error', reject);
  });
}

const c0 = process.cpuUsage();
const t0 = performance.now();
let next = 0;
let ok = 0;
await Promise.all(
  Array.from({ length: Number(values.concurrency) }, async () => {
    while (next < clusters.length) {
      const c = clusters[next++];
      try {
        await get(c, '/version');
        const nodes = await get(c, '/api/v1/nodes');
        if (Array.isArray(nodes.items)) ok++;
      } catch {
        // counted as not answered
      }
    }
  }),
);
const cpu = process.cpuUsage(c0);
console.log(
  `${ok}/${clusters.length} clusters answered; fan-out ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU, ` +
    `${Math.round(performance.now() - t0)} ms wall`,
);
agent.destroy();
