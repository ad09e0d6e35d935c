import assert from 'node:assert/strict';
import { mergePatchObject } from '../../src/api/mutate.js';
import { startRun, type Pipeline } from '../../src/fleet/index.js';
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
  type Script,
  type World,
} from './pipeline-run-fixture.js';

const VS = 'virtualservices.networking.istio.io';
const DR = 'destinationrules.networking.istio.io';
const badOn =
  (context: string, deployment?: string): Script =>
  (t) =>
    t.context === context && (!deployment || t.deployment === deployment)
      ? { 'error-rate': { state: 'failing', text: 'error-rate 5.00% > 0.1%', value: 0.05 } }
      : {};

function run(w: World, pipeline: Pipeline, script: Script, extra: { noRollback?: boolean } = {}) {
  return drain(
    startRun({
      fleet: w.fleet,
      stateDir: w.stateDir,
      pipeline,
      objects: objectsOf(release('v2')),
      manifestFiles: ['release.yaml'],
      gateDurationScale: SCALE,
      settings: SETTINGS,
      gates: fakeGates(script),
      ...extra,
    }),
  );
}

const rv = async (w: World, c: string, type: string, name: string) =>
  (await live(w, c, type, name))?.metadata?.resourceVersion;

describe('pipeline run: a failing gate', function () {
  this.timeout(60_000);
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.stop());

  it('at the canary stage removes the canary, restores routing, touches nothing else', async () => {
    const before = {
      web: await live(w, 'us-east-prod', 'deployments.apps', 'web'),
      vs: (await live(w, 'us-east-prod', VS, 'web'))?.spec,
      dr: (await live(w, 'us-east-prod', DR, 'web'))?.spec,
      eu: await rv(w, 'eu-west-prod', 'deployments.apps', 'web'),
      ap: await rv(w, 'ap-south-prod', 'deployments.apps', 'web'),
    };
    const { events, record } = await run(w, regional(), badOn('us-east-prod'));
    assert.equal(record.status, 'failed');
    assert.equal(record.message, 'stage deploy-canary: us-east-prod: error-rate 5.00% > 0.1%');
    assert.equal(await live(w, 'us-east-prod', 'deployments.apps', 'web-canary'), undefined);
    assert.deepEqual((await live(w, 'us-east-prod', VS, 'web'))?.spec, before.vs);
    assert.deepEqual((await live(w, 'us-east-prod', DR, 'web'))?.spec, before.dr);
    const web = await live(w, 'us-east-prod', 'deployments.apps', 'web');
    assert.equal(web?.metadata?.generation, before.web?.metadata?.generation);
    assert.deepEqual(web?.spec, before.web?.spec);
    assert.deepEqual(web?.metadata?.annotations, before.web?.metadata?.annotations);
    assert.equal(await rv(w, 'eu-west-prod', 'deployments.apps', 'web'), before.eu);
    assert.equal(await rv(w, 'ap-south-prod', 'deployments.apps', 'web'), before.ap);
    const types = events.map((e) => e.type);
    assert.ok(types.indexOf('gate-failed') < types.indexOf('rolling-back'));
    assert.ok(types.indexOf('rolled-back') < types.indexOf('run-finished'));
    const back = events.find((e) => e.type === 'rolled-back');
    assert.equal(back?.type === 'rolled-back' && back.message, 'canary removed, routing restored');
    assert.deepEqual(
      record.stages.map((s) => s.status),
      ['rolled-back', 'pending', 'pending'],
    );
    assert.equal(record.stages[0]?.clusters[0]?.status, 'rolled-back');
  });

  it('with noRollback leaves the canary and its routing', async () => {
    const { record } = await run(w, regional(), badOn('us-east-prod'), { noRollback: true });
    assert.equal(record.status, 'failed');
    const canary = await live(w, 'us-east-prod', 'deployments.apps', 'web-canary');
    assert.equal(canary?.metadata?.annotations?.['kubectl-mc.io/rollout-state'], 'failed');
    const http = (await live(w, 'us-east-prod', VS, 'web'))?.spec as {
      http: { route: { weight: number }[] }[];
    };
    assert.deepEqual(
      http.http[0]?.route.map((r) => r.weight),
      [95, 5],
    );
  });

  it('at a 100% stage undoes the Deployment to the revision it had before', async () => {
    const revBefore = (await live(w, 'us-east-prod', 'deployments.apps', 'web'))?.metadata?.annotations?.[
      'deployment.kubernetes.io/revision'
    ];
    const { events, record } = await run(w, regional(), badOn('us-east-prod', 'web'));
    assert.equal(record.status, 'failed');
    assert.match(
      record.message ?? '',
      /^stage deploy-primary-region: us-east-prod: error-rate 5\.00% > 0\.1%$/,
    );
    assert.equal(record.stages[1]?.clusters[0]?.previousRevision, Number(revBefore));
    const web = await live(w, 'us-east-prod', 'deployments.apps', 'web');
    assert.equal(imageOf(web), 'registry.example/shop/web:v1');
    assert.equal(await live(w, 'us-east-prod', 'deployments.apps', 'web-canary'), undefined);
    const back = events.find((e) => e.type === 'rolled-back');
    assert.match(back && back.type === 'rolled-back' ? back.message : '', /^revision \d+ → \d+/);
    assert.equal(
      imageOf(await live(w, 'eu-west-prod', 'deployments.apps', 'web')),
      'registry.example/shop/web:v1',
    );
  });

  it('in a one-after-another stage rolls back every cluster it changed, not earlier stages', async () => {
    const { events, record } = await run(w, regional(), badOn('ap-south-prod'));
    assert.equal(record.status, 'failed');
    assert.equal(record.message, 'stage deploy-secondary-regions: ap-south-prod: error-rate 5.00% > 0.1%');
    const back = events
      .filter((e) => e.type === 'rolled-back')
      .map((e) => (e as { context: string }).context);
    assert.deepEqual(back.sort(), ['ap-south-prod', 'eu-west-prod']);
    for (const c of ['eu-west-prod', 'ap-south-prod'])
      assert.equal(imageOf(await live(w, c, 'deployments.apps', 'web')), 'registry.example/shop/web:v1', c);
    const east = await live(w, 'us-east-prod', 'deployments.apps', 'web');
    assert.equal(imageOf(east), 'registry.example/shop/web:v2');
    assert.equal(east?.metadata?.annotations?.['kubectl-mc.io/rollout-state'], 'failed');
  });

  it("a field another manager applied is that cluster's conflict, not taken", async () => {
    const api = await w.fleet.api('eu-west-prod');
    const res = await api.resolve('deployments.apps');
    const [deploy] = objectsOf(release('v1-pinned'));
    await api.apply(res, deploy!, { fieldManager: 'platform', force: true });
    const pipeline: Pipeline = { file: 'p.yaml', stages: [stage(0, 'all', ['eu-west-prod'], 100)] };
    const { record } = await run(w, pipeline, () => ({}));
    assert.equal(record.status, 'failed');
    assert.match(
      record.message ?? '',
      /^stage all: eu-west-prod: Apply failed with 1 conflict: conflict with "platform"/,
    );
    assert.equal(
      imageOf(await live(w, 'eu-west-prod', 'deployments.apps', 'web')),
      'registry.example/shop/web:v1-pinned',
    );
  });

  it('refuses a cluster whose Deployment another run is rolling out', async () => {
    const api = await w.fleet.api('eu-west-prod');
    const res = await api.resolve('deployments.apps');
    const other = 'run-20260101-000000-abcd';
    await mergePatchObject(
      api.conn,
      res,
      'web',
      {
        metadata: {
          annotations: { 'kubectl-mc.io/rollout-run': other, 'kubectl-mc.io/rollout-state': 'running' },
        },
      },
      { namespace: 'shop' },
    );
    const before = await rv(w, 'eu-west-prod', 'deployments.apps', 'web');
    const pipeline: Pipeline = { file: 'p.yaml', stages: [stage(0, 'all', ['eu-west-prod'], 100)] };
    const { record } = await run(w, pipeline, () => ({}));
    assert.equal(record.status, 'failed');
    assert.match(record.message ?? '', new RegExp(`eu-west-prod: .*run ${other}`));
    assert.equal(await rv(w, 'eu-west-prod', 'deployments.apps', 'web'), before);
  });
});

describe('pipeline run: a canary stage on a cluster without routing', function () {
  this.timeout(60_000);
  let w: World;
  before(async () => {
    w = await world({ noMesh: ['us-east-prod'] });
  });
  after(() => w.stop());

  it('fails that cluster clearly and changes nothing', async () => {
    const before = await rv(w, 'us-east-prod', 'deployments.apps', 'web');
    const { events, record } = await run(w, regional(), () => ({}));
    assert.equal(record.status, 'failed');
    assert.match(
      record.message ?? '',
      /^stage deploy-canary: us-east-prod: cannot run a canary: no VirtualService/,
    );
    assert.equal(await live(w, 'us-east-prod', 'deployments.apps', 'web-canary'), undefined);
    assert.equal(await rv(w, 'us-east-prod', 'deployments.apps', 'web'), before);
    assert.ok(!events.some((e) => e.type === 'rolling-back' || e.type === 'applied'));
  });
});
