/**
 * The mesh application the pipeline-run tests roll out (as test/e2e/helpers/mesh-app.ts): namespace shop,
 * Deployment and Service web, a DestinationRule with a `stable` subset and a VirtualService sending all
 * of web's traffic to it, on three simulated Istio clusters; a fake gate checker with scripted readings.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { startFleet, type Fleet as SimFleet } from '@kubectl-mc/sim';
import { collectionPath } from '../../src/api/paths.js';
import type { KubeObject } from '../../src/api/types.js';
import { resolveKind } from '../../src/fleet/apply/plan.js';
import { Fleet } from '../../src/fleet/fleet.js';
import { waitForRollout } from '../../src/fleet/rollout/wait.js';
import type {
  Gate,
  GateChecker,
  GateReading,
  GateTarget,
  Pipeline,
  PipelineStage,
  RolloutSettings,
  RunEvent,
  RunRecord,
} from '../../src/fleet/index.js';
import { preloadTransport } from '../../src/transport/index.js';

export const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod'];

export const release = (tag: string, replicas = 2): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: registry.example/shop/web:${tag}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;

export const MESH = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web.shop.svc.cluster.local
  subsets:
  - name: stable
    labels: {app: web}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  http:
  - route:
    - destination: {host: web, subset: stable}
      weight: 100
`;

export const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
`;

export const objectsOf = (text: string): KubeObject[] =>
  parseAllDocuments(text).map((d) => d.toJS() as KubeObject);

const gates: Gate[] = [{ kind: 'pods-ready' }, { kind: 'error-rate', max: 0.001, text: '0.1%' }];

export function stage(
  index: number,
  name: string,
  clusters: string[],
  traffic: number,
  extra: Partial<PipelineStage> = {},
): PipelineStage {
  return {
    index,
    name,
    clusters: clusters.map((c) => ({ name: c, context: c })),
    traffic,
    parallel: true,
    approval: 'auto',
    durationMs: 60_000,
    gates,
    ...extra,
  };
}

/** The seed's regional pipeline: a 5% canary, the primary region at 100%, then the other two in turn. */
export function regional(extra: Partial<Record<number, Partial<PipelineStage>>> = {}): Pipeline {
  return {
    file: 'pipeline.yaml',
    stages: [
      stage(0, 'deploy-canary', ['us-east-prod'], 5, extra[0]),
      stage(1, 'deploy-primary-region', ['us-east-prod'], 100, extra[1]),
      stage(2, 'deploy-secondary-regions', ['eu-west-prod', 'ap-south-prod'], 100, {
        parallel: false,
        ...extra[2],
      }),
    ],
  };
}

/** Gate interval 10 s scaled by 0.01 → the 200 ms floor; a 60 s window → 600 ms. */
export const SCALE = 0.01;
export const SETTINGS: RolloutSettings = {
  prometheus: { namespace: 'monitoring', service: 'prometheus', port: '9090', path: '' },
  selectorLabel: 'pod_template_hash',
  queries: { errorRate: '', requestRate: '', latencyP99: '' },
  intervalMs: 10_000,
};

export type Script = (
  t: GateTarget,
  n: number,
) => Partial<Record<Gate['kind'], { state: GateReading['state']; text: string; value?: number }>>;

/** A checker answering `script` (default: all ok); remembers every target it was asked about. */
export function fakeGates(
  script: Script = () => ({}),
  onCheck?: (t: GateTarget) => Promise<void>,
): GateChecker & { targets: GateTarget[] } {
  const targets: GateTarget[] = [];
  return {
    targets,
    async check(t: GateTarget): Promise<GateReading[]> {
      targets.push(t);
      await onCheck?.(t);
      const s = script(t, targets.length);
      return gates.map((g) => {
        const r = s[g.kind];
        return {
          gate: g.kind,
          context: t.context,
          state: r?.state ?? 'ok',
          text: r?.text ?? `${g.kind} ok`,
          ...(r?.value !== undefined ? { value: r.value } : {}),
        };
      });
    },
  };
}

export interface World {
  sim: SimFleet;
  fleet: Fleet;
  stateDir: string;
  stop(): Promise<void>;
}

/** The simulated fleet with the application installed (tag v1) and its mesh. */
export async function world(opts: { noMesh?: string[]; badImages?: string[] } = {}): Promise<World> {
  const sim = await startFleet({
    clusters: CLUSTERS,
    istio: true,
    timeScale: 50,
    podsPerCluster: 2,
    ...(opts.badImages ? { badImages: opts.badImages } : {}),
  });
  const fleet = Fleet.open({ files: [sim.kubeconfigPath], selection: { clusters: CLUSTERS } });
  preloadTransport(fleet.kubeconfig, fleet.contexts);
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'pipeline-run-'));
  for (const c of CLUSTERS) {
    const api = await fleet.api(c);
    const docs = `${NAMESPACE}---\n${release('v1')}${opts.noMesh?.includes(c) ? '' : `---\n${MESH}`}`;
    const signal = AbortSignal.timeout(20_000);
    for (const o of objectsOf(docs)) {
      const res = await resolveKind(api, o, signal);
      if (o.apiVersion?.startsWith('networking.istio.io'))
        await api.apply(res, o, { fieldManager: 'platform', signal });
      // the release as `kubectl apply` (client-side) creates it
      else
        await api.conn.request(collectionPath(res, { namespace: 'shop' }), {
          method: 'POST',
          body: o,
          contentType: 'application/json',
          query: { fieldManager: 'kubectl-client-side-apply' },
          signal,
        });
    }
    const r = await waitForRollout(api, await api.resolve('deployments.apps'), 'web', {
      namespace: 'shop',
      signal,
    });
    if (r.outcome !== 'done') throw new Error(`${c}: web did not roll out: ${r.status.message}`);
  }
  return {
    sim,
    fleet,
    stateDir,
    async stop() {
      fleet.close();
      await sim.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Every event of a run and its final record. */
export async function drain(
  gen: AsyncGenerator<RunEvent, RunRecord>,
  onEvent?: (e: RunEvent) => void,
): Promise<{ events: RunEvent[]; record: RunRecord }> {
  const events: RunEvent[] = [];
  for (;;) {
    const r = await gen.next();
    if (r.done) return { events, record: r.value };
    events.push(r.value);
    onEvent?.(r.value);
  }
}

/** A live object of the simulated cluster, read through the API. */
export async function live(
  w: World,
  context: string,
  type: string,
  name: string,
): Promise<KubeObject | undefined> {
  const api = await w.fleet.api(context);
  const res = await api.resolve(type, undefined, { discovery: true });
  try {
    return await api.get(res, name, { namespace: 'shop' });
  } catch {
    return undefined;
  }
}

export const imageOf = (d: KubeObject | undefined): string | undefined =>
  ((d?.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec
    ?.containers ?? [])[0]?.image;
