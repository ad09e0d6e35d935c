// kubectl-mc-sim: start a simulated fleet, print `ready <kubeconfig>`, serve until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startFleet, type Fleet } from './fleet.js';
import { parseDuration, parseFault, type FaultSpec } from './faults.js';
import { REGIONAL_FLEET } from './data.js';

const USAGE = `Usage: kubectl-mc-sim [options]

Start a fleet of simulated Kubernetes API servers on 127.0.0.1 (real TLS, token and client-certificate
auth), write a kubeconfig for it, print "ready <kubeconfig>" and serve until interrupted.

Options:
  --clusters <names|N>     comma-separated cluster names, or a count (default: ${REGIONAL_FLEET.join(',')})
  --kubeconfig <path>      where to write the kubeconfig (default: a file in a new temp dir)
  --pods-per-cluster <N>   pods per cluster (default 40)
  --seed <N>               seed for the generated data (default 1)
  --fault <cluster=spec>   inject a fault, repeatable; spec e.g. latency:300ms, down, hang, stall-body,
                           error:500, throttle, garbage, bad-cert, forbid, unauthorized, drop-watch:3s,
                           huge-body; combine with '+'
  --churn <duration>       restart/replace pods at this interval (e.g. 2s) so watches see events
  --server-version <cluster=vX.Y.Z>
                           what the cluster's /version answers, repeatable (default v1.32.4-sim;
                           staging v1.33.1-sim and dev v1.30.9-sim)
  --no-metrics <cluster>   serve no metrics API (metrics.k8s.io) on this cluster, repeatable or
                           comma-separated (\`kubectl top\` then says "Metrics API not available")
  --hub                    also serve a hub (context "hub") with ClusterProfiles for the members, and
                           write clusterprofile-providers.json and its exec plugin beside the kubeconfig
  --istio                  serve Istio's VirtualService and DestinationRule (networking.istio.io) and
                           a Prometheus (service monitoring/prometheus:9090) on every cluster
  --bad-image <TAG>        with --istio: pods whose image contains TAG are a bad release (5% of
                           requests answer 500, p99 latency 1.5 s); repeatable
  --time-scale <N>         simulated seconds per real second for the deployment controller (default 1);
                           an image whose name contains "doesnotexist" never starts
  -h, --help               show this help
`;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** resolves when the process should stop (default: SIGINT/SIGTERM) */
  untilSignal?: (fleet: Fleet) => Promise<void>;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

export async function main(argv: string[], io?: CliIO): Promise<number> {
  const out = io?.stdout ?? ((s: string) => process.stdout.write(s));
  const err = io?.stderr ?? ((s: string) => process.stderr.write(s));
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        clusters: { type: 'string' },
        kubeconfig: { type: 'string' },
        'pods-per-cluster': { type: 'string' },
        seed: { type: 'string' },
        fault: { type: 'string', multiple: true },
        churn: { type: 'string' },
        'server-version': { type: 'string', multiple: true },
        'no-metrics': { type: 'string', multiple: true },
        hub: { type: 'boolean' },
        istio: { type: 'boolean' },
        'bad-image': { type: 'string', multiple: true },
        'time-scale': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    err(`kubectl-mc-sim: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const usage = (msg: string): number => {
    err(`kubectl-mc-sim: ${msg}\n`);
    return 2;
  };
  const int = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new Error(`--${name} expects a non-negative integer, got "${v}"`);
    return Number(v);
  };
  let clusters: string[] | number = REGIONAL_FLEET;
  let pods: number | undefined;
  let seed: number | undefined;
  let churnMs: number | undefined;
  let timeScale: number | undefined;
  const faults: Record<string, FaultSpec> = {};
  const versions: Record<string, string> = {};
  try {
    if (values.clusters !== undefined) {
      const c = values.clusters.trim();
      clusters = /^\d+$/.test(c)
        ? Number(c)
        : c
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    }
    pods = int('pods-per-cluster', values['pods-per-cluster']);
    seed = int('seed', values.seed);
    for (const f of values.fault ?? []) {
      const i = f.indexOf('=');
      if (i <= 0)
        throw new Error(`--fault expects CLUSTER=SPEC (e.g. eu-west-prod=latency:300ms), got "${f}"`);
      faults[f.slice(0, i)] = parseFault(f.slice(i + 1));
    }
    for (const v of values['server-version'] ?? []) {
      const i = v.indexOf('=');
      if (i <= 0) throw new Error(`--server-version expects CLUSTER=VERSION (e.g. dev=v1.30.2), got "${v}"`);
      versions[v.slice(0, i)] = v.slice(i + 1);
    }
    if (values['bad-image']?.length && !values.istio)
      throw new Error('--bad-image needs --istio (the bad release shows in the Prometheus it serves)');
    if (values['bad-image']?.some((b) => !b.trim())) throw new Error('--bad-image expects a non-empty TAG');
    if (values.churn !== undefined) churnMs = parseDuration(values.churn);
    if (values['time-scale'] !== undefined) {
      timeScale = Number(values['time-scale']);
      if (!(timeScale > 0))
        throw new Error(`--time-scale expects a positive number, got "${values['time-scale']}"`);
    }
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }

  let fleet: Fleet;
  try {
    fleet = await startFleet({
      clusters,
      faults,
      versions,
      ...(pods !== undefined ? { podsPerCluster: pods } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(values.kubeconfig ? { kubeconfigPath: values.kubeconfig } : {}),
      ...(churnMs ? { churnIntervalMs: churnMs } : {}),
      ...(values.hub ? { hub: true } : {}),
      ...(values.istio ? { istio: true } : {}),
      ...(values['bad-image']?.length ? { badImages: values['bad-image'] } : {}),
      ...(timeScale !== undefined ? { timeScale } : {}),
      ...(values['no-metrics']
        ? {
            noMetrics: values['no-metrics']
              .flatMap((v) => v.split(','))
              .map((v) => v.trim())
              .filter(Boolean),
          }
        : {}),
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // bad names / faults are usage errors; anything else failed to start
    const isUsage = /cluster|fault|podsPerCluster|version|noMetrics/.test(msg);
    err(`kubectl-mc-sim: ${msg}\n`);
    return isUsage ? 2 : 1;
  }
  out(`ready ${fleet.kubeconfigPath}\n`);
  await (io?.untilSignal ?? waitForSignal)(fleet);
  await fleet.stop();
  return 0;
}
