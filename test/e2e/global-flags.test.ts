// kubectl's global connection flags (--as, --as-group, --user, --token, --server, --insecure-skip-tls-verify,
// --certificate-authority, --tls-server-name, --username/--password): `kubectl mc get … --context X` and the
// real kubectl with the same flags, on the simulated fleet, agree on the exit code, the rows and the server's
// message; endpoint flags are refused for a fleet.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

/** mc's table without its CLUSTER column, relative ages made comparable. */
function withoutCluster(text: string): string[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const start = /^CLUSTER\s+/.exec(lines[0] ?? '')?.[0].length ?? 0;
  return lines.map((l) => l.slice(start).replace(/\(\S+ ago\)/g, '(… ago)'));
}
const rows = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.replace(/\(\S+ ago\)/g, '(… ago)'));

/** The server's own message in kubectl's `Error from server (Forbidden): …` line. */
const serverMessage = (stderr: string) => /Error from server \(\w+\): (.*)/.exec(stderr)?.[1];

describe('kubectl global connection flags (kubectl mc get vs real kubectl)', function () {
  this.timeout(120_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  before(async () => {
    requireTool('kubectl', ['version', '--client']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: ['one', 'two'], podsPerCluster: 6 });
    dir = mkdtempSync(path.join(tmpdir(), 'kmc-gflags-'));
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const one = () => fleet.cluster('one');

  /** Both tools, the same flags, on context `one`: same exit code, same rows, same server message. */
  async function assertSame(args: string[]): Promise<{ mc: Run; kubectl: Run }> {
    const [mc, kubectl] = await Promise.all([
      run(bin, ['get', ...args, '--context', 'one'], env),
      run('kubectl', ['get', ...args, '--context', 'one'], env),
    ]);
    assert.equal(mc.code, kubectl.code, `exit codes differ\nmc: ${mc.stderr}\nkubectl: ${kubectl.stderr}`);
    if (kubectl.code === 0) assert.deepEqual(withoutCluster(mc.stdout), rows(kubectl.stdout));
    const message = serverMessage(kubectl.stderr);
    if (message !== undefined)
      assert.ok(mc.stderr.includes(message), `mc does not say "${message}":\n${mc.stderr}`);
    return { mc, kubectl };
  }

  it('--as impersonates a user: the server refuses as that user', async () => {
    const { kubectl } = await assertSame(['pods', '-n', 'kube-system', '--as', 'jane']);
    assert.match(kubectl.stderr, /User "jane" cannot list/);
  });

  it('--as-group sends the groups: system:masters may list', async () => {
    const { kubectl } = await assertSame([
      'pods',
      '-n',
      'kube-system',
      '--as',
      'jane',
      '--as-group',
      'dev',
      '--as-group',
      'system:masters',
    ]);
    assert.equal(kubectl.code, 0);
  });

  it('--user picks another kubeconfig user for the context, whose impersonation is refused', async () => {
    await assertSame(['pods', '-n', 'default', '--user', 'restricted']);
    await assertSame(['ns', '--user', 'restricted']);
    const { kubectl } = await assertSame(['pods', '--user', 'restricted', '--as', 'bob']);
    assert.match(kubectl.stderr, /cannot impersonate/);
  });

  it('--token replaces the kubeconfig credentials', async () => {
    const token = one().token;
    assert.ok(token, 'cluster "one" uses a token');
    const good = await assertSame(['ns', '--user', 'restricted', '--token', token]);
    assert.equal(good.kubectl.code, 0);
    const bad = await assertSame(['ns', '--token', 'not-a-token']);
    assert.equal(bad.kubectl.code, 1);
    assert.ok(!bad.mc.stderr.includes('not-a-token'), 'the token is never printed');
  });

  it('--username/--password are sent (the simulator knows no basic auth: both are refused)', async () => {
    const { mc } = await assertSame(['ns', '--user', 'nobody', '--username', 'u', '--password', 'p4ssw0rd']);
    assert.ok(!mc.stderr.includes('p4ssw0rd'));
  });

  it('--server, --tls-server-name, --certificate-authority and --insecure-skip-tls-verify as kubectl reads them', async () => {
    const server = one().server;
    const other = fleet.cluster('two').server.replace('127.0.0.1', 'localhost');
    const ca = path.join(dir, 'ca.pem');
    writeFileSync(ca, fleet.caPem);
    await assertSame(['ns', '--server', server]);
    await assertSame(['ns', '--server', other, '--cluster', 'two']);
    await assertSame(['ns', '--server', server, '--tls-server-name', 'localhost']);
    await assertSame(['ns', '--certificate-authority', ca]);
    await assertSame(['ns', '--server', server, '--insecure-skip-tls-verify']);
    const refused = await assertSame(['ns', '--tls-server-name', 'not-the-name.example']);
    assert.notEqual(refused.kubectl.code, 0);
  });

  it('refuses an endpoint flag for several contexts; auth flags apply to every one', async () => {
    const refused = await run(bin, ['get', 'ns', '--all-clusters', '--server', one().server], env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--server names one API server, but 3 contexts are selected/);
    const forAll = await run(
      bin,
      ['get', 'pods', '-n', 'kube-system', '--clusters', 'one,two', '--as', 'jane'],
      env,
    );
    assert.equal(forAll.code, 1);
    for (const c of ['one', 'two'])
      assert.match(forAll.stderr, new RegExp(`"${c}".*User "jane" cannot list`));
  });

  it('--disable-compression: the same rows as kubectl, and no gzip asked of any cluster', async () => {
    await assertSame(['ns', '--disable-compression']);
    const args = ['get', 'pods', '-A', '--all-clusters', '-v=7', '--cache-dir', path.join(dir, 'nocache')];
    const gzip = await run(bin, args, env);
    assert.match(gzip.stderr, /Accept-Encoding: gzip/);
    const plain = await run(bin, [...args, '--disable-compression'], env);
    assert.match(plain.stderr, /Request Headers:/);
    assert.doesNotMatch(plain.stderr, /Accept-Encoding/);
  });
});
