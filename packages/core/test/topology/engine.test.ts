import assert from 'node:assert/strict';
import {
  buildModel,
  classifyDocument,
  lintDocuments,
  parseFile,
  parseLintConfig,
  rules,
} from '../../src/topology/index.js';
import type { Diagnostic, Rule } from '../../src/topology/index.js';
import { UsageError } from '../../src/errors.js';
import { assertWellFormed, show } from './helpers.js';

const at = (d: Diagnostic | undefined) =>
  d && `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}`;
const only = (ds: Diagnostic[], rule: string) => ds.filter((d) => d.rule === rule);

const TOPO = `# a comment
topology:
  clusters:
    - name: us-east-prod
      region: us-east-1
      regoin: x
    - name: us-east-prod
`;

describe('topology engine', () => {
  describe('positions', () => {
    it('reports a value at its exact 1-based range', () => {
      const ds = only(lintDocuments([{ path: 't.yaml', text: TOPO }]), 'duplicate-cluster');
      assert.equal(ds.length, 1, show(ds));
      // line 7 `    - name: us-east-prod`: the value starts at column 13 and ends after 12 characters.
      assert.equal(at(ds[0]), '7:13-7:25');
      assert.equal(ds[0]!.related?.[0]?.range.start.line, 4);
    });

    it('reports a key at its exact range', () => {
      const ds = only(lintDocuments([{ path: 't.yaml', text: TOPO }]), 'schema');
      assert.equal(ds.length, 1, show(ds));
      assert.equal(ds[0]!.severity, 'warning');
      assert.equal(at(ds[0]), '6:7-6:13');
      assert.match(ds[0]!.message, /did you mean "region"/);
      assert.equal(ds[0]!.fix?.edits[0]?.newText, 'region');
    });

    it('counts lines across documents of one file', () => {
      const text = `pipeline:\n  stages: []\n---\ntopology:\n  clusters:\n    - name: a\n---\ntopology:\n  clusters:\n    - name: a\n`;
      const ds = only(lintDocuments([{ path: 'm.yaml', text }]), 'duplicate-cluster');
      assert.equal(at(ds[0]), '10:13-10:14');
    });

    it('points at lines inside a Corefile block scalar', () => {
      const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: coredns-custom
data:
  x.server: |
    global.example.com:53 {
        forward . 10.0.0.10 # registry
        cache 30
    }
`;
      const file = parseFile({ path: 'c.yaml', text });
      const model = buildModel(file.docs);
      const block = model.coredns[0]!.files[0]!.blocks[0]!;
      assert.deepEqual(block.zones, ['global.example.com:53']);
      const [fwd, cache] = block.directives;
      assert.equal(fwd!.name, 'forward');
      assert.deepEqual(fwd!.args, ['.', '10.0.0.10']);
      assert.deepEqual(fwd!.range.start, { line: 8, column: 9 });
      assert.deepEqual(fwd!.argRanges[1], { start: { line: 8, column: 19 }, end: { line: 8, column: 28 } });
      assert.deepEqual(cache!.argRanges[0]!.start, { line: 9, column: 15 });
    });

    it('keeps the same positions with CRLF line ends, in YAML and in a Corefile literal', () => {
      const ds = only(
        lintDocuments([
          { path: 'w.yaml', text: 'topology:\r\n  clusters:\r\n    - name: a\r\n    - name: a\r\n' },
        ]),
        'duplicate-cluster',
      );
      assert.equal(at(ds[0]), '4:13-4:14');
      const c = 'kind: ConfigMap\r\ndata:\r\n  a.server: |\r\n    . {\r\n        cache 30\r\n    }\r\n';
      const d = buildModel(parseFile({ path: 'c.yaml', text: c }).docs).coredns[0]!.files[0]!.blocks[0]!
        .directives[0]!;
      assert.deepEqual(d.argRanges[0], { start: { line: 5, column: 15 }, end: { line: 5, column: 17 } });
    });

    it('falls back to the scalar range for a Corefile in a quoted string', () => {
      const q = 'kind: ConfigMap\ndata:\n  a.server: ". {\\n  cache 30\\n}\\n"\n';
      const d = buildModel(parseFile({ path: 'c.yaml', text: q }).docs).coredns[0]!.files[0]!.blocks[0]!
        .directives[0]!;
      assert.equal(d.name, 'cache');
      assert.deepEqual(d.args, ['30']);
      assert.deepEqual(d.range.start, { line: 3, column: 13 });
    });

    it('sorts diagnostics by file, line and column', () => {
      const ds = lintDocuments([
        { path: 'b.yaml', text: 'a: [' },
        { path: 'a.yaml', text: TOPO },
      ]);
      const keys = ds.map((d) => [d.file, d.range.start.line, d.range.start.column] as const);
      const sorted = [...keys].sort((x, y) =>
        x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2],
      );
      assert.deepEqual(keys, sorted);
      assert.equal(ds.at(-1)!.file, 'b.yaml');
    });
  });

  describe('classification and model', () => {
    it('classifies documents by shape', () => {
      assert.equal(classifyDocument({ topology: { clusters: [] } }), 'topology');
      assert.equal(classifyDocument({ pipeline: { stages: [] } }), 'pipeline');
      assert.equal(classifyDocument({ networking: {} }), 'networking');
      assert.equal(classifyDocument({ scrape_configs: [] }), 'prometheus');
      assert.equal(
        classifyDocument({ apiVersion: 'types.kubefed.io/v1beta1', kind: 'FederatedDeployment' }),
        'kubefed',
      );
      assert.equal(
        classifyDocument({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator' }),
        'istio-operator',
      );
      assert.equal(
        classifyDocument({ apiVersion: 'networking.istio.io/v1beta1', kind: 'Gateway' }),
        'istio-gateway',
      );
      assert.equal(classifyDocument({ kind: 'ConfigMap', data: { 'a.server': '' } }), 'coredns');
      assert.equal(classifyDocument({ kind: 'ConfigMap', data: { other: '' } }), undefined);
      assert.equal(classifyDocument({ apiVersion: 'apps/v1', kind: 'Deployment' }), undefined);
      assert.equal(classifyDocument('text'), undefined);
    });

    it('resolves cluster references across files and reads cluster fields', () => {
      const model = buildModel([
        ...parseFile({
          path: 't.yaml',
          text: 'topology:\n  clusters:\n    - name: a\n      environment: production\n      context: ctx-a\n',
        }).docs,
        ...parseFile({
          path: 'p.yaml',
          text: 'pipeline:\n  stages:\n    - name: s\n      clusters: [a, b]\n',
        }).docs,
      ]);
      assert.equal(model.hasTopology, true);
      const a = model.clustersByName.get('a')![0]!;
      assert.equal(a.production, true);
      assert.equal(a.context, 'ctx-a');
      assert.deepEqual(
        model.clusterRefs.map((r) => [r.name, r.via, r.src.file]),
        [
          ['a', 'pipeline', 'p.yaml'],
          ['b', 'pipeline', 'p.yaml'],
        ],
      );
      assert.deepEqual(
        model.pipelines[0]!.stages[0]!.clusters.map((c) => c.name),
        ['a', 'b'],
      );
    });

    it('resolves cluster references only when a topology is among the inputs', () => {
      const pipeline = {
        path: 'p.yaml',
        text: 'pipeline:\n  stages:\n    - name: s\n      cluster: elsewhere\n',
      };
      assert.deepEqual(only(lintDocuments([pipeline]), 'unknown-cluster'), []);
      const topo = { path: 't.yaml', text: 'topology:\n  clusters:\n    - name: elsewhere-prod\n' };
      const ds = only(lintDocuments([pipeline, topo]), 'unknown-cluster');
      assert.equal(ds.length, 1);
      assert.equal(ds[0]!.file, 'p.yaml');
      assert.equal(at(ds[0]), '4:16-4:25');
    });

    it('offers a quick fix replacing an unknown cluster with the closest declared one', () => {
      const ds = lintDocuments([
        { path: 't.yaml', text: 'topology:\n  clusters:\n    - name: us-east-prod\n' },
        { path: 'p.yaml', text: 'pipeline:\n  stages:\n    - name: s\n      clusters: ["us-east-prd"]\n' },
      ]);
      const d = only(ds, 'unknown-cluster')[0];
      assert.match(d!.message, /did you mean "us-east-prod"/);
      assert.deepEqual(d!.fix?.edits, [
        {
          file: 'p.yaml',
          range: { start: { line: 4, column: 18 }, end: { line: 4, column: 31 } },
          newText: '"us-east-prod"',
        },
      ]);
    });

    it('skips other Kubernetes manifests silently', () => {
      const ds = lintDocuments([
        { path: 'd.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x, name: y}\n' },
      ]);
      assert.deepEqual(ds, []);
    });
  });

  describe('configuration', () => {
    it('turns a rule off and changes severities from .kubectl-mc.yaml', () => {
      const config = parseLintConfig(
        'rules:\n  duplicate-cluster: off\n  schema: error\n',
        '.kubectl-mc.yaml',
      );
      const ds = lintDocuments([{ path: 't.yaml', text: TOPO }], { config });
      assert.equal(only(ds, 'duplicate-cluster').length, 0);
      assert.equal(only(ds, 'schema')[0]?.severity, 'error');
      const info = lintDocuments([{ path: 't.yaml', text: TOPO }], {
        config: parseLintConfig('rules: { duplicate-cluster: info }', 'c'),
      });
      assert.equal(only(info, 'duplicate-cluster')[0]?.severity, 'info');
    });

    it("leaves the mutating verbs' keys (protected, topology) to them", () => {
      const config = parseLintConfig(
        'rules:\n  schema: error\nprotected:\n  - "*-prod"\ntopology: t.yaml\n',
        '.kubectl-mc.yaml',
      );
      assert.deepEqual(config.rules, { schema: 'error' });
    });

    it('rejects unknown rules and severities with file:line and a suggestion', () => {
      assert.throws(
        () => parseLintConfig('rules:\n  duplicate-clustr: off\n', '.kubectl-mc.yaml'),
        (e: unknown) => {
          assert.ok(e instanceof UsageError);
          assert.match(
            e.message,
            /^\.kubectl-mc\.yaml:2:3: unknown rule "duplicate-clustr".*did you mean "duplicate-cluster"/,
          );
          return true;
        },
      );
      assert.throws(
        () => parseLintConfig('rules:\n  schema: loud\n', 'c.yaml'),
        /c\.yaml:2:11: rule "schema" must be one of/,
      );
      assert.throws(() => parseLintConfig('rules: [', 'c.yaml'), UsageError);
      assert.deepEqual(parseLintConfig('', 'c.yaml').rules, {});
    });
  });

  describe('disable comments', () => {
    it('disables the named rule on the next line only', () => {
      const text = `topology:
  clusters:
    - name: a
    # kubectl-mc-disable-next-line duplicate-cluster
    - name: a
    - name: a
`;
      const ds = only(lintDocuments([{ path: 't.yaml', text }]), 'duplicate-cluster');
      assert.deepEqual(
        ds.map((d) => d.range.start.line),
        [6],
      );
    });

    it('takes a comma-separated list, and a bare comment disables every rule', () => {
      const text = `topology:
  clusters:
    - name: a
      # kubectl-mc-disable-next-line schema, duplicate-key
      regoin: x
      # kubectl-mc-disable-next-line
      region: y
      region: z
`;
      const ds = lintDocuments([{ path: 't.yaml', text }]);
      assert.deepEqual(
        ds.map((d) => `${d.rule}@${d.range.start.line}`),
        ['duplicate-key@8'],
        show(ds),
      );
    });
  });

  describe('robustness', () => {
    it('turns a throwing rule into a rule-error diagnostic', () => {
      const boom: Rule = {
        id: 'boom',
        severity: 'warning',
        description: 'throws',
        docs: 'docs/rules/boom.md',
        check() {
          throw new TypeError('cannot read x');
        },
      };
      const ds = lintDocuments([{ path: 't.yaml', text: TOPO }], { rules: [boom, ...rules] });
      const re = only(ds, 'rule-error');
      assert.equal(re.length, 1);
      assert.match(re[0]!.message, /boom.*cannot read x/);
      assert.ok(only(ds, 'duplicate-cluster').length === 1, 'other rules still run');
    });

    const cases: [string, string | Uint8Array, RegExp][] = [
      [
        'an alias bomb',
        'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
        /alias/,
      ],
      ['binary garbage', new Uint8Array([0x00, 0x01, 0x02, 0x41, 0x0a, 0x00]), /control character|UTF-8/],
      ['invalid UTF-8', new Uint8Array([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]), /not valid UTF-8.*offset 3/],
      ['tabs as indentation', 'topology:\n\tclusters: []\n', /[Tt]ab/],
      ['10,000-deep flow nesting', '['.repeat(10000) + ']'.repeat(10000), /nest|deep/],
      ['10,000-deep compact sequences', '- '.repeat(10000) + 'x', /nested deeper/],
      [
        '1,000-deep block mappings',
        Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n'),
        /nested deeper/,
      ],
    ];
    for (const [name, text, re] of cases) {
      it(`reports ${name} as yaml-syntax instead of throwing`, () => {
        const ds = lintDocuments([{ path: 'x.yaml', text }]);
        ds.forEach(assertWellFormed);
        const ys = only(ds, 'yaml-syntax');
        assert.ok(ys.length >= 1 && ys.length <= 20, show(ds));
        assert.ok(
          ys.some((d) => re.test(d.message)),
          show(ys),
        );
      });
    }

    it('does not parse a 10 MB file (over the 4 MiB limit)', () => {
      const big = 'a: ' + 'x'.repeat(10_000_000);
      const ds = lintDocuments([{ path: 'big.yaml', text: big }]);
      assert.equal(ds.length, 1);
      assert.match(ds[0]!.message, /too large/);
    });

    it('keeps going after a broken document in a multi-document file', () => {
      const text = 'topology: [\n---\ntopology:\n  clusters:\n    - name: a\n    - name: a\n';
      const ds = lintDocuments([{ path: 'm.yaml', text }]);
      assert.ok(only(ds, 'yaml-syntax').length >= 1);
      assert.equal(only(ds, 'duplicate-cluster').length, 1, show(ds));
    });
  });
});
