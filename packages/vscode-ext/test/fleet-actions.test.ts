/**
 * The editor's fleet actions (the fleet bundle's `FleetActions`, without VS Code) against a simulated
 * fleet: describe and events of a workload on two clusters, logs with the sources named and escapes
 * visible, the apply plan, a cancelled and a confirmed apply, a failing cluster that hides no other.
 */
import assert from 'node:assert/strict';
import { startFleet, type Fleet as SimFleet } from '@kubectl-mc/sim';
import { Fleet } from '@kubectl-mc/core/fleet';
import { escapeTerminal } from '@kubectl-mc/core';
import { FleetActions } from '../src/fleet/actions.js';

const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'down-1'];
const TWO = ['us-east-prod', 'eu-west-prod'];

const configMap = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\ndata:\n  key: ${value}\n`;

describe('fleet actions of the editor (core functions on chosen clusters)', function () {
  this.timeout(60_000);
  let sim: SimFleet;
  let fleet: Fleet;
  let actions: FleetActions;
  const signal = () => AbortSignal.timeout(30_000);

  before(async () => {
    sim = await startFleet({ clusters: CLUSTERS, faults: { 'down-1': 'down' } });
    fleet = Fleet.open({ kubeconfig: sim.kubeconfigPath, env: {}, timeoutMs: 5000 });
    actions = new FleetActions(() => fleet);
  });
  after(async () => {
    fleet?.close();
    await sim?.stop();
  });

  it('describes a workload on each of its clusters, one section each, as kubectl describe', async () => {
    const text = await actions.describe(
      { contexts: TWO, resource: 'deployments.apps', namespace: 'production', name: 'web' },
      signal(),
    );
    const sections = text.split(/^=== (.*) ===$/m);
    assert.deepEqual([sections[1], sections[3]], TWO);
    for (const body of [sections[2]!, sections[4]!]) {
      assert.match(body, /^Name:\s+web$/m);
      assert.match(body, /^Namespace:\s+production$/m);
      assert.match(body, /^Replicas:/m);
    }
  });

  it('names a cluster that fails and one that lacks the object, and still describes the others', async () => {
    const text = await actions.describe(
      { contexts: ['us-east-prod', 'down-1'], resource: 'pods', namespace: 'production', name: 'no-such' },
      signal(),
    );
    assert.match(text, /=== us-east-prod ===\nError from server \(NotFound\): pods "no-such" not found/);
    assert.match(text, /=== down-1 ===\nerror: context "down-1": /);
  });

  it('lists the events of an object across clusters in one table, CLUSTER first', async () => {
    const text = await actions.events(
      { contexts: TWO, resource: 'deployments.apps', namespace: 'production', name: 'web' },
      signal(),
    );
    const [header] = text.split('\n');
    assert.match(header!, /^CLUSTER\s+LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    assert.ok(!text.includes('error:'), text);
  });

  it('reads the logs of every pod of a workload on two clusters, each line prefixed, escapes visible', async () => {
    const evil = 'registry.example.com/evil:\x1b[2J\x1b]0;pwned\x07';
    const now = new Date().toISOString();
    for (const c of TWO) {
      sim.cluster(c).store.add('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'evil', namespace: 'default' },
        spec: { containers: [{ name: 'evil', image: evil }] },
        status: {
          phase: 'Running',
          startTime: now,
          containerStatuses: [
            { name: 'evil', ready: true, restartCount: 0, state: { running: { startedAt: now } } },
          ],
        },
      });
    }
    const lines: string[] = [];
    for await (const l of actions.logs(
      { contexts: TWO, resource: 'pods', namespace: 'default', name: 'evil' },
      { follow: false },
      signal(),
    ))
      lines.push(l);
    for (const c of TWO)
      assert.ok(
        lines.some((l) => l.startsWith(`${c}/evil/evil `)),
        lines.join('\n'),
      );
    assert.ok(
      lines.every((l) => ![...l].some((ch) => ch < ' ')),
      JSON.stringify(lines),
    );
    assert.ok(
      lines.some((l) => l.includes(escapeTerminal(evil))),
      lines.join('\n'),
    );
  });

  it('follows logs until stopped, the first lines from both clusters', async () => {
    const ac = new AbortController();
    const seen = new Set<string>();
    for await (const l of actions.logs(
      { contexts: TWO, resource: 'deployments.apps', namespace: 'production', name: 'web' },
      { follow: true },
      ac.signal,
    )) {
      const c = TWO.find((x) => l.startsWith(`${x}/`));
      if (c) seen.add(c);
      if (seen.size === TWO.length) ac.abort();
    }
    assert.deepEqual([...seen].sort(), [...TWO].sort());
  });

  it('names the containers of a workload and follows one of them only', async () => {
    const t = { contexts: TWO, resource: 'deployments.apps', namespace: 'production', name: 'web' };
    const names = await actions.containers(t, signal());
    assert.ok(names.length > 0, 'web has containers');
    const container = names.at(-1)!;
    const ac = new AbortController();
    const seen = new Set<string>();
    for await (const l of actions.logs(t, { follow: true, container }, ac.signal)) {
      const m = /^([^/]+)\/[^/ ]+\/([^ ]+) /.exec(l);
      assert.ok(m, l);
      assert.equal(m[2], container);
      seen.add(m[1]!);
      if (seen.size === TWO.length) ac.abort();
    }
    assert.deepEqual([...seen].sort(), [...TWO].sort());
  });

  it('plans an apply per cluster (server dry run), applies only what the plan says, on each cluster', async () => {
    const plan = await actions.plan(TWO, configMap('editor-applied', 'one'), 'cm.yaml', signal());
    assert.deepEqual(plan.errors, []);
    assert.equal(plan.changes, 2);
    assert.deepEqual(plan.changing, TWO);
    assert.equal(plan.question, 'Apply 2 changes to 2 clusters (us-east-prod, eu-west-prod)?');
    assert.match(plan.table, /^CLUSTER\s+OBJECT\s+NAMESPACE\s+RESULT\s+CHANGES$/m);
    assert.match(plan.table, /^us-east-prod\s+configmap\/editor-applied\s+default\s+created/m);
    assert.ok(plan.diffs.every((d) => d.live === '' && /key: one/.test(d.merged)));
    // the plan changed nothing
    for (const c of TWO)
      assert.equal(sim.cluster(c).store.get('configmaps', 'default', 'editor-applied'), undefined);

    const lines: string[] = [];
    const outcome = await actions.apply(plan, (ctx, line) => lines.push(`${ctx}: ${line}`), signal());
    assert.deepEqual(
      outcome.clusters,
      TWO.map((context) => ({ context, ok: true })),
    );
    assert.deepEqual(lines.sort(), TWO.map((c) => `${c}: configmap/editor-applied created`).sort());
    for (const c of TWO) {
      const cm = sim.cluster(c).store.get('configmaps', 'default', 'editor-applied') as {
        data?: { key?: string };
      };
      assert.equal(cm?.data?.key, 'one');
    }

    const again = await actions.plan(TWO, configMap('editor-applied', 'two'), 'cm.yaml', signal());
    assert.equal(again.changes, 2);
    assert.ok(again.diffs.every((d) => /key: one/.test(d.live) && /key: two/.test(d.merged)));
    const same = await actions.plan(TWO, configMap('editor-applied', 'one'), 'cm.yaml', signal());
    assert.equal(same.changes, 0);
  });

  it('aligns a drifted workload with the one on a chosen cluster: plan, then apply, image and all', async () => {
    type Dep = { spec: { template: { spec: { containers: { image: string }[] } } } };
    const imageOn = (c: string) =>
      (sim.cluster(c).store.get('deployments', 'production', 'web') as unknown as Dep).spec.template.spec
        .containers[0]!.image;
    sim.cluster('eu-west-prod').store.modify('deployments', 'production', 'web', (o) => {
      (o as unknown as Dep).spec.template.spec.containers[0]!.image = 'registry.example.com/web:drifted';
    });
    const reference = imageOn('us-east-prod');
    assert.notEqual(imageOn('eu-west-prod'), reference);
    const t = { contexts: TWO, resource: 'deployments.apps', namespace: 'production', name: 'web' };
    const plan = await actions.alignPlan(t, 'us-east-prod', signal());
    assert.deepEqual(plan.errors, []);
    assert.deepEqual(plan.changing, ['eu-west-prod']);
    assert.match(plan.table, /^eu-west-prod\s+deployment\.apps\/web\s+production\s+configured\s+.*image/m);
    assert.equal(imageOn('eu-west-prod'), 'registry.example.com/web:drifted', 'planning changes nothing');
    const outcome = await actions.apply(plan, () => undefined, signal());
    assert.deepEqual(outcome.clusters, [{ context: 'eu-west-prod', ok: true }]);
    assert.equal(imageOn('eu-west-prod'), reference);
    assert.equal((await actions.alignPlan(t, 'us-east-prod', signal())).changes, 0);
  });

  it('a cluster that cannot plan is named; the others are planned', async () => {
    const plan = await actions.plan(
      ['us-east-prod', 'down-1'],
      configMap('editor-partial', 'x'),
      'cm.yaml',
      signal(),
    );
    assert.deepEqual(plan.changing, ['us-east-prod']);
    assert.equal(plan.errors.length, 1);
    assert.match(plan.errors[0]!, /^error: context "down-1": /);
  });
});
