import assert from 'node:assert/strict';
import { mergeWorkloads, type WorkloadItem } from '@kubectl-mc/core/fleet';
import { UNGROUPED, describeCluster, groupClusters, matchesFilter, shellQuote } from '../src/tree/model.js';
import type { ClusterEntry } from '../src/fleet/health.js';
import { isCompare, parseResourceUri, resourceUriPath, resourceUriQuery } from '../src/fleet/uri.js';
import { safe } from '../src/text.js';
import { statusBar } from '../src/status/model.js';
import { globMatch } from '../src/diagnostics/glob.js';
import { clusterNameAt, wordAt } from '../src/diagnostics/clusterNames.js';
import { userKubeconfigFiles } from '../src/fleet/settings.js';
import { describeWorkload } from '../src/workloads/model.js';

const ok = (
  context: string,
  extra: Partial<{ nodesReady: number; nodesTotal: number }> = {},
): ClusterEntry => ({
  context,
  health: { state: 'ok', version: 'v1.31.2', latencyMs: 12.4, ...extra },
});
const down = (context: string): ClusterEntry => ({
  context,
  server: 'https://127.0.0.1:1',
  health: { state: 'error', error: { kind: 'Unreachable', message: 'connect ECONNREFUSED 127.0.0.1:1' } },
});

