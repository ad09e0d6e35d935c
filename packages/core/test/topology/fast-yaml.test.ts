/**
 * The fast reader (src/topology/fast-yaml.ts) against `yaml` itself: whenever it reads a text, its
 * documents must be `yaml`'s, node by node (class, range, scalar type, source, value, format, flow), with
 * the same line starts; when it cannot, it must say so (undefined) rather than guess. Checked on every
 * file of the real-world corpus, on the seeds and examples, and on generated block YAML that puts
 * comments and blank lines at every indentation, empty values, quoted and flow scalars, several
 * documents; and when it leaves only some documents of a file to `yaml`, those must be `yaml`'s own, at
 * the same offsets, with the same findings as when the whole file goes to `yaml`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LineCounter, isAlias, isPair, isScalar, parseAllDocuments } from 'yaml';
import { fastParseAll } from '../../src/topology/fast-yaml.js';
import { lintDocuments } from '../../src/topology/index.js';
import { here } from './helpers.js';

const OPTIONS = {
  uniqueKeys: false,
  prettyErrors: false,
  merge: true,
  logLevel: 'error',
  keepSourceTokens: false,
} as const;

type AnyNode = {
  constructor: unknown;
  range?: unknown;
  items?: unknown[];
  key?: unknown;
  value?: unknown;
  [k: string]: unknown;
};

function sameNode(a: unknown, b: unknown, where: string): void {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return;
  const x = a as AnyNode;
  const y = b as AnyNode;
  assert.ok(x && y, `${where}: one side is missing`);
  assert.ok(x instanceof (y.constructor as new () => unknown), `${where}: class`);
  assert.deepEqual(x.range, y.range, `${where}: range`);
  for (const k of ['type', 'source', 'format', 'flow', 'tag', 'anchor'])
    assert.equal(x[k], y[k], `${where}: ${k}`);
  if (isScalar(a)) {
    // (`yaml` makes a new symbol for each merge key `<<`.)
    const same =
      typeof x.value === 'symbol' ? String(x.value) === String(y.value) : Object.is(x.value, y.value);
    return assert.ok(same, `${where}: value ${String(x.value)}`);
  }
  if (isAlias(a)) return assert.equal(x.source, y.source, `${where}: alias`);
  if (isPair(a)) {
    sameNode(x.key, y.key, `${where}.key`);
    return sameNode(x.value, y.value, `${where}.value`);
  }
  assert.equal(x.items!.length, y.items!.length, `${where}: items`);
  x.items!.forEach((item, i) => sameNode(item, y.items![i], `${where}[${i}]`));
}

/**
 * 'fast' when the fast reader read `text` exactly as `yaml` does, 'mixed' when it left some documents to
 * `yaml` (which must then be `yaml`'s own, comments and ranges in the file included), 'yaml' when it left
 * it all to `yaml`.
 */
function compare(text: string): 'fast' | 'mixed' | 'yaml' {
  const fast = fastParseAll(text, OPTIONS);
  if (!fast) return 'yaml';
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...OPTIONS, lineCounter });
  const ref = Array.isArray(docs) ? docs : [docs];
  assert.equal(fast.docs.length, ref.length, 'document count');
  assert.deepEqual(fast.lineCounter.lineStarts, lineCounter.lineStarts, 'line starts');
  ref.forEach((doc, i) => {
    assert.deepEqual([...doc.errors, ...doc.warnings], [], `yaml reports a problem the fast reader missed`);
    assert.deepEqual(fast.docs[i]!.range, doc.range, `document ${i}: range in ${JSON.stringify(text)}`);
    sameNode(fast.docs[i]!.contents, doc.contents, `document ${i}`);
    if (fast.viaYaml.has(i)) {
      assert.equal(fast.docs[i]!.comment, doc.comment, `document ${i}: comment`);
      assert.equal(fast.docs[i]!.commentBefore, doc.commentBefore, `document ${i}: commentBefore`);
      assert.equal(fast.docs[i]!.toString(), doc.toString(), `document ${i}: as text`);
    } else {
      assert.deepEqual(fast.docs[i]!.toJS(), doc.toJS());
      assert.deepEqual(fast.values[i], doc.toJS(), `document ${i}: the value built while reading`);
    }
  });
  return fast.viaYaml.size === 0 ? 'fast' : fast.viaYaml.size < ref.length ? 'mixed' : 'yaml';
}

