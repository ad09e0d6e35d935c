/**
 * `kubectl mc lint` on hostile files: an alias bomb (billion laughs), a 10 MB file, binary garbage,
 * 10,000-deep nesting (flow and block), invalid UTF-8 — each ends in bounded time and memory with
 * diagnostics (text and JSON), exit 0 or 1, and no stack trace.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, assertNoStack, cliEnv, runCli } from './helpers.js';

const RSS_BOUND_MIB = 700;

function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  lines.push('topology:\n  clusters:\n    - name: bomb\n      workloads: *a9');
  return `${lines.join('\n')}\n`;
}

function bigTopology(bytes: number): string {
  const out = ['topology:', '  clusters:'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block = `    - name: cluster-${i}\n      region: us-east-1\n      purpose: staging\n      workloads: [api, web]\n      ingress: lb-${i}.example.com\n`;
    out.push(block.trimEnd());
    size += block.length;
  }
  return `${out.join('\n')}\n`;
}

const CASES: Array<{ name: string; file: string; content: () => string | Buffer }> = [
  { name: 'an alias bomb (billion laughs)', file: 'bomb.yaml', content: aliasBomb },
  { name: 'a 10 MB topology', file: 'big.yaml', content: () => bigTopology(10 * 1024 * 1024) },
  {
    name: 'a 3.5 MB topology (under the 4 MiB cap: fully linted)',
    file: 'under-cap.yaml',
    content: () => bigTopology(3.5 * 1024 * 1024),
  },
  { name: 'binary garbage', file: 'garbage.yaml', content: () => randomBytes(256 * 1024) },
  {
    name: '10,000-deep flow nesting',
    file: 'deep-flow.yaml',
    content: () => `topology: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  },
  {
    name: '10,000-deep block nesting',
    file: 'deep-block.yaml',
    content: () => Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n',
  },
  {
    name: 'invalid UTF-8',
    file: 'bad-utf8.yaml',
    content: () =>
      Buffer.concat([
        Buffer.from('topology:\n  clusters:\n    - name: "caf'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('"\n'),
      ]),
  },
];

describe('reliability: lint on hostile YAML', function () {
  this.timeout(90_000);
  let dir: string;

  before(() => {
    assertBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'kmc-rel-lint-'));
    for (const c of CASES) writeFileSync(path.join(dir, c.file), c.content());
  });

  for (const c of CASES) {
    it(`${c.name}: diagnostics, exit 0/1, bounded time and memory, no stack trace`, async () => {
      const file = path.join(dir, c.file);
      const [text, json] = await Promise.all([
        runCli(['lint', file], { env: cliEnv(), measureRss: true, timeoutMs: 60_000, cwd: dir }),
        runCli(['lint', file, '-o', 'json'], { env: cliEnv(), timeoutMs: 60_000, cwd: dir }),
      ]);
      for (const r of [text, json]) {
        assert.ok(
          r.code === 0 || r.code === 1,
          `exit ${r.code} ${r.signal ?? ''}: ${r.stderr.slice(0, 500)}`,
        );
        assertNoStack(r.stdout + r.stderr);
      }
      const rss = (text.peakRssKiB ?? 0) / 1024;
      console.log(`      ${c.file}: exit ${text.code}, ${text.ms} ms, peak RSS ${rss.toFixed(0)} MiB`);
      assert.ok(rss < RSS_BOUND_MIB, `peak RSS ${rss.toFixed(0)} MiB`);
      const report = JSON.parse(json.stdout) as {
        diagnostics: Array<{ rule: string; file: string; message: string }>;
      };
      assert.ok(Array.isArray(report.diagnostics));
      assert.ok(
        !report.diagnostics.some((d) => d.rule === 'rule-error'),
        JSON.stringify(report.diagnostics.slice(0, 3)),
      );
      if (c.file !== 'under-cap.yaml') {
        // every hostile file is refused with a diagnostic naming the file, exit 1
        assert.equal(text.code, 1, text.stdout.slice(0, 500));
        assert.ok(report.diagnostics.length > 0 && report.diagnostics.every((d) => d.file.endsWith(c.file)));
        assert.match(text.stdout + text.stderr, new RegExp(c.file.replace('.', '\\.')));
      }
      if (c.file === 'big.yaml') assert.match(text.stdout, /too large/);
      if (c.file === 'bomb.yaml') assert.match(text.stdout, /alias/);
      if (c.file === 'bad-utf8.yaml') assert.match(text.stdout, /UTF-8/);
      if (c.file === 'under-cap.yaml')
        assert.ok(!report.diagnostics.some((d) => /too large/.test(d.message)), 'linted, not refused');
    });
  }
});
