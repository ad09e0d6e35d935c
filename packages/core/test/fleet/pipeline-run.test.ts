import assert from 'node:assert/strict';
import { startRun, type Pipeline, type RunEvent } from '../../src/fleet/index.js';
import {
  drain,
  fakeGates,
  imageOf,
  live,
  objectsOf,
  regional,
  release,
  SCALE,
  SETTINGS,
  stage,
  world,
  type World,
} from './pipeline-run-fixture.js';

const kinds = (events: RunEvent[]) => events.map((e) => e.type);

describe('pipeline run: a release through every stage', function () {
  this.timeout(60_000);
  let w: World;
  before(async () => {
    w = await world();
  });
  after(() => w.stop());

  it('a good release reaches every cluster, leaves no canary and the routing as it was', async () => {
    const vsBefore = (await live(w, 'us-east-prod', 'virtualservices.networking.istio.io', 'web'))?.spec;
    const drBefore = (await live(w, 'us-east-prod', 'destinationrules.networking.istio.io', 'web'))?.spec;
    let routedVs: unknown;
    let routedDr: unknown;
    const gates = fakeGates(undefined, async (t) => {
      if (t.deployment !== 'web-canary' || routedVs) return;
      routedVs = (await live(w, t.context, 'virtualservices.networking.istio.io', 'web'))?.spec;
      routedDr = (await live(w, t.context, 'destinationrules.networking.istio.io', 'web'))?.spec;
    });
    const { events, record } = await drain(
      startRun({
        fleet: w.fleet,
        stateDir: w.stateDir,
        pipeline: regional(),
        objects: objectsOf(release('v2')),
        manifestFiles: ['release.yaml'],
        gateDurationScale: SCALE,
        settings: SETTINGS,
        gates,
      }),
    );
    assert.equal(record.status, 'succeeded', record.message);
    for (const c of ['us-east-prod', 'eu-west-prod', 'ap-south-prod']) {
      const d = await live(w, c, 'deployments.apps', 'web');
      assert.equal(imageOf(d), 'registry.example/shop/web:v2', c);
      assert.equal(d?.metadata?.annotations?.['kubectl-mc.io/rollout-run'], record.id);
      assert.equal(d?.metadata?.annotations?.['kubectl-mc.io/rollout-state'], 'done');
      assert.equal(await live(w, c, 'deployments.apps', 'web-canary'), undefined, c);
    }
    assert.deepEqual(
      (await live(w, 'us-east-prod', 'virtualservices.networking.istio.io', 'web'))?.spec,
      vsBefore,
    );
    assert.deepEqual(
      (await live(w, 'us-east-prod', 'destinationrules.networking.istio.io', 'web'))?.spec,
      drBefore,
    );
    const routed = events.find((e) => e.type === 'routed');
    assert.deepEqual(routed && routed.type === 'routed' ? routed.canaryWeight : undefined, 5);
    // while the canary ran: 95/5 between the subsets, each a pod-template-hash
    const canaryHash = gates.targets[0]?.podTemplateHash;
    const stableHash = record.stages[0]?.clusters[0]?.stableHash;
    assert.ok(canaryHash && stableHash && canaryHash !== stableHash);
    assert.deepEqual(routedVs, {
      hosts: ['web'],
      http: [
        {
          route: [
            { destination: { host: 'web', subset: 'stable' }, weight: 95 },
            { destination: { host: 'web', subset: 'canary' }, weight: 5 },
          ],
        },
      ],
    });
    assert.deepEqual((routedDr as { subsets: unknown }).subsets, [
      { name: 'stable', labels: { 'pod-template-hash': stableHash } },
      { name: 'canary', labels: { 'pod-template-hash': canaryHash } },
    ]);
    // the canary's gates looked at the canary's pods, the promotion's at the new ReplicaSet's
    assert.equal(gates.targets[0]?.deployment, 'web-canary');
    assert.ok(gates.targets.some((t) => t.deployment === 'web' && t.context === 'ap-south-prod'));
    const order = kinds(events).filter((k) => k !== 'gates' && k !== 'ready');
    assert.deepEqual(order, [
      'run-started',
      'stage-started',
      'applied',
      'routed',
      'stage-passed',
      'stage-started',
      'applied',
      'promoted',
      'stage-passed',
      'stage-started',
      'applied',
      'applied',
      'stage-passed',
      'run-finished',
    ]);
    const secondary = events
      .filter((e) => e.type === 'applied' && e.stage === 2)
      .map((e) => (e as { context: string }).context);
    assert.deepEqual(secondary, ['eu-west-prod', 'ap-south-prod']);
    assert.deepEqual(
      record.stages.map((s) => s.status),
      ['passed', 'passed', 'passed'],
    );
  });

  it('a cluster left with a canary after the last stage is promoted', async () => {
    const pipeline: Pipeline = {
      file: 'p.yaml',
      stages: [stage(0, 'canary', ['us-east-prod'], 20), stage(1, 'others', ['eu-west-prod'], 100)],
    };
    const vsBefore = (await live(w, 'us-east-prod', 'virtualservices.networking.istio.io', 'web'))?.spec;
    const { events, record } = await drain(
      startRun({
        fleet: w.fleet,
        stateDir: w.stateDir,
        pipeline,
        objects: objectsOf(release('v3')),
        manifestFiles: [],
        gateDurationScale: SCALE,
        settings: SETTINGS,
        gates: fakeGates(),
      }),
    );
    assert.equal(record.status, 'succeeded', record.message);
    const promoted = events.filter((e) => e.type === 'promoted');
    assert.deepEqual(promoted, [{ type: 'promoted', stage: 1, context: 'us-east-prod' }]);
    assert.equal(
      imageOf(await live(w, 'us-east-prod', 'deployments.apps', 'web')),
      'registry.example/shop/web:v3',
    );
    assert.equal(await live(w, 'us-east-prod', 'deployments.apps', 'web-canary'), undefined);
    assert.deepEqual(
      (await live(w, 'us-east-prod', 'virtualservices.networking.istio.io', 'web'))?.spec,
      vsBefore,
    );
    assert.equal(
      imageOf(await live(w, 'ap-south-prod', 'deployments.apps', 'web')),
      'registry.example/shop/web:v2',
    );
  });
});
