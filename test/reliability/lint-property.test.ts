/**
 * A property run over the linter pipeline the CLI runs (`lintDocuments` → JSON report / SARIF), on
 * generated *structured* topologies rather than random text (core's own fuzz test covers random
 * strings and bytes): clusters drawn from a small name pool so duplicates happen, valid and invalid
 * regions, hostnames and purposes, pipelines whose stages name known, misspelt or unknown clusters,
 * block or flow style, spread over one to three files.
 * 10,000 cases; each checks that linting never throws, every diagnostic points inside its file, the
 * result does not depend on file order, duplicate-cluster fires exactly when a name repeats, every
 * single-file quick fix keeps the YAML valid and removes its finding, and the
 * JSON and SARIF reports carry every diagnostic with a rule the SARIF run declares.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { lintDocuments, rules, toJsonReport, toSarif, type Diagnostic } from '@kubectl-mc/core';

const NAMES = ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging', 'dev', 'Bad_Name', 'a'.repeat(70)];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1', 'eu-central-1', 'mars-north-9', '', '42'];
const PURPOSES = ['production', 'staging', 'development', 'prod', 'weird', ''];
const HOSTS = [
  'lb.us.example.com',
  'lb..bad',
  '-x.example.com',
  'ok.example.org',
  'UPPER.example.com',
  'https://lb.eu.example.com/path',
  'lb.ap.example.com:443',
  'https://[::1]:8443',
];

const cluster = fc.record(
  {
    name: fc.constantFrom(...NAMES),
    region: fc.constantFrom(...REGIONS),
    purpose: fc.constantFrom(...PURPOSES),
    workloads: fc.array(fc.constantFrom('api', 'web', 'db', 'data-processing'), { maxLength: 3 }),
    ingress: fc.constantFrom(...HOSTS),
    nodes: fc.integer({ min: -1, max: 5 }),
  },
  { requiredKeys: ['name'] },
);

const stage = fc.record({
  name: fc.constantFrom('canary', 'primary', 'rest', 'canary'),
  cluster: fc.constantFrom(...NAMES, 'us-east-prd', 'eu-west', 'nowhere'),
  traffic: fc.constantFrom('5%', '100%', '150%', 'lots', '0.5%'),
  duration: fc.constantFrom('15m', '30m', '1h', 'forever', '-5m'),
});

const doc = fc.record({
  clusters: fc.array(cluster, { minLength: 0, maxLength: 4 }),
  stages: fc.array(stage, { maxLength: 2 }),
  flow: fc.boolean(),
  routing: fc.option(fc.constantFrom('geo-proximity', 'round-robin', 'nonsense'), { nil: undefined }),
});

const files = fc.array(fc.array(doc, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 });

type Stage = { name: string; cluster: string; traffic: string; duration: string };
type Doc = {
  clusters: Array<Record<string, unknown>>;
  stages: Stage[];
  flow: boolean;
  routing: string | undefined;
};

function render(docs: Doc[]): string {
  return docs
    .map((d) => {
      const topology: Record<string, unknown> = { clusters: d.clusters };
      if (d.routing)
        topology['traffic_routing'] = { strategy: d.routing, failover: 'nearest-healthy-region' };
      const text = stringify({ topology }, d.flow ? { collectionStyle: 'flow' } : {});
      if (d.stages.length === 0) return text;
      const stages = d.stages.map((st) => ({
        name: st.name,
        cluster: st.cluster,
        traffic: st.traffic,
        validation: { error_rate_threshold: '0.1%', duration: st.duration },
      }));
      return `${text}---\n${stringify({ pipeline: { stages } })}`;
    })
    .join('---\n');
}

/** 0-based offset of a 1-based line/column position. */
function offsetOf(text: string, pos: { line: number; column: number }): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < pos.line - 1; i++) o += (lines[i] ?? '').length + 1;
  return o + pos.column - 1;
}

/** Apply a fix's edits (all in one file) from the end backwards. */
function applyEdits(text: string, edits: NonNullable<Diagnostic['fix']>['edits']): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  for (const e of sorted)
    text = text.slice(0, offsetOf(text, e.range.start)) + e.newText + text.slice(offsetOf(text, e.range.end));
  return text;
}

const key = (d: Diagnostic) =>
  `${d.rule}|${d.file}|${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}|${d.message}`;

