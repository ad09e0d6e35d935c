// `kubectl mc get -f FILE|DIR|- [-R]` against the real kubectl on the same simulated cluster: the same
// tables (one per run of one kind, kind/name when kinds mix), the same NotFound lines after the context
// prefix, the same exit codes; every cluster of --all-clusters answers for itself.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';
import { bin, run, type Run } from './helpers/run.js';

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: production
---
apiVersion: v1
kind: Pod
metadata:
  name: ghost
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
`;
const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: production
`;

/** mc's table without its CLUSTER column. */
function withoutCluster(text: string): string {
  return text
    .split('\n')
    .map((l, i, all) => {
      // each table's header says where the CLUSTER column ends
      const header = all.slice(0, i + 1).findLast((h) => h.startsWith('CLUSTER '));
      const start = /^CLUSTER\s+/.exec(header ?? '')?.[0].length ?? 0;
      return l.slice(start);
    })
    .join('\n');
}

/** mc's JSON without the kubectl-mc.io/context annotation it adds to every object. */
function withoutContext(json: string): unknown {
  type Obj = { metadata?: { annotations?: Record<string, string> }; items?: Obj[] };
  const strip = (o: Obj) => {
    const a = o.metadata?.annotations;
    if (a) {
      delete a['kubectl-mc.io/context'];
      if (Object.keys(a).length === 0) delete o.metadata?.annotations;
    }
    o.items?.forEach(strip);
    return o;
  };
  return strip(JSON.parse(json) as Obj);
}

/** mc's stderr lines for `context` with the prefix removed: kubectl's own lines. */
function linesOf(stderr: string, context: string): string[] {
  const prefix = `error: context "${context}": `;
  return stderr
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length));
}

