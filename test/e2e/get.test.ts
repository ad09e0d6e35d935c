/**
 * `kubectl mc get` end to end: the built `kubectl-mc` against a simulated fleet, checked row for row
 * against what the real `kubectl get` prints for each cluster, plus failures, -o json/name and --watch.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** Split an aligned table into cells by the header's column starts (cells may be empty or hold spaces). */
function parseTable(text: string): { headers: string[]; rows: string[][] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0] ?? '';
  const starts: number[] = [];
  const re = /(?:^|\s{2,})(\S)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) starts.push(m.index + m[0].length - 1);
  const cut = (line: string) =>
    starts.map((s, i) => line.slice(s, i + 1 < starts.length ? starts[i + 1] : undefined).trim());
  return { headers: cut(header), rows: lines.slice(1).map(cut) };
}

/** Blocks of a multi-type output (kubectl separates them by an empty line). */
function blocks(text: string): string[] {
  return text.split(/\n\s*\n/).filter((b) => b.trim() !== '');
}

describe('kubectl mc get (built CLI vs simulated fleet vs real kubectl)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 12 });
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
  });

  const mc = (...args: string[]) => run(bin, args, env);
  const kubectl = (...args: string[]) => run('kubectl', args, env);

  /** For every cluster, mc's rows minus CLUSTER equal real kubectl's rows, headers included. */
  /** Relative times inside cells ("3 (2m5s ago)") tick between two invocations; compare them loosely. */
  const norm = (rows: string[][]) => rows.map((r) => r.map((c) => c.replace(/\(\S+ ago\)/g, '(… ago)')));

  /** For every cluster, mc's rows minus CLUSTER equal real kubectl's rows, headers included. */
  async function assertEquivalent(args: string[]): Promise<void> {
    const [out, ...reals] = await Promise.all([
      mc('get', ...args, '--clusters', CLUSTERS.join(',')),
      ...CLUSTERS.map((ctx) => kubectl('get', ...args, '--context', ctx)),
    ]);
    assert.ok(out);
    assert.equal(out.code, 0, `kubectl mc get ${args.join(' ')} failed: ${out.stderr}`);
    const mcBlocks = blocks(out.stdout).map(parseTable);
    let rowsSeen = 0;
    CLUSTERS.forEach((ctx, ci) => {
      const real = reals[ci];
      assert.ok(real);
      assert.equal(real.code, 0, real.stderr);
      const realBlocks = blocks(real.stdout).map(parseTable);
      // kubectl omits a type's block when it has no rows; so does mc (per type across the fleet).
      const mine = mcBlocks
        .map((b) => ({
          headers: b.headers.slice(1),
          rows: b.rows.filter((r) => r[0] === ctx).map((r) => r.slice(1)),
        }))
        .filter((b) => b.rows.length > 0);
      assert.equal(mine.length, realBlocks.length, `blocks for ${ctx}: ${out.stdout}\n---\n${real.stdout}`);
      mine.forEach((b, i) => {
        const r = realBlocks[i];
        assert.ok(r);
        assert.equal(mcBlocks[i]?.headers[0], 'CLUSTER');
        assert.deepEqual(b.headers, r.headers, `headers of ${args.join(' ')} on ${ctx}`);
        assert.deepEqual(norm(b.rows), norm(r.rows), `rows of ${args.join(' ')} on ${ctx}`);
        rowsSeen += b.rows.length;
      });
      if (realBlocks.length === 0) assert.match(real.stderr, /No resources found/);
    });
    // within each block, rows appear in selected-context order: every us-east-prod row before any eu-west-prod row
    for (const b of mcBlocks) {
      const contexts = b.rows.map((r) => r[0] ?? '');
      assert.deepEqual(
        contexts,
        [...contexts].sort((x, y) => CLUSTERS.indexOf(x) - CLUSTERS.indexOf(y)),
      );
    }
    assert.equal(
      mcBlocks.reduce((n, b) => n + b.rows.length, 0),
      rowsSeen,
    );
    assert.ok(rowsSeen > 0 || args.includes('-l'), 'the comparison saw rows');
  }

  const matrix: string[][] = [
    ['pods', '-n', 'production'],
    ['pods', '-A'],
    ['pods', '-A', '-o', 'wide'],
    ['pods', '-A', '-l', 'app=api'],
    ['pods', '-A', '--show-labels'],
    ['deployments', '-A'],
    ['deploy', '-n', 'production', '-o', 'wide'],
    ['nodes'],
    ['no', '-o', 'wide', '-l', 'node-role.kubernetes.io/worker'],
    ['svc', '-A', '-o', 'wide'],
    ['federateddeployments', '-A'],
    ['federateddeployments.types.kubefed.io', '-A', '-o', 'wide'],
    ['pods,deployments.apps,svc', '-n', 'production'],
    ['all', '-n', 'production'],
    ['all', '-A', '-l', 'app=api'],
    ['federated', '-A'],
    ['pods', '-A', '-L', 'app,pod-template-hash,example.io/none', '--show-labels'],
    ['pods', '-n', 'production', '--show-kind', '-o', 'wide'],
    ['deploy', '-A', '--chunk-size', '2'],
    ['pods', '-A', '--server-print=false', '--show-labels'],
    ['deploy,ns', '-n', 'production', '--server-print=false', '-o', 'wide'],
  ];
  for (const args of matrix) {
    it(`equals real kubectl per cluster: get ${args.join(' ')}`, () => assertEquivalent(args));
  }

  it('one named object of one cluster prints as the object, as kubectl does, without managedFields', async () => {
    for (const format of ['json', 'yaml']) {
      const [mine, real] = await Promise.all([
        mc('get', 'ns', 'production', '-o', format, '--context', 'us-east-prod'),
        kubectl('get', 'ns', 'production', '-o', format, '--context', 'us-east-prod'),
      ]);
      assert.equal(mine.code, 0, mine.stderr);
      const annotation =
        format === 'json'
          ? /\n {8}"annotations": \{\n {12}"kubectl-mc\.io\/context": "us-east-prod"\n {8}\},/
          : /\n {2}annotations:\n {4}kubectl-mc\.io\/context: us-east-prod/;
      assert.match(mine.stdout, annotation);
      assert.equal(mine.stdout.replace(annotation, ''), real.stdout);
    }
  });

  it('--ignore-not-found: a named object a cluster lacks is no error', async () => {
    const args = ['pods', 'no-such-pod', '-n', 'production', '--ignore-not-found'];
    const [mine, real] = await Promise.all([
      mc('get', ...args, '--clusters', CLUSTERS.join(',')),
      kubectl('get', ...args, '--context', 'us-east-prod'),
    ]);
    assert.deepEqual([mine.code, mine.stdout, mine.stderr], [real.code, real.stdout, real.stderr]);
    assert.equal(mine.code, 0);
  });

  it('-o json prints one v1 List whose items carry kubectl-mc.io/context, matching kubectl per cluster', async () => {
    const out = await mc('get', 'pods', '-A', '-o', 'json', '--clusters', CLUSTERS.join(','));
    assert.equal(out.code, 0, out.stderr);
    const list = JSON.parse(out.stdout) as {
      apiVersion: string;
      kind: string;
      metadata: unknown;
      items: Array<{
        kind: string;
        apiVersion: string;
        metadata: { name: string; annotations: Record<string, string> };
      }>;
    };
    assert.equal(list.apiVersion, 'v1');
    assert.equal(list.kind, 'List');
    assert.deepEqual(list.metadata, { resourceVersion: '' });
    for (const ctx of CLUSTERS) {
      const real = JSON.parse(
        (await kubectl('get', 'pods', '-A', '-o', 'json', '--context', ctx)).stdout,
      ) as {
        items: Array<{ metadata: { name: string } }>;
      };
      const mine = list.items.filter((i) => i.metadata.annotations['kubectl-mc.io/context'] === ctx);
      assert.deepEqual(
        mine.map((i) => i.metadata.name),
        real.items.map((i) => i.metadata.name),
      );
      assert.ok(mine.every((i) => i.kind === 'Pod' && i.apiVersion === 'v1'));
    }
  });

  it('-o yaml is a List too, and -o name prints kubectl -o name lines, cluster by cluster', async () => {
    const y = await mc('get', 'deploy', '-n', 'production', '-o', 'yaml', '--clusters', CLUSTERS.join(','));
    assert.equal(y.code, 0, y.stderr);
    assert.match(y.stdout, /^apiVersion: v1\nitems:\n- apiVersion: apps\/v1\n {2}kind: Deployment\n/);
    assert.match(y.stdout, /kubectl-mc\.io\/context: us-east-prod/);
    assert.match(y.stdout, /\nkind: List\nmetadata:\n {2}resourceVersion: ""\n$/);

    const n = await mc('get', 'deploy', '-n', 'production', '-o', 'name', '--clusters', CLUSTERS.join(','));
    assert.equal(n.code, 0, n.stderr);
    const expected: string[] = [];
    for (const ctx of CLUSTERS) {
      const real = await kubectl('get', 'deploy', '-n', 'production', '-o', 'name', '--context', ctx);
      expected.push(...real.stdout.trim().split('\n'));
    }
    assert.deepEqual(n.stdout.trim().split('\n'), expected);
    assert.match(expected[0] ?? '', /^deployment\.apps\//);
  });

  it('--sort-by sorts rows across clusters', async () => {
    const out = await mc(
      'get',
      'pods',
      '-n',
      'production',
      '--clusters',
      CLUSTERS.join(','),
      '--sort-by',
      '{.metadata.name}',
    );
    assert.equal(out.code, 0, out.stderr);
    const names = parseTable(out.stdout).rows.map((r) => r[1] ?? '');
    assert.ok(names.length > 2);
    assert.deepEqual(names, [...names].sort());
    const clusters = new Set(parseTable(out.stdout).rows.map((r) => r[0]));
    assert.equal(clusters.size, 2);
  });

  it('says "No resources found in <ns> namespace." on stderr when nothing matched, exit 0', async () => {
    const out = await mc('get', 'pods', '-n', 'empty-ns', '--clusters', CLUSTERS.join(','));
    assert.equal(out.code, 0);
    assert.equal(out.stdout, '');
    assert.equal(out.stderr.trim(), 'No resources found in empty-ns namespace.');
  });

  it('usage errors exit 2 with one error line and no stack trace', async () => {
    for (const args of [
      ['get', 'pods', '-o', 'xml'],
      ['get', 'pods', '-o', 'jsonpath={.x'],
      ['get', 'pods', '--clusters', 'no-such-cluster'],
      ['get', 'pods', '--no-such-flag'],
    ]) {
      const out = await mc(...args);
      assert.equal(out.code, 2, `${args.join(' ')}: ${out.stderr}`);
      assert.match(out.stderr, /^error: /);
      assert.doesNotMatch(out.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('an unknown resource type is named per cluster, exit 1', async () => {
    const out = await mc('get', 'widgets', '--clusters', CLUSTERS.join(','));
    assert.equal(out.code, 1);
    for (const ctx of CLUSTERS) {
      assert.match(
        out.stderr,
        new RegExp(`error: context "${ctx}": .*the server doesn't have a resource type "widgets"`),
      );
    }
  });

  it('escapes terminal control sequences that come from a cluster (table, -o json)', async () => {
    // eslint-disable-next-line no-control-regex
    const unsafe = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
    const store = fleet.cluster('us-east-prod').store;
    const evil = structuredClone(store.list('pods', 'production')[0]);
    assert.ok(evil);
    evil.metadata = {
      ...evil.metadata,
      name: 'evil-pod',
      namespace: 'evil-ns',
      labels: { app: 'evil' },
      resourceVersion: undefined,
      uid: undefined,
    } as typeof evil.metadata;
    (evil as unknown as { status: { phase: string } }).status.phase = '\x1b]0;pwned\x07Run\x1b[2Jning\u202e';
    store.add('pods', evil);
    const table = await mc('get', 'pods', '-n', 'evil-ns', '--context', 'us-east-prod', '--show-labels');
    assert.equal(table.code, 0, table.stderr);
    assert.ok(!unsafe.test(table.stdout), JSON.stringify(table.stdout));
    assert.ok(table.stdout.includes('^[]0;pwned^GRun^[[2Jning\\u202e'), table.stdout);
    const json = await mc('get', 'pods', '-n', 'evil-ns', '--context', 'us-east-prod', '-o', 'json');
    assert.ok(!unsafe.test(json.stdout));
    const parsed = JSON.parse(json.stdout) as { items: Array<{ status: { phase: string } }> };
    assert.equal(parsed.items[0]?.status.phase, '\x1b]0;pwned\x07Run\x1b[2Jning\u202e');
    store.delete('pods', 'evil-ns', 'evil-pod');
  });

  it('--watch prints the table, then rows as events arrive, until Ctrl-C', async () => {
    const child = spawn(bin, ['get', 'pods', '-n', 'production', '-w', '--clusters', CLUSTERS.join(',')], {
      env,
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const until = async (what: string, test: () => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!test()) {
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; stdout:\n${stdout}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until('the initial table', () => /^CLUSTER\s+NAME/.test(stdout) && stdout.includes('eu-west-prod'));
    const store = fleet.cluster('eu-west-prod').store;
    const template = store.list('pods', 'production')[0];
    assert.ok(template);
    const probe = structuredClone(template);
    probe.metadata = {
      ...probe.metadata,
      name: 'watch-probe-1',
      resourceVersion: undefined,
      uid: undefined,
    } as typeof probe.metadata;
    store.add('pods', probe);
    await until('the watched row', () => /\neu-west-prod\s+watch-probe-1\s/.test(stdout));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 130);
  });

  it('-w ends at an explicit --request-timeout, exit 0, as kubectl; several names are refused', async () => {
    const args = ['pods', '-n', 'production', '-w', '--request-timeout', '2s', '--context', 'us-east-prod'];
    const [mine, real] = await Promise.all([mc('get', ...args), kubectl('get', ...args)]);
    assert.equal(mine.code, real.code, mine.stderr);
    assert.equal(mine.code, 0);
    const two = await mc('get', 'ns', 'default', 'production', '-w', '--context', 'us-east-prod');
    assert.equal(two.code, 2);
    assert.match(two.stderr, /you may only watch a single resource or type of resource at a time/);
  });

  it('-w with a template that fails: the error as kubectl words it, the watch ends, exit 1', async () => {
    const args = [
      'pods',
      '-n',
      'production',
      '-w',
      '-o',
      'jsonpath={.nope}',
      '--allow-missing-template-keys=false',
      '--context',
      'us-east-prod',
    ];
    const [mine, real] = await Promise.all([mc('get', ...args), kubectl('get', ...args)]);
    assert.equal(real.code, 1);
    assert.equal(mine.code, 1);
    const first = (t: string) => t.split('\n')[0];
    assert.equal(first(mine.stderr), first(real.stderr));
    assert.match(
      first(mine.stderr) ?? '',
      /^error: unable to output the provided object: error executing jsonpath/,
    );
  });

  /** mc's stdout without the CLUSTER column and the context annotation, to compare with kubectl's. */
  const asKubectl = (text: string, ctx: string) =>
    text
      .replace(new RegExp(`^(CLUSTER|${ctx}) +`, 'gm'), '')
      .replace(/\n +"annotations": \{\n +"kubectl-mc\.io\/context": "[^"]+"\n +\},/g, '')
      .replace(/\n +annotations:\n +kubectl-mc\.io\/context: \S+/g, '')
      .replace(/"annotations":\{"kubectl-mc\.io\/context":"[^"]+"\},/g, '');

  const watchCases: string[][] = [
    ['pods', '-n', 'staging', '-w'],
    ['pods', '-n', 'staging', '-w', '-o', 'json'],
    ['pods', '-n', 'staging', '-w', '-o', 'yaml', '--output-watch-events'],
    ['pods', '-n', 'staging', '-w', '-o', 'json', '--output-watch-events'],
    ['pods', '-n', 'staging', '-w', '--output-watch-events'],
    ['pods', '-n', 'staging', '-w', '-o', 'name'],
    ['pods', '-n', 'staging', '--watch-only'],
    ['pods', '-n', 'production', '-w', '--output-watch-events'],
    ['pods', '-n', 'production', '-w', '-o', 'yaml'],
    ['pods', '-n', 'production', '--watch-only', '-o', 'name'],
    ['pods', '-n', 'production', '-w', '-o', 'jsonpath={.metadata.name}{"\\n"}'],
    ['pods', '-n', 'production', '-w', '-o', 'custom-columns=NAME:.metadata.name,PHASE:.status.phase'],
    ['pods', '-n', 'staging', '-w', '-o', 'go-template={{.metadata.name}} {{.status.phase}}{{"\\n"}}'],
    [
      'pods',
      '-n',
      'production',
      '-w',
      '--output-watch-events',
      '-o',
      'jsonpath={.type} {.object.metadata.name}{"\\n"}',
    ],
    [
      'pods',
      '-n',
      'staging',
      '--watch-only',
      '-o',
      'custom-columns=NAME:.object.metadata.name,EVENT:.type',
      '--output-watch-events',
    ],
  ];
  for (const [i, args] of watchCases.entries()) {
    it(`watches as real kubectl does: get ${args.join(' ')}`, async () => {
      const ctx = 'us-east-prod';
      const store = fleet.cluster(ctx).store;
      const start = (cmd: string) => {
        // -v=6: both log the watch request once its response has begun
        const child = spawn(cmd, ['get', ...args, '--context', ctx, '-v=6'], { env });
        const out = { text: '', log: '', child };
        child.stdout.on('data', (d: Buffer) => (out.text += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out.log += d.toString()));
        return out;
      };
      const until = async (what: string, test: () => boolean) => {
        const deadline = Date.now() + 30_000;
        while (!test()) {
          if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const name = `watch-diff-${i}`;
      const ns = args[args.indexOf('-n') + 1] as string;
      const mine = start(bin);
      const real = start('kubectl');
      await until('both watching', () => /watch=true/.test(mine.log) && /watch=true/.test(real.log));
      assert.equal(asKubectl(mine.text, ctx), real.text, 'the initial output');
      const template = store.list('pods', 'production')[0];
      assert.ok(template);
      const probe = structuredClone(template);
      probe.metadata = {
        ...probe.metadata,
        name,
        namespace: ns,
        resourceVersion: undefined,
        uid: undefined,
      } as typeof probe.metadata;
      store.add('pods', probe);
      await until(`${name} in both`, () => mine.text.includes(name) && real.text.includes(name));
      const mentions = (t: string) => t.split(name).length;
      const [mineBefore, realBefore] = [mentions(mine.text), mentions(real.text)];
      store.delete('pods', ns, name);
      await until(
        'the deletion in both',
        () => mentions(mine.text) > mineBefore && mentions(real.text) > realBefore,
      );
      // on a timeout, the assertion below shows the difference
      await until('the same output', () => asKubectl(mine.text, ctx) === real.text).catch(() => undefined);
      for (const p of [mine, real]) p.child.kill('SIGINT');
      assert.equal(asKubectl(mine.text, ctx), real.text);
    });
  }
});

describe('kubectl mc get with failing clusters', function () {
  this.timeout(60_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging', 'dev'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    fleet = await startFleet({
      clusters: CLUSTERS,
      podsPerCluster: 8,
      faults: { 'ap-south-prod': 'down', staging: 'hang', dev: 'error:500' },
    });
    env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath, NO_COLOR: '1' };
  });
  after(async () => {
    await fleet?.stop();
  });

  it('prints what answered, names each failed context on stderr, exits 1 within the timeout', async () => {
    const out = await run(bin, ['get', 'pods', '-A', '--all-clusters', '--request-timeout', '2s'], env);
    assert.equal(out.code, 1, out.stderr);
    const table = parseTable(out.stdout);
    assert.deepEqual(table.headers.slice(0, 3), ['CLUSTER', 'NAMESPACE', 'NAME']);
    assert.deepEqual([...new Set(table.rows.map((r) => r[0]))], ['us-east-prod', 'eu-west-prod']);
    const errors = out.stderr.trim().split('\n');
    assert.equal(errors.length, 4, out.stderr);
    assert.match(out.stderr, /^error: context "ap-south-prod": Unreachable: /m);
    assert.match(out.stderr, /^error: context "staging": timed out after 2s$/m);
    assert.match(out.stderr, /^error: context "dev": Error from server \(InternalError\): /m);
    assert.match(
      out.stderr,
      new RegExp(
        `^error: context "${fleet.restrictedContext}": Error from server \\(Forbidden\\): .*forbidden`,
        'm',
      ),
    );
    // a generous bound: the hung cluster must not hold the command beyond its deadline
    assert.ok(out.ms < 2_000 + 10_000, `took ${out.ms} ms`);
  });

  it('on a terminal: a progress line on stderr, erased before the table', async () => {
    // `script` gives the command a pseudo-terminal (stdout and stderr both on it)
    const cmd = `${bin} get pods -n production --clusters us-east-prod,staging --request-timeout 2s`;
    const out = await run('script', ['-q', '-e', '-c', cmd, '/dev/null'], {
      ...env,
      NO_COLOR: undefined,
      TERM: 'xterm',
    });
    const text = out.stdout;
    const progress = text.indexOf('waiting for 1/2 clusters…');
    const erase = text.lastIndexOf('\r\x1b[2K');
    const table = text.indexOf('CLUSTER');
    assert.ok(progress >= 0, JSON.stringify(text.slice(0, 300)));
    assert.ok(erase > progress && table > erase, 'the progress line is erased before the table is printed');
    assert.match(text, /error: context "staging": timed out after 2s/);
  });

  it('Ctrl-C aborts the fan-out at once, even with a hung cluster and a long timeout', async () => {
    // -v=6 logs each request as it completes: the healthy cluster's line shows the fan-out is under way
    // while the hung cluster's request is still in flight. With a 10-minute timeout, an exit before the
    // test's own timeout can only come from the Ctrl-C.
    const child = spawn(
      bin,
      ['get', 'pods', '-A', '--clusters', 'staging,us-east-prod', '--request-timeout', '10m', '-v=6'],
      { env },
    );
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/\[us-east-prod\] GET \S+\/pods/.test(stderr)) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before the fan-out was under way:\n${stderr}`)));
    });
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    assert.doesNotMatch(stderr, /internal error|\n\s+at /);
  });

  it('--ignore-failures still names the failures but exits 0', async () => {
    const out = await run(
      bin,
      ['get', 'nodes', '--all-clusters', '--request-timeout', '2s', '--ignore-failures'],
      env,
    );
    assert.equal(out.code, 0);
    assert.match(out.stderr, /context "staging": timed out/);
    assert.match(out.stdout, /^CLUSTER\s+NAME\s+STATUS/);
  });

  it('-o json with failures: a List of what answered, failures on stderr only', async () => {
    const out = await run(
      bin,
      ['get', 'pods', '-n', 'production', '-o', 'json', '--all-clusters', '--request-timeout', '2s'],
      env,
    );
    assert.equal(out.code, 1);
    const list = JSON.parse(out.stdout) as {
      items: Array<{ metadata: { annotations: Record<string, string> } }>;
    };
    const contexts = new Set(list.items.map((i) => i.metadata.annotations['kubectl-mc.io/context']));
    assert.deepEqual([...contexts].sort(), ['eu-west-prod', 'us-east-prod']);
    assert.match(out.stderr, /context "staging"/);
    // the restricted user may list only in `default`
    assert.match(
      out.stderr,
      new RegExp(
        `context "${fleet.restrictedContext}": Error from server \\(Forbidden\\): .*in the namespace "production"`,
      ),
    );
  });
});

describe('kubectl mc get --watch on a cluster whose watches drop', function () {
  this.timeout(60_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;

  before(async () => {
    fleet = await startFleet({
      clusters: ['flaky'],
      podsPerCluster: 3,
      faults: { flaky: 'drop-watch:500ms' },
    });
  });
  after(async () => {
    await fleet?.stop();
  });

  it('says the watch broke, reconnects, and keeps streaming new rows', async () => {
    const env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath, NO_COLOR: '1' };
    const child = spawn(bin, ['get', 'pods', '-n', 'production', '-w', '--context', 'flaky'], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const until = async (what: string, test: () => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!test()) {
        if (Date.now() > deadline)
          assert.fail(`timed out waiting for ${what}; stdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until('the initial table', () => /^CLUSTER\s+NAME/.test(stdout));
    await until('the reconnect warning', () =>
      /^warning: context "flaky": watch broke \(.+\); reconnecting$/m.test(stderr),
    );
    const store = fleet.cluster('flaky').store;
    const probe = structuredClone(store.list('pods', 'production')[0]);
    assert.ok(probe);
    probe.metadata = {
      ...probe.metadata,
      name: 'after-reconnect',
      resourceVersion: undefined,
      uid: undefined,
    } as typeof probe.metadata;
    store.add('pods', probe);
    await until('a row after reconnecting', () => /\nflaky\s+after-reconnect\s/.test(stdout));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 130);
  });
});
