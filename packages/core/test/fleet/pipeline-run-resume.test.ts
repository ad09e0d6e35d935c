import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  readRun,
  resumeRun,
  RUN_EXIT,
  startRun,
  type PipelineRunOptions,
  type RunEvent,
} from '../../src/fleet/index.js';
import { UsageError } from '../../src/errors.js';
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
  world,
  type World,
} from './pipeline-run-fixture.js';

describe('pipeline run: stopping and going on', function () {
  this.timeout(60_000);
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.stop());

  const base = (): PipelineRunOptions => ({
    fleet: w.fleet,
    stateDir: w.stateDir,
    gateDurationScale: SCALE,
    settings: SETTINGS,
    gates: fakeGates(),
  });
  const images = async () =>
    Promise.all(
      ['us-east-prod', 'eu-west-prod', 'ap-south-prod'].map(async (c) =>
        imageOf(await live(w, c, 'deployments.apps', 'web')),
      ),
    );

  it('an abort mid-gate ends interrupted; resumeRun finishes the run', async () => {
    const ac = new AbortController();
    const { events, record } = await drain(
      startRun({
        ...base(),
        pipeline: regional(),
        objects: objectsOf(release('v2')),
        manifestFiles: [],
        signal: ac.signal,
      }),
      (e: RunEvent) => {
        if (e.type === 'gates' && e.stage === 0) ac.abort();
      },
    );
    assert.equal(record.status, 'interrupted');
    assert.equal(RUN_EXIT[record.status as 'interrupted'], 130);
    assert.equal(events.at(-1)?.type, 'run-finished');
    assert.ok(!events.some((e) => e.type === 'rolling-back'));
    assert.equal((await readRun(record.id, w.stateDir)).status, 'interrupted');
    // nothing rolled back: the canary is still there
    assert.ok(await live(w, 'us-east-prod', 'deployments.apps', 'web-canary'));
    const resumed = await drain(resumeRun(record.id, base()));
    assert.equal(resumed.events[0]?.type, 'run-started');
    assert.equal(resumed.events[0]?.type === 'run-started' && resumed.events[0].resumed, true);
    assert.equal(resumed.record.status, 'succeeded', resumed.record.message);
    assert.deepEqual(await images(), Array(3).fill('registry.example/shop/web:v2'));
    assert.equal(await live(w, 'us-east-prod', 'deployments.apps', 'web-canary'), undefined);
    const vs = (await live(w, 'us-east-prod', 'virtualservices.networking.istio.io', 'web'))?.spec as {
      http: unknown;
    };
    assert.deepEqual(vs.http, [{ route: [{ destination: { host: 'web', subset: 'stable' }, weight: 100 }] }]);
    await assert.rejects(
      drain(resumeRun(record.id, base())),
      (e) => e instanceof UsageError && /has ended \(succeeded\)/.test(e.message),
    );
  });

  it('a manual stage without an answer pauses; resumed with a yes it goes on', async () => {
    const pipeline = regional({ 1: { approval: 'manual' } });
    const { events, record } = await drain(
      startRun({ ...base(), pipeline, objects: objectsOf(release('v2')), manifestFiles: [] }),
    );
    assert.equal(record.status, 'paused');
    assert.equal(record.stage, 1);
    assert.deepEqual(
      events.filter((e) => e.type === 'approval-needed' || e.type === 'paused').map((e) => e.type),
      ['approval-needed', 'paused'],
    );
    assert.deepEqual(await images(), Array(3).fill('registry.example/shop/web:v1'));
    const asked: string[] = [];
    const resumed = await drain(
      resumeRun(record.id, {
        ...base(),
        approve: (stage, reason) => {
          asked.push(`${stage.name}:${reason}`);
          return Promise.resolve(true);
        },
      }),
    );
    assert.deepEqual(asked, ['deploy-primary-region:manual']);
    assert.equal(resumed.record.status, 'succeeded', resumed.record.message);
    assert.deepEqual(resumed.record.approved, ['deploy-primary-region']);
    assert.ok(resumed.events.some((e) => e.type === 'approved'));
    assert.deepEqual(await images(), Array(3).fill('registry.example/shop/web:v2'));
  });

  it('a stage named in pauseBefore asks too; a no pauses', async () => {
    const { record } = await drain(
      startRun({
        ...base(),
        pipeline: regional(),
        objects: objectsOf(release('v2')),
        manifestFiles: [],
        pauseBefore: ['deploy-secondary-regions'],
        approve: () => Promise.resolve(false),
      }),
    );
    assert.equal(record.status, 'paused');
    assert.equal(record.stage, 2);
    assert.equal(
      imageOf(await live(w, 'us-east-prod', 'deployments.apps', 'web')),
      'registry.example/shop/web:v2',
    );
    assert.equal(
      imageOf(await live(w, 'eu-west-prod', 'deployments.apps', 'web')),
      'registry.example/shop/web:v1',
    );
  });

  it('a running record resumes only when its owner is gone', async () => {
    const ac = new AbortController();
    const { record } = await drain(
      startRun({
        ...base(),
        pipeline: regional(),
        objects: objectsOf(release('v2')),
        manifestFiles: [],
        signal: ac.signal,
      }),
      (e: RunEvent) => {
        if (e.type === 'stage-started') ac.abort();
      },
    );
    const file = path.join(w.stateDir, `${record.id}.json`);
    const alive = { ...record, status: 'running', owner: `me@${os.hostname()} pid ${process.pid}` };
    await writeFile(file, JSON.stringify(alive));
    await assert.rejects(
      drain(resumeRun(record.id, base())),
      (e) => e instanceof UsageError && /is running/.test(e.message),
    );
    // a pid that cannot exist (above the kernel's pid_max)
    await writeFile(file, JSON.stringify({ ...alive, owner: `me@${os.hostname()} pid 99999999` }));
    const resumed = await drain(resumeRun(record.id, base()));
    assert.equal(resumed.record.status, 'succeeded', resumed.record.message);
  });
});

describe('pipeline run: an abort while asking for approval', () => {
  it('ends the run interrupted, nothing asked of any cluster', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'runs-'));
    try {
      const ac = new AbortController();
      const { record } = await drain(
        startRun({
          fleet: {} as PipelineRunOptions['fleet'],
          stateDir: dir,
          pipeline: regional({ 0: { approval: 'manual' } }),
          objects: objectsOf(release('v2')),
          manifestFiles: [],
          settings: SETTINGS,
          gates: fakeGates(),
          signal: ac.signal,
          approve: () => {
            ac.abort();
            return new Promise<boolean>(() => undefined);
          },
        }),
      );
      assert.equal(record.status, 'interrupted');
      assert.equal((await readRun(record.id, dir)).status, 'interrupted');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
