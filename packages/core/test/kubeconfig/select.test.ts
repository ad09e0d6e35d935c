import assert from 'node:assert/strict';
import { contextInfo, loadKubeconfigFromString, selectContexts } from '../../src/kubeconfig/index.js';
import { ContextSelectionError, UsageError } from '../../src/errors.js';
import { kubeconfigYaml } from './helpers.js';

const names = ['dev', 'eu-west-prod', 'us-east-prod', 'us-east-staging', 'ap-prod'];
const loaded = loadKubeconfigFromString(kubeconfigYaml(names, { current: 'dev' }));

function selectionError(fn: () => unknown, ...parts: string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ContextSelectionError, `expected ContextSelectionError, got ${String(e)}`);
    for (const p of parts)
      assert.ok(e.message.includes(p), `${JSON.stringify(e.message)} lacks ${JSON.stringify(p)}`);
    return true;
  });
}

describe('context selection', () => {
  it('defaults to the current context', () => {
    assert.deepEqual(selectContexts(loaded, {}), ['dev']);
  });

  it('without a current context, tells to pass --context or --all-clusters', () => {
    const none = loadKubeconfigFromString(kubeconfigYaml(['a']));
    selectionError(() => selectContexts(none, {}), '--context', '--all-clusters');
  });

  it('--context picks exactly one; --all-clusters all in kubeconfig order', () => {
    assert.deepEqual(selectContexts(loaded, { context: 'ap-prod' }), ['ap-prod']);
    assert.deepEqual(selectContexts(loaded, { allClusters: true }), names);
  });

  it('--clusters takes names and globs in kubeconfig order, comma-separated or repeated', () => {
    assert.deepEqual(selectContexts(loaded, { clusters: ['*-prod,dev'] }), [
      'dev',
      'eu-west-prod',
      'us-east-prod',
      'ap-prod',
    ]);
    assert.deepEqual(selectContexts(loaded, { clusters: ['us-east-*', 'ap-prod'] }), [
      'us-east-prod',
      'us-east-staging',
      'ap-prod',
    ]);
    assert.deepEqual(selectContexts(loaded, { clusters: ['??-prod'] }), ['ap-prod']);
  });

  it('--exclude removes names and globs', () => {
    assert.deepEqual(selectContexts(loaded, { allClusters: true, exclude: ['us-*', 'dev'] }), [
      'eu-west-prod',
      'ap-prod',
    ]);
    selectionError(() => selectContexts(loaded, { context: 'dev', exclude: ['dev'] }), '--exclude');
  });

  it('glob metacharacters other than * and ? are literal', () => {
    const odd = loadKubeconfigFromString(kubeconfigYaml(['a.b', 'axb', 'a+b']));
    assert.deepEqual(selectContexts(odd, { clusters: ['a.b'] }), ['a.b']);
    assert.deepEqual(selectContexts(odd, { clusters: ['a.*'] }), ['a.b']);
  });

  it('unknown names list the known ones and suggest the closest', () => {
    selectionError(
      () => selectContexts(loaded, { context: 'eu-west-prd' }),
      '"eu-west-prd"',
      'did you mean "eu-west-prod"',
      'ap-prod',
    );
    selectionError(
      () => selectContexts(loaded, { clusters: ['dev', 'us-est-prod'] }),
      'did you mean "us-east-prod"',
    );
    selectionError(
      () => selectContexts(loaded, { allClusters: true, exclude: ['dve'] }),
      'did you mean "dev"',
    );
    selectionError(() => contextInfo(loaded, 'devv'), 'did you mean "dev"');
  });

  it('a glob matching nothing is an error', () => {
    selectionError(
      () => selectContexts(loaded, { clusters: ['*-qa'] }),
      '"*-qa"',
      'matches no context',
      'dev',
    );
  });

  it('conflicting selectors are a usage error', () => {
    assert.throws(() => selectContexts(loaded, { context: 'dev', allClusters: true }), UsageError);
  });

  it('contextInfo describes a context without secrets', () => {
    const info = contextInfo(loaded, 'ap-prod');
    assert.equal(info.cluster, 'ap-prod');
    assert.equal(info.server, 'https://ap-prod.example:6443');
    assert.ok(!JSON.stringify(info).includes('token-of'));
  });

  it('escapes control characters of names in messages', () => {
    selectionError(() => selectContexts(loaded, { context: 'x\u001b[31m' }), '\\x1b[31m');
  });
});
