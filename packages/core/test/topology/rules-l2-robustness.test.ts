import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, visit } from 'yaml';
import type { Document, Pair } from 'yaml';
import { lintDocuments, rules } from '../../src/topology/index.js';
import { fixturesDir, show, yamlFiles } from './helpers.js';

const L2 = [
  'invalid-duration',
  'invalid-percentage',
  'duplicate-stage',
  'rollout-blast-radius',
  'stage-without-validation',
  'parallel-production',
  'uncovered-cluster',
  'override-path',
  'override-not-placed',
  'image-version-mismatch',
  'trust-domain-mismatch',
  'mesh-network-missing',
  'gateway-tls',
  'cidr-overlap',
  'peer-self',
  'unknown-vpc',
  'kubefed-api-group',
  'corefile-syntax',
  'service-entry',
  'dns-forward',
  'dns-cache-ttl',
  'federate-match',
  'federate-honor-labels',
  'federate-cluster-label',
  'unmonitored-cluster',
  'duplicate-job',
];

/** Replacement values of the wrong shape for any key. */
const ODD: unknown[] = [null, 42, [], { a: 1 }, true, '%', [1, [2]]];

function allDocs(text: string): Document[] {
  const r = parseAllDocuments(text);
  return Array.isArray(r) ? r : [];
}

/** Every variant of a file where one pair's value is replaced by an odd value (cycling through ODD). */
function variants(text: string): string[] {
  let count = 0;
  for (const d of allDocs(text)) visit(d, { Pair: () => void count++ });
  const out: string[] = [];
  for (let target = 0; target < count; target++) {
    const docs = allDocs(text);
    let i = 0;
    for (const d of docs) {
      visit(d, {
        Pair: (_k, pair: Pair) => {
          if (i++ === target) pair.value = d.createNode(ODD[target % ODD.length]);
        },
      });
    }
    try {
      out.push(docs.map((d) => d.toString()).join('---\n'));
    } catch {
      // The replaced value held an anchor (`&defaults`) that a merge key uses: no such file to write.
    }
  }
  return out;
}

describe('pipeline, KubeFed, Istio, networking, CoreDNS and Prometheus rules on odd shapes', () => {
  const mine = rules.filter((r) => L2.includes(r.id));

  it('are all registered', () => {
    assert.deepEqual(mine.map((r) => r.id).sort(), [...L2].sort());
  });

  it('never fail internally when any value of their fixtures has the wrong shape', function () {
    this.timeout(30_000); // ~900 lint runs
    let runs = 0;
    for (const id of L2) {
      for (const kind of ['good', 'bad']) {
        const dir = join(fixturesDir, id, kind);
        const files = yamlFiles(dir);
        assert.equal(files.length, readdirSync(dir).length);
        for (const f of files) {
          for (const text of variants(String(f.text))) {
            const others = files.filter((o) => o.path !== f.path);
            const errs = lintDocuments([...others, { path: f.path, text }], { rules: mine }).filter(
              (d) => d.rule === 'rule-error',
            );
            assert.deepEqual(errs, [], `${id}/${kind}/${f.path}:\n${text}\n${show(errs)}`);
            runs++;
          }
        }
      }
    }
    assert.ok(runs > 500, `only ${runs} variants`);
  });

  it('never fail internally on truncated fixtures', function () {
    this.timeout(30_000); // ~500 lint runs
    for (const id of L2) {
      for (const f of yamlFiles(join(fixturesDir, id, 'bad'))) {
        const text = String(f.text);
        for (let cut = 0; cut < text.length; cut += 7) {
          const errs = lintDocuments([{ path: f.path, text: text.slice(0, cut) }], { rules: mine }).filter(
            (d) => d.rule === 'rule-error',
          );
          assert.deepEqual(errs, [], `${id}/${f.path} cut at ${cut}\n${show(errs)}`);
        }
      }
    }
  });
});
