#!/usr/bin/env node
// Start time and memory of a large simulated fleet (default 50 clusters × 1,000 pods), using the built
// @kubectl-mc/sim. Prints one line per figure; `--json` prints one JSON object instead.
// Usage: node bench/fleet-start.js [--clusters 50] [--pods 1000] [--json]
import { parseArgs } from 'node:util';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { startFleet } from '@kubectl-mc/sim';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '50' },
    pods: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
  },
});
const clusters = Number(values.clusters);
const pods = Number(values.pods);

const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const fleet = await startFleet({ clusters, podsPerCluster: pods });
const startMs = performance.now() - t0;
global.gc?.();
const rssAfter = process.memoryUsage().rss;

// One full pod list (as a Table, like kubectl) from the first and last cluster, to show the servers answer.
const kc = parse(await readFile(fleet.kubeconfigPath, 'utf8'));
async function listTable(c) {
  const t = performance.now();
  const body = await new Promise((resolve, reject) => {
    const req = https.get(
      `${c.server}/api/v1/pods`,
      {
        ca: fleet.caPem,
        headers: {
          Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
          ...(c.token ? { Authorization: `Bearer ${c.token}` } : {}),
        },
        ...(c.token ? {} : certFor(c)),
      },
      (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      },
    );
    req.on('error', reject);
  });
  return { ms: performance.now() - t, rows: JSON.parse(body).rows.length };
}
function certFor(c) {
  const ctx = kc.contexts.find((x) => x.name === c.context);
  const user = kc.users.find((u) => u.name === ctx.context.user).user;
  return {
    cert: Buffer.from(user['client-certificate-data'], 'base64'),
    key: Buffer.from(user['client-key-data'], 'base64'),
  };
}
const first = await listTable(fleet.clusters[0]);
const last = await listTable(fleet.clusters[fleet.clusters.length - 1]);
const rssServing = process.memoryUsage().rss;
const t1 = performance.now();
await fleet.stop();
const stopMs = performance.now() - t1;

const mb = (n) => Math.round(n / 1024 / 1024);
const result = {
  clusters,
  podsPerCluster: pods,
  startMs: Math.round(startMs),
  rssMB: mb(rssAfter),
  rssGrowthMB: mb(rssAfter - rssBefore),
  rssAfterListsMB: mb(rssServing),
  tableList1000Ms: Math.round(first.ms),
  tableListRows: first.rows,
  tableListLastMs: Math.round(last.ms),
  stopMs: Math.round(stopMs),
  node: process.version,
};
if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write(
    `fleet-start: ${clusters} clusters × ${pods} pods started in ${result.startMs} ms (target for 50 × 1000: < 5000 ms)\n` +
      `fleet-start: RSS ${result.rssMB} MB after start (+${result.rssGrowthMB} MB), ${result.rssAfterListsMB} MB after two full Table lists (target: < 500 MB)\n` +
      `fleet-start: GET /api/v1/pods as Table: ${result.tableList1000Ms} ms (${result.tableListRows} rows), ${result.tableListLastMs} ms on the last cluster\n` +
      `fleet-start: stop in ${result.stopMs} ms\n`,
  );
}
