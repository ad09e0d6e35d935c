/**
 * A cluster that answers well-formed HTTP with hostile content (a scripted simulator cluster, through
 * the real TLS transport): ragged or mistyped Tables, lists and /version documents, deep nesting, pages
 * that ignore `limit`, `__proto__` keys, huge bodies of tiny items, an endless watch line. Each one is that
 * cluster's `InvalidResponse` (or printed correctly), the healthy clusters print, no stack trace, no
 * JavaScript internals in the error line, and memory stays bounded.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import {
  assertBuilt,
  assertNoStack,
  cliEnv,
  clustersInTable,
  failedContexts,
  runCli,
  spawnCli,
  waitUntil,
} from './helpers.js';

const HEALTHY = ['hp-one', 'hp-two', 'hp-three'];
const BAD = 'hp-bad';
const ALL = [...HEALTHY, BAD].join(',');

type Responder = (req: IncomingMessage, res: ServerResponse) => boolean;

function json(res: ServerResponse, body: string | Buffer, status = 200): true {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}

const isPodList = (req: IncomingMessage) =>
  /\/pods(\?|$)/.test(req.url ?? '') && !/[?&]watch=(true|1)/.test(req.url ?? '');
const wantsTable = (req: IncomingMessage) => /as=Table/.test(String(req.headers.accept ?? ''));

/** `{"a":{"a":…}}` nested `depth` levels, built as text (no recursion). */
function deep(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const PROCESS_INTERNALS =
  /Cannot read properties|is not a function|is not iterable|undefined \(reading|Maximum call stack/;

describe('reliability: hostile responses from one cluster', function () {
  this.timeout(120_000);
  let fleet: Fleet;
  const serve = (r: Responder) => fleet.setFault(BAD, { respond: r });
  const env = () => cliEnv({ KUBECONFIG: fleet.kubeconfigPath });

  before(async () => {
    assertBuilt();
    fleet = await startFleet({ clusters: [...HEALTHY, BAD], podsPerCluster: 3 });
  });
  after(async () => {
    await fleet?.stop();
  });

  /** The healthy clusters' rows are all there; the bad one failed with InvalidResponse and a readable line. */
  function assertBadInvalid(r: { code: number | null; stdout: string; stderr: string }, expect?: RegExp) {
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(failedContexts(r.stderr), [BAD], r.stderr);
    assert.match(r.stderr, new RegExp(`context "${BAD}": InvalidResponse: `), r.stderr);
    if (expect) assert.match(r.stderr, expect);
    assert.doesNotMatch(r.stderr, PROCESS_INTERNALS, r.stderr);
    assertNoStack(r.stderr, 'stderr');
  }

  const tables: Array<[string, unknown]> = [
    ['a column name that is a number', { columnDefinitions: [{ name: 5, type: 'string' }], rows: [] }],
    ['a column without a name', { columnDefinitions: [{ type: 'string' }], rows: [{ cells: ['x'] }] }],
    ['columns that are not a list', { columnDefinitions: 'Name', rows: [] }],
    ['a row that is null', { columnDefinitions: [{ name: 'Name', type: 'string' }], rows: [null] }],
    [
      'rows whose cells are not a list',
      { columnDefinitions: [{ name: 'Name', type: 'string' }], rows: [{ cells: 7 }] },
    ],
    [
      'a row object that is null',
      { columnDefinitions: [{ name: 'Name', type: 'string' }], rows: [{ cells: ['x'], object: null }] },
    ],
  ];
  for (const [what, t] of tables) {
    it(`get: a Table with ${what} is InvalidResponse, the others print`, async () => {
      serve((req, res) =>
        isPodList(req) && wantsTable(req)
          ? json(
              res,
              JSON.stringify({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, ...(t as object) }),
            )
          : false,
      );
      const r = await runCli(['get', 'pods', '-A', '--clusters', ALL], { env: env() });
      assertBadInvalid(r, /Table/);
      assert.deepEqual(clustersInTable(r.stdout).sort(), [...HEALTHY].sort(), r.stdout);
    });
  }

  for (const [what, items] of [
    ['an item that is null', [null]],
    ['metadata that is null', [{ metadata: null }]],
    ['items that are not a list', { a: 1 }],
  ] as const) {
    it(`get -o json: a List with ${what} is InvalidResponse, the others print`, async () => {
      serve((req, res) =>
        isPodList(req) && !wantsTable(req)
          ? json(res, JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items }))
          : false,
      );
      const r = await runCli(['get', 'pods', '-A', '-o', 'json', '--clusters', ALL], { env: env() });
      assertBadInvalid(r);
      const list = JSON.parse(r.stdout) as { items: unknown[] };
      assert.equal(list.items.length, HEALTHY.length * 3);
    });
  }

  for (const gitVersion of [1.31, ['v1', 'v2'], { v: 1 }, null]) {
    it(`contexts --check: a /version whose gitVersion is ${JSON.stringify(gitVersion)} is InvalidResponse`, async () => {
      serve((req, res) =>
        (req.url ?? '').startsWith('/version')
          ? json(res, JSON.stringify({ major: 1, minor: ['31'], gitVersion, platform: 7 }))
          : false,
      );
      const r = await runCli(['contexts', '--check', '--clusters', ALL], { env: env() });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`context "${BAD}": InvalidResponse: .*version`), r.stderr);
      assert.doesNotMatch(r.stderr + r.stdout, PROCESS_INTERNALS);
      assertNoStack(r.stderr);
      for (const c of HEALTHY)
        assert.match(r.stdout, new RegExp(`^\\*?\\s*${c}\\s.*\\bok\\b`, 'm'), r.stdout);
      assert.match(r.stdout, new RegExp(`${BAD}\\s.*InvalidResponse`), r.stdout);
    });
  }

  for (const output of ['json', 'yaml']) {
    it(`get -o ${output}: an item nested 100,000 levels deep is InvalidResponse, no stack overflow`, async () => {
      const body = `{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"deep","namespace":"default"},"spec":${deep(100_000)}}]}`;
      serve((req, res) => (isPodList(req) ? json(res, body) : false));
      const r = await runCli(['get', 'pods', '-A', '-o', output, '--clusters', ALL], { env: env() });
      assertBadInvalid(r, /nested deeper than/);
      for (const c of HEALTHY) assert.ok(r.stdout.includes(c), r.stdout.slice(0, 400));
    });
  }

  it('get: a page of 200,000 rows from a server ignoring limit prints (no stack overflow), the others too', async () => {
    const rows = Array.from(
      { length: 200_000 },
      (_, i) => `{"cells":["p${i}","1/1"],"object":{"metadata":{"name":"p${i}","namespace":"default"}}}`,
    );
    const body = Buffer.from(
      `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"5"},"columnDefinitions":[{"name":"Name","type":"string","format":"name","priority":0},{"name":"Ready","type":"string","priority":0}],"rows":[${rows.join(',')}]}`,
    );
    serve((req, res) => (isPodList(req) && wantsTable(req) ? json(res, body) : false));
    const r = await runCli(['get', 'pods', '-A', '--clusters', ALL], { env: env(), timeoutMs: 100_000 });
    assertNoStack(r.stderr);
    assert.equal(r.code, 0, r.stderr.slice(0, 2000));
    assert.deepEqual(clustersInTable(r.stdout).sort(), [...HEALTHY, BAD].sort());
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith(`${BAD} `)).length, 200_000);
  });

  it('get -o json: __proto__ keys from the server are kept as data, nothing is polluted', async () => {
    const item = `{"metadata":{"name":"proto","namespace":"default","labels":{"__proto__":"x","b":"y"}},"spec":{"__proto__":{"polluted":true},"nodeName":"n1"}}`;
    serve((req, res) =>
      isPodList(req) && !wantsTable(req)
        ? json(res, `{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[${item}]}`)
        : false,
    );
    const r = await runCli(['get', 'pods', '-A', '-o', 'json', '--clusters', ALL], { env: env() });
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout) as { items: Array<{ metadata: { name: string }; spec: unknown }> };
    const got = list.items.find((i) => i.metadata.name === 'proto');
    assert.ok(got, r.stdout.slice(0, 400));
    assert.match(r.stdout, /"__proto__": "x"/);
    assert.match(r.stdout, /"__proto__": \{\s+"polluted": true/);
    assert.equal(Object.prototype.hasOwnProperty.call(got.spec, '__proto__'), true);
  });

  it('get: 60 MB of tiny items with --request-timeout 3s: InvalidResponse within the deadline, RSS bounded', async () => {
    const item = '{"metadata":{"name":"a"}},';
    const chunk = Buffer.from(item.repeat(40_000));
    const total = 60 * 1024 * 1024;
    serve((req, res) => {
      if (!isPodList(req)) return false;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[');
      let sent = 0;
      const pump = (): void => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('{"metadata":{"name":"a"}}]}');
      };
      pump();
      return true;
    });
    const r = await runCli(
      ['get', 'pods', '-A', '-o', 'json', '--request-timeout', '3s', '--clusters', ALL],
      {
        env: env(),
        measureRss: true,
        timeoutMs: 60_000,
      },
    );
    const mib = (r.peakRssKiB ?? 0) / 1024;
    console.log(`      60 MB of tiny items: ${r.ms} ms, peak RSS ${mib.toFixed(0)} MiB`);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(failedContexts(r.stderr), [BAD], r.stderr);
    // refused by the budget, or (on a loaded machine, the simulator serving from this process) the deadline
    assert.match(r.stderr, new RegExp(`context "${BAD}": (InvalidResponse: |timed out after 3s)`));
    assertNoStack(r.stderr);
    assert.ok(mib > 0 && mib < 400, `peak RSS ${mib.toFixed(0)} MiB`);
  });

  it('get -w: an endless watch line hits the line cap (reported), others stream, Ctrl-C ends it', async () => {
    serve((req, res) => {
      if (!/[?&]watch=(true|1)/.test(req.url ?? '')) return false;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.write('{"type":"ADDED","object":{"metadata":{"name":"');
      const chunk = 'x'.repeat(64 * 1024);
      const pump = (): void => {
        while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', pump);
      };
      pump();
      return true;
    });
    const child = spawnCli(['get', 'pods', '-A', '-w', '--clusters', ALL], { env: env() });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      await waitUntil(
        'the line cap on the hostile watch',
        () => /context "hp-bad".*stream line larger than/.test(err),
        () => err.slice(0, 2000),
        60_000,
      );
      for (const c of HEALTHY) assert.match(out, new RegExp(`^${c}\\s`, 'm'));
      child.kill('SIGINT');
      let code: number | null | undefined;
      void exited.then((c) => (code = c));
      await waitUntil(
        'exit after Ctrl-C',
        () => code !== undefined,
        () => err.slice(-500),
        10_000,
      );
      assert.equal(code, 130, err.slice(-1000));
      assertNoStack(err);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
