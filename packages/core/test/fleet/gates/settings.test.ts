import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../src/errors.js';
import {
  defaultRolloutSettings,
  loadRolloutSettings,
  parseRolloutSettings,
  RolloutSettingsError,
} from '../../../src/fleet/index.js';
import { parseLintConfig } from '../../../src/topology/config.js';

const rejects = (text: string, re: RegExp) =>
  assert.throws(
    () => parseRolloutSettings(text, '.kubectl-mc.yaml'),
    (e: unknown) => e instanceof RolloutSettingsError && e instanceof UsageError && re.test(e.message),
  );

describe('fleet/pipeline/gates: rollout settings of .kubectl-mc.yaml', () => {
  it('defaults to monitoring/prometheus:9090, pod_template_hash, 10 s and the three gate queries', () => {
    const d = defaultRolloutSettings();
    assert.deepEqual(d.prometheus, {
      namespace: 'monitoring',
      service: 'prometheus',
      port: '9090',
      path: '',
    });
    assert.equal(d.selectorLabel, 'pod_template_hash');
    assert.equal(d.intervalMs, 10_000);
    assert.equal(
      d.queries.errorRate,
      'sum(rate(http_requests_total{{{selector}},code=~"5.."}[1m])) / sum(rate(http_requests_total{{{selector}}}[1m]))',
    );
    assert.equal(d.queries.requestRate, 'sum(rate(http_requests_total{{{selector}}}[1m]))');
    assert.match(
      d.queries.latencyP99,
      /^histogram_quantile\(0\.99, sum\(rate\(http_request_duration_seconds_bucket/,
    );
    assert.deepEqual(parseRolloutSettings('rules: {}\n', 'f'), d);
    assert.deepEqual(parseRolloutSettings('rollout:\n', 'f'), d);
  });

  it('takes overrides over the defaults', () => {
    const s = parseRolloutSettings(
      `protected: ['*-prod']
rollout:
  prometheus: {namespace: obs, service: kube-prom, port: web, path: /prometheus/}
  selectorLabel: rs_hash
  interval: 2s
  queries:
    requestRate: sum(rate(reqs{{{selector}}}[30s]))
`,
      'f',
    );
    assert.deepEqual(s.prometheus, {
      namespace: 'obs',
      service: 'kube-prom',
      port: 'web',
      path: '/prometheus',
    });
    assert.equal(s.selectorLabel, 'rs_hash');
    assert.equal(s.intervalMs, 2000);
    assert.equal(s.queries.requestRate, 'sum(rate(reqs{{{selector}}}[30s]))');
    assert.equal(s.queries.errorRate, defaultRolloutSettings().queries.errorRate);
    assert.equal(parseRolloutSettings('rollout: {prometheus: {port: 8080}}', 'f').prometheus.port, '8080');
  });

  it('names file:line:col and the nearest key for a typo', () => {
    rejects(
      'rules: {}\nrollout:\n  prometheus: {servce: x}\n',
      /^\.kubectl-mc\.yaml:3:16: unknown key "servce" in rollout\.prometheus \(did you mean "service"\?\)$/,
    );
    rejects('rollout:\n  intervall: 5s\n', /^\.kubectl-mc\.yaml:2:3: unknown key "intervall" in rollout/);
  });

  it('refuses wrong types and values, naming where', () => {
    rejects('rollout: [a]\n', /:1:10: rollout must be a mapping/);
    rejects('rollout:\n  prometheus: {port: 70000}\n', /:2:22: port 70000 is not between 1 and 65535/);
    rejects('rollout:\n  prometheus: {service: [x]}\n', /:2:25: service must be a string/);
    rejects('rollout:\n  prometheus: {namespace: "Bad NS"}\n', /namespace "Bad NS" is not a namespace name/);
    rejects('rollout:\n  prometheus: {path: "x?y"}\n', /path "x\?y" is not a URL path/);
    rejects('rollout:\n  prometheus: {path: /a/../b}\n', /path "\/a\/..\/b" must not contain/);
    rejects('rollout:\n  interval: soon\n', /:2:13: interval "soon" is not a duration/);
    rejects('rollout:\n  interval: 10ms\n', /interval must be at least 200ms/);
    rejects('rollout:\n  queries: {errorRate: "sum(x)"}\n', /errorRate must contain \{\{selector\}\}/);
    rejects('rollout:\n  selectorLabel: "a-b"\n', /selectorLabel "a-b" is not a Prometheus label name/);
    rejects('rollout: {\n', /^\.kubectl-mc\.yaml:\d+:\d+: invalid YAML/);
  });

  it('is a key lint accepts in .kubectl-mc.yaml', () => {
    assert.deepEqual(parseLintConfig('rollout: {interval: 5s}\nrules: {}\n', 'f').rules, {});
  });

  it('is read from the .kubectl-mc.yaml found from the working directory', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gates-settings-'));
    try {
      await mkdir(path.join(dir, '.git'));
      await mkdir(path.join(dir, 'sub'));
      assert.deepEqual(await loadRolloutSettings(path.join(dir, 'sub')), defaultRolloutSettings());
      await writeFile(path.join(dir, '.kubectl-mc.yaml'), 'rollout:\n  interval: 1s\n');
      assert.equal((await loadRolloutSettings(path.join(dir, 'sub'))).intervalMs, 1000);
      await writeFile(path.join(dir, '.kubectl-mc.yaml'), 'rollout:\n  queries: {latencyP9: x}\n');
      await assert.rejects(
        loadRolloutSettings(path.join(dir, 'sub')),
        (e: unknown) =>
          e instanceof UsageError &&
          e.message.startsWith(`${path.join(dir, '.kubectl-mc.yaml')}:2:13: unknown key "latencyP9"`),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
