#!/usr/bin/env node
// `npm run demo -- --rollout`: the seed's regional pipeline run twice on a simulated fleet with Istio and
// Prometheus: release 1.5.0 goes through every stage; release 1.6.0-bad (the simulator makes images with
// `-bad` answer 5% errors slowly) fails its canary gates on us-east-prod, is rolled back there, and never
// reaches the other regions. Durations are scaled down (--gate-duration-scale) so it takes seconds.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'packages', 'cli', 'bin', 'run.js');
const infra = path.join('examples', 'regional');
const clusters = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];

const app = (tag) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: 'registry.example/shop/web:${tag}'}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;
const mesh = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web.shop.svc.cluster.local
  subsets: [{name: stable, labels: {app: web}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  http: [{route: [{destination: {host: web, subset: stable}, weight: 100}]}]
`;

const dir = await mkdtemp(path.join(os.tmpdir(), 'kubectl-mc-demo-'));
process.stdout.write(`Starting a simulated fleet with Istio and Prometheus: ${clusters.join(', ')}\n`);
const fleet = await startFleet({ clusters, istio: true, badImages: ['-bad'], timeScale: 20 });
let failed = false;
try {
  await writeFile(path.join(dir, 'base.yaml'), `${mesh}---\n${app('1.4.0')}`);
  await writeFile(path.join(dir, 'web-1.5.0.yaml'), app('1.5.0'));
  await writeFile(path.join(dir, 'web-1.6.0-bad.yaml'), app('1.6.0-bad'));
  const env = {
    ...process.env,
    KUBECONFIG: fleet.kubeconfigPath,
    KUBECTL_MC_STATE_DIR: path.join(dir, 'runs'),
  };
  const pipeline = ['--pipeline', path.join(infra, 'progressive-pipeline.yaml'), '--topology', infra];
  const scale = ['--gate-duration-scale', '0.003'];
  const steps = [
    {
      argv: ['apply', '-f', path.join(dir, 'base.yaml'), '--clusters', clusters.join(','), '--yes'],
      want: 0,
    },
    { argv: ['rollout', 'status', 'deploy/web', '-n', 'shop', '--clusters', clusters.join(',')], want: 0 },
    { argv: ['rollout', 'plan', '-f', path.join(dir, 'web-1.5.0.yaml'), ...pipeline], want: 0 },
    {
      argv: [
        'rollout',
        'run',
        '-f',
        path.join(dir, 'web-1.5.0.yaml'),
        ...pipeline,
        '--yes',
        '--include-protected',
        ...scale,
      ],
      want: 0,
    },
    {
      argv: [
        'rollout',
        'run',
        '-f',
        path.join(dir, 'web-1.6.0-bad.yaml'),
        ...pipeline,
        '--yes',
        '--include-protected',
        ...scale,
      ],
      want: 1,
    },
    { argv: ['rollout', 'runs'], want: 0 },
    { argv: ['get', 'deploy', '-n', 'shop', '-o', 'wide', '--clusters', clusters.join(',')], want: 0 },
  ];
  for (const { argv, want } of steps) {
    process.stdout.write(`\n$ kubectl mc ${argv.map((a) => a.replace(dir + path.sep, '')).join(' ')}\n`);
    const code = await run(process.execPath, [cli, ...argv], env);
    if (code !== want) {
      process.stdout.write(`demo: exit ${code}, expected ${want}\n`);
      failed = true;
      break;
    }
  }
} finally {
  await fleet.stop();
  await rm(dir, { recursive: true, force: true });
}
process.stdout.write(
  failed ? '\ndemo: a step failed\n' : '\nFleet stopped. The bad release never left the canary.\n',
);
process.exitCode = failed ? 1 : 0;

function run(cmd, argv, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { env, cwd: root, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