describe('tree/model', () => {
  it('a healthy cluster shows version and latency and can expand', () => {
    const v = describeCluster(ok('us-east-prod', { nodesReady: 3, nodesTotal: 3 }));
    assert.equal(v.description, 'v1.31.2 · 12 ms');
    assert.equal(v.icon, 'pass');
    assert.equal(v.expandable, true);
    assert.match(v.tooltip, /3\/3 nodes ready/);
  });

  it('a cluster with unready nodes is a warning', () => {
    assert.equal(describeCluster(ok('a', { nodesReady: 1, nodesTotal: 3 })).icon, 'warning');
  });

  it('an unreachable cluster is an error node with its typed error, and does not expand', () => {
    const v = describeCluster(down('eu-west-prod'));
    assert.equal(v.icon, 'error');
    assert.equal(v.contextValue, 'cluster-error');
    assert.equal(v.expandable, false);
    assert.equal(v.description, 'Unreachable: connect ECONNREFUSED 127.0.0.1:1');
    assert.match(v.tooltip, /https:\/\/127\.0\.0\.1:1/);
  });

  it('a pending cluster says it is being checked', () => {
    assert.equal(describeCluster({ context: 'x', health: { state: 'pending' } }).icon, 'loading');
  });

  it('escapes control characters from cluster data', () => {
    const v = describeCluster({
      context: 'evil\x1b[2Jctx',
      health: { state: 'error', error: { kind: 'ServerError', message: 'a\nb' } },
    });
    assert.equal(v.label.includes('\x1b'), false);
    assert.equal(v.description.includes('\n'), false);
  });

  it('groups by region from the topology, ungrouped last, kubeconfig order kept', () => {
    const g = groupClusters(
      ['eu-1', 'us-1', 'lab', 'us-2'],
      [
        { context: 'us-1', region: 'us-east' },
        { context: 'us-2', region: 'us-east' },
        { context: 'eu-1', region: 'eu-west' },
      ],
      'region',
    );
    assert.deepEqual(g, [
      { label: 'eu-west', contexts: ['eu-1'] },
      { label: 'us-east', contexts: ['us-1', 'us-2'] },
      { label: UNGROUPED, contexts: ['lab'] },
    ]);
  });

  it('without grouping (or topology) there is one unnamed group', () => {
    assert.deepEqual(groupClusters(['a', 'b'], [{ context: 'a', region: 'r' }], 'none'), [
      { label: '', contexts: ['a', 'b'] },
    ]);
    assert.deepEqual(groupClusters(['a'], [], 'environment'), [{ label: '', contexts: ['a'] }]);
  });

  it('the status bar counts healthy clusters and names the unhealthy ones', () => {
    const s = statusBar([ok('a'), ok('b'), ok('c'), ok('d'), down('e')]);
    assert.equal(s.text, '⎈ 4/5 clusters');
    assert.equal(s.unhealthy, 1);
    assert.match(s.tooltip, /e — Unreachable/);
    assert.equal(
      statusBar([ok('a'), { context: 'b', health: { state: 'pending' } }]).text,
      '⎈ 1/2 clusters (1 checking)',
    );
  });

  it('resource URIs name the object exactly in the query and show visible escapes in the path', () => {
    const p = {
      context: 'ctx/a b',
      resource: 'deployments.apps',
      namespace: 'kube-system',
      name: 'evil\x1b]0;pwned\x07 50%',
    };
    const path = resourceUriPath(p);
    assert.equal(path.split('/').length, 5);
    // what the tab and the window title show: the tree's escapes, no percent-encoding, no control character
    assert.equal(path, `/ctx\u2215a b/deployments.apps/kube-system/${safe(p.name)}.yaml`);
    assert.doesNotMatch(path, /%1B|%5D/);
    assert.ok([...path].every((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f));
    assert.deepEqual(parseResourceUri(path, resourceUriQuery(p)), p);
    assert.equal(isCompare(resourceUriQuery(p)), false);
    assert.equal(isCompare(resourceUriQuery(p, true)), true);
    assert.deepEqual(parseResourceUri(path, resourceUriQuery(p, true)), p);
    const cluster = { context: 'c', resource: 'nodes', name: 'n1' };
    assert.deepEqual(parseResourceUri(resourceUriPath(cluster), resourceUriQuery(cluster)), cluster);
    // a hand-written URI: the path alone
    assert.deepEqual(parseResourceUri('/c/namespaces/_/kube-system.yaml', 'compare'), {
      context: 'c',
      resource: 'namespaces',
      name: 'kube-system',
    });
    assert.equal(parseResourceUri('/nope'), undefined);
  });
});

describe('diagnostics/glob', () => {
  it('matches include and exclude globs', () => {
    assert.equal(globMatch('**/*.{yaml,yml}', 'a.yaml'), true);
    assert.equal(globMatch('**/*.{yaml,yml}', 'deep/dir/a.yml'), true);
    assert.equal(globMatch('**/*.{yaml,yml}', 'a.json'), false);
    assert.equal(globMatch('**/{node_modules,.git,dist}/**', 'x/node_modules/y/a.yaml'), true);
    assert.equal(globMatch('**/{node_modules,.git,dist}/**', 'src/a.yaml'), false);
    assert.equal(globMatch('examples/*.yaml', 'examples/sub/a.yaml'), false);
  });
});

describe('tree/model: terminal helpers', () => {
  it('quotes context names for the shell', () => {
    assert.equal(shellQuote('us-east-prod'), 'us-east-prod');
    assert.equal(shellQuote('arn:aws:eks:us-east-1:1:cluster/prod'), 'arn:aws:eks:us-east-1:1:cluster/prod');
    assert.equal(shellQuote("it's; rm -rf /"), `'it'\\''s; rm -rf /'`);
  });
});

describe('diagnostics/clusterNames', () => {
  const prev = (lines: string[]) => (n: number) => lines[lines.length - n];

  it('knows the single-value keys that name a cluster', () => {
    assert.deepEqual(clusterNameAt('    cluster: us-e', prev([])), { prefix: 'us-e' });
    assert.deepEqual(clusterNameAt("  - clusterName: '", prev([])), { prefix: '' });
    assert.equal(clusterNameAt('    region: us-e', prev([])), undefined);
  });

  it('knows items of a clusters: list, block or flow', () => {
    assert.deepEqual(clusterNameAt('        - eu', prev(['  - name: canary', '    clusters:'])), {
      prefix: 'eu',
    });
    assert.equal(clusterNameAt('        - eu', prev(['    workloads:'])), undefined);
    assert.deepEqual(clusterNameAt('    clusters: [us-east-prod, eu', prev([])), { prefix: 'eu' });
  });

  it('finds the word under the cursor', () => {
    assert.deepEqual(wordAt('  cluster: us-east-prod # x', 14), { word: 'us-east-prod', start: 11, end: 23 });
    assert.equal(wordAt('a  b', 2), undefined);
  });
});

describe('workloads/model', () => {
  const dep = (name: string, image: string, replicas = 3): WorkloadItem => ({
    kind: 'Deployment',
    namespace: 'prod',
    name,
    replicas,
    ready: replicas,
    images: [image],
  });

  it('describes a merged workload: on how many of the answering clusters, drift marked', () => {
    const { workloads, answered } = mergeWorkloads([
      { context: 'us', ok: true, value: [dep('api', 'api:v1'), dep('web', 'web:v1')], elapsedMs: 1 },
      { context: 'eu', ok: true, value: [dep('api', 'api:v2'), dep('web', 'web:v1')], elapsedMs: 1 },
      { context: 'ap', ok: true, value: [], elapsedMs: 1 },
    ]);
    const web = workloads.find((w) => w.name === 'web')!;
    assert.equal(describeWorkload(web, answered).description, 'Deployment · on 2/3 clusters');
    const api = describeWorkload(
      workloads.find((w) => w.name === 'api')!,
      answered,
    );
    assert.equal(api.description, 'Deployment · on 2/3 clusters · drift');
    assert.equal(api.label, 'prod/api');
    assert.equal(api.tooltip, 'Deployment prod/api\nimage: api:v1 (us) vs api:v2 (eu)');
  });
});

describe('fleet/settings', () => {
  it('reads the kubeconfig files from user settings only, never from the workspace', () => {
    assert.deepEqual(
      userKubeconfigFiles({
        globalValue: ['/home/me/.kube/fleet', '', 3],
        workspaceValue: ['./evil-kubeconfig'],
        workspaceFolderValue: ['./evil'],
      }),
      ['/home/me/.kube/fleet'],
    );
    assert.deepEqual(userKubeconfigFiles({ workspaceValue: ['./evil-kubeconfig'], defaultValue: [] }), []);
    assert.deepEqual(userKubeconfigFiles(undefined), []);
    assert.deepEqual(userKubeconfigFiles({ globalValue: '/not/a/list' }), []);
  });

  it('the filter box: substring, case-insensitive, or a * pattern; empty shows all', () => {
    assert.ok(matchesFilter('us-east-prod', ''));
    assert.ok(matchesFilter('us-east-prod', 'EAST'));
    assert.ok(!matchesFilter('staging', 'prod'));
    assert.ok(matchesFilter('us-east-prod', '*-prod'));
    assert.ok(!matchesFilter('us-east-prod-restricted', '*-prod'));
    assert.ok(matchesFilter('a.b(c)', 'a.b(*'));
    assert.ok(!matchesFilter('axb', 'a.b'));
  });
});
