/**
 * A fuzzer for API responses: fast-check generates Tables, lists, watch streams, Status objects,
 * /version and discovery documents (well-formed, ragged, mistyped, deep, large, hostile strings, truncated text), a
 * scripted simulator cluster serves each through the real TLS transport, and core's API layer and the
 * printers (table, -o json, -o yaml) handle it. Asserted for every case: no crash (an answer, or a
 * `ClusterError` with a one-line message and no JavaScript internals), printed output without a raw
 * control byte, and the healthy cluster's output unchanged beside it.
 * FUZZ_RUNS=n sets the number of cases per kind (default 400: 2,400 cases).
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fc from 'fast-check';
import { ClusterApi, ClusterError, createConnection, loadKubeconfig } from '@kubectl-mc/core';
import type { ClusterConnection, ResolvedResource, Table } from '@kubectl-mc/core';
import { formatJson, formatPreparedTables, formatYaml, prepareTable, toList } from '@kubectl-mc/core/render';
import { startFleet, type Fleet } from '@kubectl-mc/sim';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 400);
const OK = 'fz-ok';
const BAD = 'fz-bad';
const PODS: ResolvedResource = {
  group: '',
  version: 'v1',
  resource: 'pods',
  kind: 'Pod',
  namespaced: true,
  singular: 'pod',
  shortNames: ['po'],
  verbs: ['list', 'watch', 'get'],
  categories: ['all'],
};
const INTERNALS =
  /Cannot read properties|is not a function|is not iterable|Maximum call stack|undefined \(reading|Unexpected token|JSON at position/;
/** Raw C0 (but \n), DEL, C1 controls and bidi overrides/isolates: none may reach printed output. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

// --- generators ---------------------------------------------------------------------------------

const hostileString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '\u001b]0;PWNED\u0007',
    '\u001b[31mred\u001b[0m',
    '\u202eevil',
    '\u009b31m',
    'a\rb',
    'line\nbreak',
    '__proto__',
    'constructor',
    '',
    'x'.repeat(3000),
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);
/** A value, or (sometimes) a mistyped one in its place. */
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: good }, value);
const meta = fc.record(
  {
    name: maybe(hostileString),
    namespace: maybe(fc.constantFrom('default', 'kube-system', '\u001b[2J')),
    resourceVersion: maybe(fc.nat().map(String)),
    labels: maybe(fc.dictionary(hostileString, maybe(hostileString), { maxKeys: 3 })),
    creationTimestamp: maybe(fc.constantFrom('2024-01-01T00:00:00Z', 'not a date', '')),
  },
  { requiredKeys: [] },
);
const object = fc.record({ metadata: maybe(meta), spec: value, status: value }, { requiredKeys: [] });
const column = fc.record(
  {
    name: maybe(hostileString),
    type: maybe(fc.constantFrom('string', 'integer', 'date')),
    priority: maybe(fc.nat(2)),
    format: maybe(fc.constantFrom('name', '')),
  },
  { requiredKeys: ['name'] },
);
const row = fc.record(
  { cells: maybe(fc.array(value, { maxLength: 6 })), object: maybe(object) },
  { requiredKeys: ['cells'] },
);
const table = fc.record({
  kind: fc.constant('Table'),
  apiVersion: fc.constant('meta.k8s.io/v1'),
  metadata: maybe(fc.record({ resourceVersion: maybe(fc.nat().map(String)) }, { requiredKeys: [] })),
  columnDefinitions: maybe(fc.array(column, { maxLength: 5 })),
  rows: maybe(
    fc.oneof(
      fc.array(row, { maxLength: 8 }),
      fc.nat(600).map((n) => Array.from({ length: n }, (_, i) => ({ cells: [`p${i}`] }))),
    ),
  ),
});
const list = fc.record({
  kind: fc.constant('PodList'),
  apiVersion: fc.constant('v1'),
  metadata: maybe(fc.record({ resourceVersion: maybe(fc.nat().map(String)) }, { requiredKeys: [] })),
  items: maybe(fc.array(maybe(object), { maxLength: 6 })),
});
const status = fc.record({
  kind: maybe(fc.constant('Status')),
  status: maybe(fc.constant('Failure')),
  message: maybe(hostileString),
  reason: maybe(hostileString),
  code: maybe(fc.integer({ min: 100, max: 599 })),
  details: maybe(
    fc.record({
      causes: maybe(
        fc.array(fc.record({ message: maybe(hostileString), field: maybe(hostileString) }), { maxLength: 3 }),
      ),
    }),
  ),
});
const version = fc.record(
  {
    major: maybe(fc.constantFrom('1', '27+')),
    minor: maybe(fc.constantFrom('31', '30+')),
    gitVersion: maybe(fc.constantFrom('v1.31.2', '\u001b[31mv1')),
    platform: maybe(hostileString),
  },
  { requiredKeys: [] },
);
const watchEvent = fc.record({
  type: maybe(fc.constantFrom('ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR', 'UNKNOWN')),
  object: maybe(object),
});

