import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../src/errors.js';
import { defaultStateDir, isRunId, listRuns, readRun, type RunRecord } from '../../src/fleet/index.js';
import { newRunId, writeRecord } from '../../src/fleet/pipeline/run/records.js';
import { regional } from './pipeline-run-fixture.js';

const recordAt = (id: string, createdAt: string): RunRecord => ({
  id,
  version: 1,
  pipeline: regional(),
  objects: [],
  manifestFiles: ['release.yaml'],
  status: 'succeeded',
  stage: 2,
  stages: [],
  createdAt,
  updatedAt: createdAt,
  owner: 'me@host pid 1',
  options: { gateDurationScale: 1, noRollback: false, pauseBefore: [] },
});

describe('pipeline run records', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'runs-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('ids have the run-YYYYMMDD-HHMMSS-xxxx shape, in UTC', () => {
    const id = newRunId(new Date('2026-12-05T16:04:05Z'));
    assert.match(id, /^run-20261205-160405-[0-9a-f]{4}$/);
    assert.ok(isRunId(id));
  });

  it('the state dir is $KUBECTL_MC_STATE_DIR, else ~/.kube/kubectl-mc/runs', () => {
    assert.equal(defaultStateDir({ KUBECTL_MC_STATE_DIR: '/x/runs' }), '/x/runs');
    assert.equal(defaultStateDir({}), path.join(os.homedir(), '.kube', 'kubectl-mc', 'runs'));
  });

  it('lists newest first, skipping corrupt files, leaving no temporary file', async () => {
    await writeRecord(dir, recordAt('run-20261201-100000-aaaa', '2026-12-01T10:00:00.000Z'));
    await writeRecord(dir, recordAt('run-20261203-100000-bbbb', '2026-12-03T10:00:00.000Z'));
    await writeRecord(dir, recordAt('run-20261202-100000-cccc', '2026-12-02T10:00:00.000Z'));
    await writeFile(
      path.join(dir, 'run-20261204-100000-dddd.json'),
      '{"id": "run-20261204-100000-dddd", truncated',
    );
    await writeFile(
      path.join(dir, 'run-20261205-100000-eeee.json'),
      JSON.stringify({ id: 'run-20261205-100000-eeee', version: 1 }),
    );
    await writeFile(path.join(dir, 'notes.json'), '{}');
    const runs = await listRuns(dir);
    assert.deepEqual(
      runs.map((r) => r.id),
      ['run-20261203-100000-bbbb', 'run-20261202-100000-cccc', 'run-20261201-100000-aaaa'],
    );
    assert.ok(!(await readdir(dir)).some((f) => f.endsWith('.tmp')));
    assert.equal((await readRun('run-20261202-100000-cccc', dir)).createdAt, '2026-12-02T10:00:00.000Z');
  });

  it('an unknown id, a corrupt record or no directory: readRun says so; listRuns is empty', async () => {
    await assert.rejects(
      readRun('run-20261201-100000-ffff', dir),
      (e) => e instanceof UsageError && e.message.includes('run-20261201-100000-ffff'),
    );
    await writeFile(path.join(dir, 'run-20261204-100000-dddd.json'), 'not json');
    await assert.rejects(
      readRun('run-20261204-100000-dddd', dir),
      (e) => e instanceof UsageError && /not a run record/.test(e.message),
    );
    await assert.rejects(readRun('web', dir), UsageError);
    assert.deepEqual(await listRuns(path.join(dir, 'missing')), []);
  });
});