describe('kubectl mc get -f (vs real kubectl)', function () {
  this.timeout(120_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  before(async () => {
    requireTool('kubectl', ['version', '--client']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: ['one', 'two'], podsPerCluster: 4 });
    dir = mkdtempSync(path.join(tmpdir(), 'kmc-getf-'));
    mkdirSync(path.join(dir, 'm', 'sub'), { recursive: true });
    // a pod that exists on `one`
    const pod = (
      await run('kubectl', ['get', 'pods', '-n', 'production', '--context', 'one', '-o', 'name'], envOf())
    ).stdout
      .split('\n')[0]!
      .replace('pod/', '');
    writeFileSync(
      path.join(dir, 'm', 'a.yaml'),
      MANIFESTS.replace(
        'kind: Pod\nmetadata:\n',
        `kind: Pod\nmetadata:\n  name: ${pod}\n  namespace: production\n---\napiVersion: v1\nkind: Pod\nmetadata:\n`,
      ),
    );
    writeFileSync(path.join(dir, 'm', 'sub', 'b.yaml'), NAMESPACE);
    writeFileSync(path.join(dir, 'm', 'readme.txt'), 'not a manifest');
    env = envOf();
  });
  after(async () => {
    await fleet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function envOf(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  }
  const m = (...p: string[]) => path.join(dir, 'm', ...p);

  /** Both tools, the same arguments, on `context`: same exit code, same stdout, same error lines. */
  async function assertSame(args: string[], context = 'one'): Promise<{ mc: Run; kubectl: Run }> {
    const [mc, kubectl] = await Promise.all([
      run(bin, ['get', ...args, '--context', context], env),
      run('kubectl', ['get', ...args, '--context', context], env),
    ]);
    assert.equal(mc.code, kubectl.code, `exit codes differ\nmc: ${mc.stderr}\nkubectl: ${kubectl.stderr}`);
    const table = !args.includes('-o');
    if (mc.stdout.startsWith('{')) assert.deepEqual(withoutContext(mc.stdout), JSON.parse(kubectl.stdout));
    else assert.equal(table ? withoutCluster(mc.stdout) : mc.stdout, kubectl.stdout);
    assert.deepEqual(linesOf(mc.stderr, context), kubectl.stderr.split('\n').filter(Boolean));
    return { mc, kubectl };
  }

  it('prints a table per run of one kind, kind/name, and NotFound as kubectl', async () => {
    const { kubectl } = await assertSame(['-f', m('a.yaml')]);
    assert.match(kubectl.stdout, /deployment\.apps\/hello/);
    assert.match(kubectl.stderr, /Error from server \(NotFound\): pods "ghost" not found/);
  });

  it('one table for a run of one kind that only missing objects split, as kubectl prints it', async () => {
    // on `two` the pod between the two deployments is missing: kubectl prints them in one table
    const { kubectl } = await assertSame(['-f', m('a.yaml')], 'two');
    assert.equal(kubectl.stdout.match(/^NAME /gm)?.length, 1, kubectl.stdout);
  });

  it('a kind the cluster does not serve is named; the other objects print', async () => {
    const file = path.join(dir, 'widget.yaml');
    writeFileSync(
      file,
      `${NAMESPACE}---\napiVersion: example.io/v1\nkind: Widget\nmetadata:\n  name: w\n---\n${NAMESPACE.replace('production', 'default')}`,
    );
    const args = ['get', '-f', file, '--context', 'one'];
    const [mc, kubectl] = await Promise.all([run(bin, args, env), run('kubectl', args, env)]);
    assert.equal(kubectl.code, 1);
    assert.equal(mc.code, 1);
    assert.equal(withoutCluster(mc.stdout), kubectl.stdout);
    assert.equal(linesOf(mc.stderr, 'one')[0], kubectl.stderr.split('\n')[0]);
    assert.match(kubectl.stderr, /^resource mapping not found for name: "w"/);
  });

  it('-w: one object is watched as kubectl watches it; several are printed, then refused', async () => {
    const one = path.join(dir, 'dep.yaml');
    writeFileSync(one, MANIFESTS.split('---')[0] ?? '');
    const args = ['get', '-f', one, '-w', '--request-timeout', '2s', '--context', 'one'];
    const [mc, kubectl] = await Promise.all([run(bin, args, env), run('kubectl', args, env)]);
    assert.equal(kubectl.code, 0, kubectl.stderr);
    assert.equal(mc.code, 0, mc.stderr);
    assert.equal(withoutCluster(mc.stdout), kubectl.stdout);
    assert.match(kubectl.stdout, /^api\s/m);
    // several of one kind: printed, then refused; of several kinds: refused before anything is printed
    const twoNs = path.join(dir, 'two-ns.yaml');
    writeFileSync(twoNs, `${NAMESPACE}---\n${NAMESPACE.replace('production', 'default')}`);
    for (const files of [
      ['-f', twoNs],
      ['-f', m('sub', 'b.yaml'), '-f', one],
    ]) {
      const several = ['get', ...files, '-w', '--request-timeout', '2s', '--context', 'one'];
      const [mc2, kubectl2] = await Promise.all([run(bin, several, env), run('kubectl', several, env)]);
      assert.equal(kubectl2.code, 1);
      assert.equal(mc2.code, 1);
      assert.equal(withoutCluster(mc2.stdout), kubectl2.stdout);
      assert.equal(mc2.stderr, kubectl2.stderr);
      assert.match(
        mc2.stderr,
        /^error: watch is only supported on individual resources and resource collections - /,
      );
    }
  });

  it('reads a directory (manifest files only), -R its subdirectories', async () => {
    await assertSame(['-f', m()]);
    const { kubectl } = await assertSame(['-f', m(), '-R']);
    assert.match(kubectl.stdout, /namespace\/production/);
  });

  it('--ignore-not-found: no error and exit 0', async () => {
    const { mc } = await assertSame(['-f', m(), '-R', '--ignore-not-found']);
    assert.equal(mc.code, 0);
  });

  it('-o name, -o json of one object or several, jsonpath', async () => {
    // one file and one object missing: kubectl prints nothing but the error
    const { kubectl } = await assertSame(['-f', m('a.yaml'), '-o', 'name']);
    assert.equal(kubectl.stdout, '');
    await assertSame(['-f', m('a.yaml'), '-o', 'name', '--ignore-not-found']);
    await assertSame(['-f', m('sub', 'b.yaml'), '-f', m('a.yaml'), '-o', 'name']);
    await assertSame(['-f', m(), '-R', '-o', 'json', '--ignore-not-found']);
    await assertSame(['-f', m(), '-R', '-o', 'jsonpath={.items[*].metadata.name}']);
    await assertSame(['-f', m('sub', 'b.yaml'), '-o', 'json']);
    const one = await run(bin, ['get', '-f', m('sub', 'b.yaml'), '-o', 'json', '--context', 'one'], env);
    assert.equal((JSON.parse(one.stdout) as { kind: string }).kind, 'Namespace');
  });

  it('reads stdin with -f -', async () => {
    const [mc, kubectl] = await Promise.all([
      pipe(bin, ['get', '-f', '-', '--context', 'one'], NAMESPACE, env),
      pipe('kubectl', ['get', '-f', '-', '--context', 'one'], NAMESPACE, env),
    ]);
    assert.equal(mc.code, 0, mc.stderr);
    assert.equal(withoutCluster(mc.stdout), kubectl.stdout);
  });

  it('refuses what kubectl refuses', async () => {
    const args = ['get', '-f', m('a.yaml'), '-n', 'kube-system', '--context', 'one'];
    const [mc, kubectl] = await Promise.all([run(bin, args, env), run('kubectl', args, env)]);
    assert.equal(mc.code, 1);
    assert.equal(mc.code, kubectl.code);
    assert.equal(mc.stderr.split('\n')[0], `error: ${kubectl.stderr.split('\n')[0]}`);
    const both = await run(bin, ['get', '-f', m('a.yaml'), 'pods', '--context', 'one'], env);
    assert.match(both.stderr, /you may not specify resource arguments as well/);
    const missing = await run(bin, ['get', '-f', m('nope.yaml'), '--context', 'one'], env);
    assert.match(missing.stderr, /the path ".*nope\.yaml" does not exist/);
  });

  it('--all-clusters: each cluster as kubectl on that cluster, a forbidden one named', async () => {
    const mc = await run(bin, ['get', '-f', m(), '-R', '--all-clusters'], env);
    assert.equal(mc.code, 1);
    for (const context of ['one', 'two']) {
      const kubectl = await run('kubectl', ['get', '-f', m(), '-R', '--context', context], env);
      const mine = mc.stdout
        .split('\n')
        .filter((l) => l.startsWith(`${context} `))
        .map((l) => withoutCluster(`CLUSTER   ${l.slice(context.length).trimStart()}`).trim());
      const theirs = kubectl.stdout
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('NAME '))
        .map((l) => l.trim());
      assert.deepEqual(
        mine.map((l) => l.split(/\s+/)),
        theirs.map((l) => l.split(/\s+/)),
      );
      assert.deepEqual(linesOf(mc.stderr, context), kubectl.stderr.split('\n').filter(Boolean));
    }
    assert.match(mc.stderr, /error: context "one-restricted": Error from server \(Forbidden\): /);
  });
});

function pipe(cmd: string, args: string[], input: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}