const discoveryResource = fc.record(
  {
    name: maybe(fc.constantFrom('widgets', 'gadgets/status', 'pods')),
    resource: maybe(fc.constantFrom('widgets', 'gadgets')),
    kind: maybe(fc.constantFrom('Widget', '')),
    singularName: maybe(fc.constantFrom('widget', '')),
    namespaced: maybe(fc.boolean()),
    scope: maybe(fc.constantFrom('Namespaced', 'Cluster')),
    responseKind: maybe(fc.record({ kind: maybe(fc.constantFrom('Widget')) }, { requiredKeys: [] })),
    shortNames: maybe(fc.array(maybe(hostileString), { maxLength: 2 })),
    verbs: maybe(fc.array(maybe(fc.constantFrom('list', 'get')), { maxLength: 2 })),
    categories: maybe(fc.array(maybe(fc.constantFrom('all')), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
/** /api and /apis answers: legacy (`versions`, `groups`, resource lists) or aggregated (`APIGroupDiscoveryList`). */
const discovery = fc.oneof(
  fc.record({
    kind: fc.constant('APIGroupDiscoveryList'),
    items: maybe(
      fc.array(
        fc.record(
          {
            metadata: maybe(
              fc.record({ name: maybe(fc.constantFrom('', 'example.com')) }, { requiredKeys: [] }),
            ),
            versions: maybe(
              fc.array(
                fc.record(
                  {
                    version: maybe(fc.constantFrom('v1', 'v2')),
                    resources: maybe(fc.array(discoveryResource, { maxLength: 3 })),
                  },
                  { requiredKeys: [] },
                ),
                { maxLength: 2 },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
  }),
  fc.record(
    {
      kind: maybe(fc.constantFrom('APIVersions', 'APIGroupList', 'APIResourceList')),
      versions: maybe(fc.array(maybe(fc.constantFrom('v1', 'v2')), { maxLength: 2 })),
      groups: maybe(
        fc.array(
          fc.record(
            {
              name: maybe(fc.constantFrom('example.com')),
              versions: maybe(
                fc.array(fc.record({ version: maybe(fc.constantFrom('v1')) }, { requiredKeys: [] }), {
                  maxLength: 2,
                }),
              ),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
      ),
      resources: maybe(fc.array(discoveryResource, { maxLength: 3 })),
    },
    { requiredKeys: [] },
  ),
);

/** How a document becomes bytes: as is, truncated, with garbage after it, or wrapped very deep. */
const encoding = fc.constantFrom('json', 'json', 'json', 'truncated', 'trailing', 'deep', 'deep-ok');
function encode(doc: unknown, how: string): string {
  const text = JSON.stringify(doc);
  switch (how) {
    case 'truncated':
      return text.slice(0, Math.floor(text.length / 2));
    case 'trailing':
      return `${text}}]garbage`;
    case 'deep':
      // a document nested far deeper than any object (the depth bound refuses it)
      return text.replace(/^\{/, `{"deep":${'['.repeat(20_000)}${']'.repeat(20_000)},`);
    case 'deep-ok':
      return text.replace(/^\{/, `{"deep":${'['.repeat(100)}${']'.repeat(100)},`);
    default:
      return text;
  }
}

// --- the cases ----------------------------------------------------------------------------------

describe('reliability: response fuzzer (generated hostile answers through transport, API and printers)', function () {
  this.timeout(300_000);
  let fleet: Fleet;
  let ok: ClusterConnection;
  let bad: ClusterConnection;
  let baseline: string;
  let answer: (req: IncomingMessage, res: ServerResponse) => boolean = () => false;
  let cases = 0;

  before(async () => {
    fleet = await startFleet({ clusters: [OK, BAD], podsPerCluster: 3 });
    fleet.setFault(BAD, { respond: (req, res) => answer(req, res) });
    const loaded = loadKubeconfig({ kubeconfig: fleet.kubeconfigPath });
    ok = await createConnection(loaded, OK);
    bad = await createConnection(loaded, BAD);
    baseline = await healthyOutput();
  });
  after(async () => {
    ok?.close();
    bad?.close();
    await fleet?.stop();
    console.log(`      ${cases} generated responses`);
  });

  async function healthyOutput(): Promise<string> {
    const t = await new ClusterApi(ok).listTable(PODS, { allNamespaces: true });
    const l = await new ClusterApi(ok).list(PODS, { allNamespaces: true });
    return (
      formatPreparedTables([prepareTable(OK, t)]) + formatJson(toList([{ context: OK, items: l.items }]))
    );
  }

  function serve(status: number, body: string, match: (req: IncomingMessage) => boolean): void {
    answer = (req, res) => {
      if (!match(req)) return false;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body);
      return true;
    };
  }

  /** An error is a ClusterError with one readable line; output has no raw control byte. */
  function checkError(e: unknown): void {
    assert.ok(e instanceof ClusterError, `not a ClusterError: ${String((e as Error)?.stack ?? e)}`);
    assert.equal(e.context, BAD);
    assert.doesNotMatch(e.message, /\n/);
    assert.doesNotMatch(e.message, INTERNALS, e.message);
  }
  function checkPrinted(text: string): void {
    assert.doesNotMatch(text, RAW_CONTROL, JSON.stringify(text.slice(0, 300)));
  }
  function printTable(t: Table): void {
    checkPrinted(
      formatPreparedTables([prepareTable(BAD, t), prepareTable(BAD, t, { wide: true })], {
        namespaceColumn: true,
        showLabels: true,
      }),
    );
  }

  async function withHealthy(i: number, run: () => Promise<void>): Promise<void> {
    cases++;
    // every 8th case, the healthy cluster is asked beside the hostile one and must print the same
    const healthy = i % 8 === 0 ? healthyOutput() : undefined;
    await run();
    if (healthy) assert.equal(await healthy, baseline);
  }

  const isList = (req: IncomingMessage) =>
    /\/pods(\?|$)/.test(req.url ?? '') && !/watch=true/.test(req.url ?? '');
  let n = 0;

  it(`Tables (${RUNS} cases): rows printed or InvalidResponse`, async () => {
    await fc.assert(
      fc.asyncProperty(table, encoding, async (doc, how) => {
        serve(200, encode(doc, how), isList);
        await withHealthy(n++, async () => {
          try {
            printTable(await new ClusterApi(bad).listTable(PODS, { allNamespaces: true }));
          } catch (e) {
            checkError(e);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it(`lists (${RUNS} cases): -o json / -o yaml printed or InvalidResponse`, async () => {
    await fc.assert(
      fc.asyncProperty(list, encoding, async (doc, how) => {
        serve(200, encode(doc, how), isList);
        await withHealthy(n++, async () => {
          try {
            const l = await new ClusterApi(bad).list(PODS, { allNamespaces: true });
            const doc2 = toList([{ context: BAD, items: l.items }]);
            const json = formatJson(doc2);
            checkPrinted(json);
            checkPrinted(formatYaml(doc2));
            assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(formatJsonRoundTrip(doc2))));
          } catch (e) {
            if (e instanceof assert.AssertionError) throw e;
            checkError(e);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it(`Status objects (${RUNS} cases): the error is typed, one line, readable`, async () => {
    const code = fc.constantFrom(400, 401, 403, 404, 405, 409, 422);
    await fc.assert(
      fc.asyncProperty(status, code, encoding, async (doc, st, how) => {
        serve(st, encode(doc, how), isList);
        await withHealthy(n++, async () => {
          await assert.rejects(
            new ClusterApi(bad).listTable(PODS, { allNamespaces: true }),
            (e) => (checkError(e), true),
          );
        });
      }),
      { numRuns: RUNS },
    );
  });

  it(`/version documents (${RUNS} cases): strings or InvalidResponse`, async () => {
    await fc.assert(
      fc.asyncProperty(version, encoding, async (doc, how) => {
        serve(200, encode(doc, how), (req) => (req.url ?? '').startsWith('/version'));
        await withHealthy(n++, async () => {
          try {
            const v = await new ClusterApi(bad).version();
            for (const f of [v.gitVersion, v.major, v.minor, v.platform ?? ''])
              assert.equal(typeof f, 'string');
          } catch (e) {
            if (e instanceof assert.AssertionError) throw e;
            checkError(e);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it(`discovery documents (${RUNS} cases): typed resources or InvalidResponse`, async () => {
    await fc.assert(
      fc.asyncProperty(discovery, encoding, async (doc, how) => {
        serve(200, encode(doc, how), (req) => /^\/apis?(\/|\?|$)/.test(req.url ?? ''));
        await withHealthy(n++, async () => {
          ClusterApi.clearDiscoveryCache();
          try {
            for (const r of await new ClusterApi(bad).discover()) {
              for (const f of [r.group, r.version, r.resource, r.kind, r.singular])
                assert.equal(typeof f, 'string');
              for (const l of [r.shortNames, r.verbs, r.categories])
                assert.ok(l.every((x) => typeof x === 'string'));
            }
          } catch (e) {
            if (e instanceof assert.AssertionError) throw e;
            checkError(e);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it(`watch streams (${RUNS} cases): events, a reconnect or a typed error; never a crash`, async () => {
    const END = JSON.stringify({
      type: 'ADDED',
      object: { metadata: { name: '__end__', resourceVersion: '9' } },
    });
    const line = fc
      .tuple(watchEvent, fc.constantFrom('json', 'json', 'truncated', 'deep'))
      .map(([ev, how]) => encode(ev, how));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 6 }), fc.boolean(), async (lines, table) => {
        answer = (req, res) => {
          if (!/watch=true/.test(req.url ?? '')) return false;
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end([...lines, END].join('\n') + '\n');
          return true;
        };
        await withHealthy(n++, async () => {
          const ac = new AbortController();
          try {
            for await (const ev of new ClusterApi(bad).watch(PODS, {
              resourceVersion: '1',
              table,
              signal: ac.signal,
              backoffMs: 1,
            })) {
              if (ev.type === 'RECONNECTING') {
                checkError(ev.error);
                break;
              }
              // a relist (after an ERROR 410) is a valid outcome: the same stream would only repeat it
              if (ev.type === 'RELIST') break;
              if (table) printTable(ev.object as unknown as Table);
              else checkPrinted(formatJson(ev.object));
              const o = ev.object as { metadata?: { name?: unknown }; rows?: Table['rows'] };
              const name = table ? o.rows?.[0]?.object?.metadata?.name : o.metadata?.name;
              if (name === '__end__') break;
            }
          } catch (e) {
            if (e instanceof assert.AssertionError) throw e;
            checkError(e);
          } finally {
            ac.abort();
          }
        });
      }),
      { numRuns: RUNS },
    );
  });
});

/** What -o json must print: the same data (JSON.parse of the printed text equals the document). */
function formatJsonRoundTrip(doc: unknown): unknown {
  return JSON.parse(JSON.stringify(doc));
}
