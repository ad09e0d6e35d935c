#!/usr/bin/env node
// `npm run demo -- --dashboard`: the terminal dashboard on a simulated fleet. The fleet churns (pods come
// and go, some crash-loop) so the views move; `dev` is down to show a failing cluster in place. The fleet
// stops when the dashboard exits (q or Ctrl-C).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'packages', 'cli', 'bin', 'run.js');
const topology = path.join(root, 'examples', 'regional', 'regional-topology.yaml');

if (!process.stdin.isTTY || !process.stdout.isTTY) {
  process.stderr.write('demo --dashboard needs a terminal\n');
  process.exit(2);
}

const clusters = ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging', 'dev'];
process.stdout.write(
  `Starting a simulated fleet: ${clusters.join(', ')} (dev is down, ap-south-prod is slow)\n`,
);
const fleet = await startFleet({
  clusters,
  faults: { dev: 'down', 'ap-south-prod': 'latency:300ms' },
  churnIntervalMs: 1500,
});

let code = 1;
try {
  code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        cli,
        'dashboard',
        '--all-clusters',
        '--kubeconfig',
        fleet.kubeconfigPath,
        '--topology',
        topology,
        '--refresh',
        '3',
      ],
      { stdio: 'inherit' },
    );
    // Ctrl-C reaches the dashboard through the terminal; the demo waits for it to restore the screen.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    child.on('exit', (c, signal) => {
      process.off('SIGINT', ignore);
      resolve(c ?? (signal ? 1 : 0));
    });
  });
} finally {
  await fleet.stop();
}
process.stdout.write('Fleet stopped.\n');
process.exitCode = code;
