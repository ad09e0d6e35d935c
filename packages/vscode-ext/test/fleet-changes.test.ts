/**
 * The editor's changes from the tree (the fleet bundle's `FleetChanges`, without VS Code) against a
 * simulated fleet: restart and undo of a workload on two clusters (plan as the CLI prints it, the
 * annotation written, the rollout followed to done), scale and delete with a down cluster named while the
 * others change, the protected contexts of a `.kubectl-mc.yaml`, and `Plan rollout` equal to the CLI's.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startFleet, type Fleet as SimFleet } from '@kubectl-mc/sim';
import { Fleet, RESTARTED_AT_ANNOTATION } from '@kubectl-mc/core/fleet';
import { FleetChanges, statusTable } from '../src/fleet/changes.js';
import { pipelinePlan } from '../src/fleet/pipeline.js';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(ROOT, 'packages/cli/bin/run.js');
const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'down-1'];
const TWO = ['us-east-prod', 'eu-west-prod'];

type Dep = {
  spec: { replicas?: number; template: { metadata?: { annotations?: Record<string, string> } } };
  metadata: { annotations?: Record<string, string> };
};

describe('fleet changes of the editor (core plans and changes on chosen clusters)', function () {
  this.timeout(60_000);
  let sim: SimFleet;
  let fleet: Fleet;
  let changes: FleetChanges;
  const signal = () => AbortSignal.timeout(30_000);
  const dep = (c: string, name: string) =>
    sim.cluster(c).store.get('deployments', 'production', name) as unknown as Dep | undefined;

  before(async () => {
    sim = await startFleet({ clusters: CLUSTERS, faults: { 'down-1': 'down' }, timeScale: 50 });
    fleet = Fleet.open({ kubeconfig: sim.kubeconfigPath, env: {}, timeoutMs: 5000 });
    changes = new FleetChanges(() => fleet);
  });
  after(async () => {
    fleet?.close();
    await sim?.stop();
  });

  it('restarts a workload on two clusters: the CLI plan, the question, the annotation, then status done', async () => {
    const web = { contexts: TWO, resource: 'deployments.apps', namespace: 'production', name: 'web' };
    const plan = await changes.plan('restart', [web], {}, signal());
    const lines = plan.table.trimEnd().split('\n');
    assert.match(lines[0]!, /^CLUSTER\s+OBJECT\s+NAMESPACE\s+CHANGE$/);
    for (const [i, c] of TWO.entries())
      assert.match(
        lines[i + 1]!,
        new RegExp(
          `^${c}\\s+deployment\\.apps/web\\s+production\\s+template annotation ${RESTARTED_AT_ANNOTATION}=`,
        ),
      );
    assert.equal(plan.question, 'Restart deployment.apps/web on 2 clusters (us-east-prod, eu-west-prod)?');
    assert.equal(plan.count, 2);
    for (const c of TWO)
      assert.equal(dep(c, 'web')!.spec.template.metadata?.annotations?.[RESTARTED_AT_ANNOTATION], undefined);
    const heard: string[] = [];
    const outcome = await changes.run(plan, (ctx, line) => heard.push(`${ctx}: ${line}`), signal());
    assert.deepEqual(
      outcome.clusters,
      TWO.map((context) => ({ context, ok: true })),
    );
    assert.match(outcome.table, /^us-east-prod\s+deployment\.apps\/web\s+production\s+restarted$/m);
    assert.deepEqual(heard.sort(), TWO.map((c) => `${c}: deployment.apps/web restarted`).sort());
    for (const c of TWO)
      assert.ok(
        dep(c, 'web')!.spec.template.metadata?.annotations?.[RESTARTED_AT_ANNOTATION],
        `${c} annotated`,
      );
    const progress: string[] = [];
    const rows = await changes.status([web], (ctx, _ref, line) => progress.push(`${ctx} ${line}`), signal());
    assert.deepEqual(
      rows.map((r) => [r.context, r.outcome, r.message]),
      TWO.map((c) => [c, 'done', 'deployment "web" successfully rolled out']),
    );
    assert.ok(progress.length >= 2, progress.join('\n'));
    assert.match(statusTable(rows), /^CLUSTER\s+OBJECT\s+STATE\s+MESSAGE\n/);
  });

  it('undoes the restart: back to the previous revision, the template annotation gone', async () => {
    const web = {
      contexts: ['us-east-prod'],
      resource: 'deployments.apps',
      namespace: 'production',
      name: 'web',
    };
    const plan = await changes.plan('undo', [web], {}, signal());
    assert.match(plan.table, /^us-east-prod\s+deployment\.apps\/web\s+production\s+revision \d+ → \d+/m);
    assert.equal(plan.question, 'Roll back deployment.apps/web on 1 cluster (us-east-prod)?');
    const outcome = await changes.run(plan, () => {}, signal());
    assert.deepEqual(outcome.errors, []);
    assert.match(outcome.table, /rolled back$/m);
    assert.equal(
      dep('us-east-prod', 'web')!.spec.template.metadata?.annotations?.[RESTARTED_AT_ANNOTATION],
      undefined,
    );
  });

  it('a failing rollout ends with its condition, a cluster that is down with its error', async () => {
    sim.cluster('eu-west-prod').store.modify('deployments', 'production', 'api', (d) => {
      const o = d as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
      o.spec.template.spec.containers[0]!.image = 'x:doesnotexist';
      d.metadata['generation'] = (d.metadata['generation'] as number) + 1;
    });
    const rows = await changes.status(
      [
        {
          contexts: ['eu-west-prod', 'down-1'],
          resource: 'deployments.apps',
          namespace: 'production',
          name: 'api',
        },
      ],
      () => {},
      signal(),
    );
    assert.equal(rows[0]!.outcome, 'failed');
    assert.match(rows[0]!.message, /exceeded its progress deadline/);
    assert.equal(rows[1]!.outcome, 'error');
    assert.match(rows[1]!.message, /^context "down-1": /);
  });

  it('scales on two clusters and names the one that is down, the others changed', async () => {
    const plan = await changes.plan(
      'scale',
      [{ contexts: [...TWO, 'down-1'], resource: 'deployments.apps', namespace: 'production', name: 'web' }],
      { replicas: 5 },
      signal(),
    );
    assert.match(plan.table.split('\n')[0]!, /^CLUSTER\s+OBJECT\s+NAMESPACE\s+ACTION$/);
    assert.match(plan.table, /^us-east-prod\s+deployment\.apps\/web\s+production\s+scale \d+ -> 5$/m);
    assert.equal(plan.errors.length, 1);
    assert.match(plan.errors[0]!, /^error: context "down-1": /);
    assert.equal(plan.question, 'Scale 2 objects on 2 clusters (us-east-prod, eu-west-prod)?');
    const outcome = await changes.run(plan, () => {}, signal());
    assert.deepEqual(
      outcome.clusters,
      TWO.map((context) => ({ context, ok: true })),
    );
    for (const c of TWO) assert.equal(dep(c, 'web')!.spec.replicas, 5);
  });

  it('deletes selected objects of several clusters and namespaces; one missing is a note, not a change', async () => {
    for (const c of TWO)
      sim.cluster(c).store.add('configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'doomed', namespace: 'default' },
        data: {},
      });
    const plan = await changes.plan(
      'delete',
      [
        { contexts: TWO, resource: 'configmaps', namespace: 'default', name: 'doomed' },
        { contexts: ['us-east-prod'], resource: 'configmaps', namespace: 'default', name: 'never-was' },
      ],
      {},
      signal(),
    );
    assert.equal(plan.count, 2);
    assert.match(plan.table, /^us-east-prod\s+configmap\/never-was\s+default\s+\(not found\)$/m);
    assert.equal(plan.question, 'Delete 2 objects on 2 clusters (us-east-prod, eu-west-prod)?');
    const outcome = await changes.run(plan, () => {}, signal());
    assert.match(outcome.table, /^eu-west-prod\s+configmap\/doomed\s+default\s+deleted$/m);
    for (const c of TWO) assert.equal(sim.cluster(c).store.get('configmaps', 'default', 'doomed'), undefined);
  });

  it('finds the protected contexts from .kubectl-mc.yaml of the workspace folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'editor-protected-'));
    try {
      writeFileSync(
        join(dir, '.kubectl-mc.yaml'),
        'protected:\n  - "us-*"\n  - context: eu-west-prod\n    environment: pci\n',
      );
      const found = await changes.protectedOf([...TWO, 'staging'], dir);
      assert.deepEqual(
        found.map((p) => [p.context, p.environment]),
        [
          ['us-east-prod', 'production'],
          ['eu-west-prod', 'pci'],
        ],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('plans a pipeline rollout as `kubectl mc rollout plan` prints it', async function () {
    if (!existsSync(join(ROOT, 'packages/cli/dist'))) this.skip();
    // the seed pipeline's clusters, one of them down
    const seed = await startFleet({
      clusters: ['us-east-prod', 'eu-west-prod', 'ap-south-prod'],
      faults: { 'ap-south-prod': 'down' },
    });
    const seedFleet = Fleet.open({ kubeconfig: seed.kubeconfigPath, env: {}, timeoutMs: 5000 });
    const dir = mkdtempSync(join(tmpdir(), 'editor-pipeline-'));
    try {
      cpSync(join(ROOT, 'examples/regional'), join(dir, 'infra'), { recursive: true });
      writeFileSync(
        join(dir, 'app.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: checkout\n  namespace: default\ndata:\n  v: "1"\n',
      );
      const pipeline = join(dir, 'infra/progressive-pipeline.yaml');
      const mine = await pipelinePlan(
        () => seedFleet,
        { cwd: dir, pipeline, manifests: [join(dir, 'app.yaml')] },
        signal(),
      );
      const cli = await run(
        process.execPath,
        [CLI, 'rollout', 'plan', '-f', 'app.yaml', '--pipeline', 'infra/progressive-pipeline.yaml'],
        { cwd: dir, env: { ...process.env, KUBECONFIG: seed.kubeconfigPath, NO_COLOR: '1' } },
      ).catch((e: { stdout: string; stderr: string }) => e);
      assert.match(
        mine.text,
        /^Pipeline infra\/progressive-pipeline\.yaml: \d+ stages?, \d+ clusters?\n\nSTAGE /,
      );
      assert.match(cli.stdout, /\nChanges \(server-side dry run, nothing applied\):\nCLUSTER /);
      assert.ok(mine.text.startsWith(cli.stdout), `editor:\n${mine.text}\ncli:\n${cli.stdout}`);
      // what the CLI says on stderr follows the plan
      const errors = cli.stderr.split('\n').filter((l) => l.startsWith('error:'));
      assert.ok(
        errors.some((l) => l.includes('ap-south-prod')),
        cli.stderr,
      );
      for (const line of errors) assert.ok(mine.text.includes(line), line);
      assert.equal(mine.failed, true);
    } finally {
      seedFleet.close();
      await seed.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