describe('reliability: linter pipeline properties on generated topologies', function () {
  this.timeout(300_000);
  const ruleIds = new Set([...rules.map((r) => r.id), 'yaml-syntax']);

  let caseNo = 0;
  let fixesChecked = 0;
  it('10,000 generated multi-file topologies: no throw, positions in range, order-free counts, duplicates found, fixes work, reports complete', () => {
    fc.assert(
      fc.property(files, (fileDocs) => {
        const inputs = fileDocs.map((docs, i) => ({ path: `f${i}.yaml`, text: render(docs as Doc[]) }));
        const ds = lintDocuments(inputs);
        const lines = new Map(inputs.map((f) => [f.path, f.text.split('\n').length]));
        for (const d of ds) {
          assert.notEqual(d.rule, 'rule-error', d.message);
          assert.ok(ruleIds.has(d.rule), `unknown rule ${d.rule}`);
          const n = lines.get(d.file);
          assert.ok(n !== undefined, `diagnostic for an unknown file ${d.file}`);
          assert.ok(d.range.start.line >= 1 && d.range.end.line <= n + 1, `${key(d)} outside ${n} lines`);
          assert.ok(
            d.range.start.line < d.range.end.line ||
              (d.range.start.line === d.range.end.line && d.range.start.column <= d.range.end.column),
            `inverted range ${key(d)}`,
          );
          for (const e of d.fix?.edits ?? []) assert.ok(e.range.start.line >= 1 && e.range.end.line <= n + 1);
        }
        // duplicate-cluster fires exactly when a name repeats across every document of every file
        const names = fileDocs.flat().flatMap((d) => d.clusters.map((c) => c.name));
        const repeated = names.length !== new Set(names).size;
        assert.equal(
          ds.some((d) => d.rule === 'duplicate-cluster'),
          repeated,
          `names ${names.join(',')}`,
        );
        // the reports the CLI prints carry every diagnostic
        const json = JSON.parse(JSON.stringify(toJsonReport(ds))) as { diagnostics: unknown[] };
        assert.equal(json.diagnostics.length, ds.length);
        const sarif = toSarif(ds, rules) as {
          runs: Array<{
            tool: { driver: { rules: Array<{ id: string }> } };
            results: Array<{ ruleId: string; ruleIndex?: number }>;
          }>;
        };
        const run = sarif.runs[0]!;
        assert.equal(run.results.length, ds.length);
        for (const r of run.results) {
          const declared = run.tool.driver.rules[r.ruleIndex ?? -1];
          assert.equal(declared?.id, r.ruleId);
        }
        // quick fixes (single-file ones): applied, the file still parses and the finding goes away
        // (the first fixable finding of each case: one extra lint)
        const d = ds.find((x) => x.fix && x.fix.edits.every((e) => e.file === x.file));
        if (d?.fix) {
          fixesChecked++;
          const target = inputs.find((f) => f.path === d.file)!;
          const fixedText = applyEdits(target.text, d.fix.edits);
          const after = lintDocuments(inputs.map((f) => (f === target ? { ...f, text: fixedText } : f)));
          const syntax = (list: Diagnostic[]) =>
            list.filter((x) => x.rule === 'yaml-syntax' && x.file === d.file).length;
          assert.ok(
            syntax(after) <= syntax(ds),
            `fix "${d.fix.title}" for ${key(d)} breaks the YAML:\n${fixedText}`,
          );
          const same = (list: Diagnostic[]) =>
            list.filter((x) => x.rule === d.rule && x.message === d.message).length;
          assert.ok(same(after) < same(ds), `fix "${d.fix.title}" does not remove ${key(d)}:\n${fixedText}`);
        }
        // file order does not change what is found (which occurrence counts as "the second" may change)
        // (checked on every fourth multi-file case: it costs a second lint)
        if (inputs.length < 2 || caseNo++ % 4 !== 0) return;
        const rev = lintDocuments([...inputs].reverse());
        const tally = (list: Diagnostic[]) => list.map((d) => `${d.rule}/${d.severity}`).sort();
        assert.deepEqual(tally(rev), tally(ds));
      }),
      { numRuns: 10_000 },
    );
    assert.ok(fixesChecked > 500, `quick fixes were exercised (${fixesChecked} cases)`);
  });
});