/** `text` with a last comment (which changes no finding) that sends the whole file to `yaml`. */
function wholeFileToYaml(text: string): string {
  return `${text}# \u2028\n`;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// ---- generated block YAML ----

const words = [
  'a',
  '__proto__',
  'toString',
  '80',
  '~',
  'true',
  'name',
  'port',
  'x-y',
  'hosts',
  'tls',
  'job_name',
  'match[]',
  'k8s.io/app',
  'b c',
];
const plainScalars = [
  'v',
  'HTTPS',
  '80',
  '-1',
  '0x1F',
  '0o17',
  '1e3',
  '.5',
  '.inf',
  '-.Inf',
  '.nan',
  'true',
  'False',
  'null',
  '~',
  'Null',
  '1_000',
  '08',
  'a:b',
  'http://x:80/a#b',
  'c.foo',
  '*.bookinfo.com'.slice(1),
  '{job}x',
  'é',
  '2024-01-01',
  '+12',
  '- x'.slice(2),
  '1.0',
  'yes',
  'on',
];
const quotedScalars = ["'x'", "'it''s'", "''", '"q"', '""', '\'{job="prometheus"}\'', "'#'", '"a: b"'];

type Tree =
  { kind: 'map'; pairs: [string, Tree][] } | { kind: 'seq'; items: Tree[] } | { kind: 'leaf'; text: string };

const leaf = fc
  .oneof(
    fc.constantFrom(...plainScalars),
    fc.constantFrom(...quotedScalars),
    fc.constantFrom('[]', '[ ]', '[a, b]', "['prom-1:9090', 'x']", '[ x , y ]', '[1,2]', '["q", p]'),
    fc.constant(''),
  )
  .map((text): Tree => ({ kind: 'leaf', text }));

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...words), fc.constantFrom("'q k'", '"d"')), tie('node')), {
        minLength: 1,
        maxLength: 4,
      })
      .map((pairs): Tree => ({ kind: 'map', pairs })),
    fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((items): Tree => ({ kind: 'seq', items })),
  ),
})).node;

function render(
  t: Tree,
  indent: number,
  seqInMapSameIndent: boolean,
  extra: number[][],
  compact = false,
): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const withNoise = (line: string) => {
    const n = extra.length > 0 ? extra.shift()! : [];
    lines.push(line + (n.includes(-1) ? ' # c' : ''));
    for (const c of n) if (c >= 0) lines.push(c === 0 ? '' : `${' '.repeat(c - 1)}# n${c}`);
  };
  if (t.kind === 'map' || t.kind === 'seq') {
    const entries: [string, Tree][] = t.kind === 'map' ? t.pairs : t.items.map((i) => ['- ', i]);
    for (const [k, v] of entries) {
      const head = t.kind === 'map' ? `${pad}${k}:` : `${pad}-`;
      if (v.kind === 'leaf') withNoise(v.text === '' ? head : `${head} ${v.text}`);
      else if (compact && t.kind === 'seq' && v.kind === 'map') {
        // `- key: value` with the map's other keys below, at the column of the first.
        const inner = render(v, indent + 2, seqInMapSameIndent, extra, compact);
        lines.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
      } else {
        withNoise(head);
        const step = v.kind === 'seq' && t.kind === 'map' && seqInMapSameIndent ? 0 : 2;
        lines.push(...render(v, indent + step, seqInMapSameIndent, extra, compact));
      }
    }
  }
  return lines;
}

describe('fast YAML reader = yaml, node by node', function () {
  this.timeout(120_000);

  it('on every corpus, seed and example file (reading most of them itself)', () => {
    const dirs = [join(here, 'realworld'), join(here, 'seed'), join(here, '../../../../examples')];
    const counts = { fast: 0, mixed: 0, yaml: 0 };
    for (const f of dirs.flatMap(walk)) {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(f));
      } catch {
        continue;
      }
      if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1);
      try {
        counts[compare(text)]++;
      } catch (e) {
        assert.fail(`${f}: ${(e as Error).message}`);
      }
    }
    assert.ok(counts.fast > counts.yaml, JSON.stringify(counts));
  });

  it('on generated block YAML with comments, blank lines and documents (3,000 cases)', () => {
    const counts = { fast: 0, mixed: 0, yaml: 0 };
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            tree,
            fc.boolean(),
            fc.boolean(),
            fc.array(fc.array(fc.oneof(fc.constant(-1), fc.nat(9)), { maxLength: 3 })),
          ),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        fc.boolean(),
        fc.boolean(),
        (docs, leadingMarker, trailingMarker) => {
          const texts = docs.map(([t, same, compact, extra]) =>
            render(t.kind === 'leaf' ? { kind: 'map', pairs: [['k', t]] } : t, 0, same, extra, compact).join(
              '\n',
            ),
          );
          const text =
            (leadingMarker ? '---\n' : '') + texts.join('\n---\n') + (trailingMarker ? '\n---\n' : '\n');
          counts[compare(text)]++;
        },
      ),
      { numRuns: 3000 },
    );
    // Empty values with comments after them, `-` with nothing after it and the like go to `yaml`; a
    // good share must still be read here, or this test would prove nothing.
    assert.ok(counts.fast > 600, JSON.stringify(counts));
    // Files with a document it does not read (most of the rest): only that document goes to `yaml`.
    assert.ok(counts.mixed > 600, JSON.stringify(counts));
  });

  it('gives the same findings as yaml on the large shapes of bench/lint-large.js, with defects', () => {
    const viaYaml = wholeFileToYaml;
    const gateway = readFileSync(
      join(here, 'realworld/corpus/istio/gateway/tests_testdata_config_gateway-all.yaml'),
      'utf8',
    ).replace(/\n+$/, '');
    const gateways = Array.from({ length: 60 }, (_, i) => {
      let d = gateway;
      if (i % 3 === 0) d = d.replace('      serverCertificate: /etc/certs/servercert.pem\n', '');
      if (i % 5 === 0) d = d.replace('mode: SIMPLE', 'mode: MUTUAL');
      return `${d}\n---\n`;
    }).join('');
    const jobs = Array.from({ length: 600 }, (_, i) =>
      [
        `  - job_name: 'federate-${i % 500}'`,
        ...(i % 7 ? ['    honor_labels: true'] : []),
        "    metrics_path: '/federate'",
        ...(i % 11 ? ['    params:', "      'match[]':", `        - '{job="prometheus"}'`] : []),
        '    static_configs:',
        `      - targets: ['prom-${i}:9090', 'prom-b${i}:9090']`,
        ...(i % 13 ? ['        labels:', `          cluster: c${i % 50}`] : []),
      ].join('\n'),
    );
    const federation = `scrape_configs:\n${jobs.join('\n')}\n`;
    for (const text of [gateways, federation]) {
      assert.ok(fastParseAll(text, OPTIONS), 'the fast reader reads it');
      assert.equal(fastParseAll(viaYaml(text), OPTIONS), undefined);
      const fast = lintDocuments([{ path: 'big.yaml', text }]);
      assert.ok(fast.length >= 20, `findings: ${fast.length}`);
      assert.deepEqual(fast, lintDocuments([{ path: 'big.yaml', text: viaYaml(text) }]));
    }
  });

  it('leaves to yaml only the documents it does not read, with the same findings and ranges', () => {
    const gateway = readFileSync(
      join(here, 'realworld/corpus/istio/gateway/tests_testdata_config_gateway-all.yaml'),
      'utf8',
    ).replace(/\n+$/, '');
    const defect = (d: string) => d.replace('      serverCertificate: /etc/certs/servercert.pem\n', '');
    // Valid gateways the fast reader does not read, some with a defect the rules find.
    const others = [
      defect(gateway).replace('  selector:\n', '  selector: &sel\n'),
      gateway.replace('    app: my-gateway-controller', '    app: !!str my-gateway-controller'),
      defect(gateway).replace('  selector:\n    app: my-gateway-controller', '  selector: {app: x}'),
      gateway.replace('metadata:\n', 'metadata:\n  annotations:\n    note: |\n      two\n      lines\n'),
      defect(gateway).replace('      number: 80\n', '      number:\t80\n'),
      `defaults: &d\n  a: 1\nmerged:\n  <<: *d\n  b: 2\n`,
      `# before\n${defect(gateway).replace('kind: Gateway', 'kind: "Gate\\u0077ay"')}`,
    ];
    const docs = Array.from({ length: 40 }, (_, i) =>
      i % 5 === 4 ? others[((i / 5) | 0) % others.length]! : i % 3 === 0 ? defect(gateway) : gateway,
    );
    for (const [lead, between] of [
      ['', '\n---\n'],
      ['---\n', '\n# after\n\n---\n'],
      [`${others[0]}\n--- !!map\n`, '\n---\n'],
    ] as const) {
      const text = `${lead}${docs.join(between)}\n`;
      assert.equal(compare(text), 'mixed');
      const fast = fastParseAll(text, OPTIONS)!;
      assert.ok(fast.viaYaml.size >= others.length, `read by yaml: ${[...fast.viaYaml].join(' ')}`);
      const findings = lintDocuments([{ path: 'mixed.yaml', text }]);
      assert.ok(findings.length >= 15, `findings: ${findings.length}`);
      assert.deepEqual(findings, lintDocuments([{ path: 'mixed.yaml', text: wholeFileToYaml(text) }]));
    }
  });

  it('leaves to yaml what it does not read', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  x\n',
      'a: {b: 1}\n',
      'a: "x\\ty"\n',
      'a: b\n  c\n',
      'a:\tb\n',
      'a: b\r\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n...\n',
      '<<: {a: 1}\n',
      '- - a\n',
      'a: b: c\n',
      'a: [b\n',
      'just a scalar\n',
      '-: 1\n',
      'a: b\u2028c\n',
      'a: \ufeffb\n',
      ' a: 1\nb: 2\n',
    ]) {
      const fast = fastParseAll(text, OPTIONS);
      assert.ok(!fast || fast.viaYaml.size === fast.docs.length, JSON.stringify(text));
      if (fast) compare(text);
    }
  });
});
