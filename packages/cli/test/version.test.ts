import assert from 'node:assert/strict';
import { ClusterError } from '@kubectl-mc/core/errors';
import { mergeApiResources, preferredResources } from '@kubectl-mc/core/fleet';
import { versionText } from '../src/commands/version.js';
import { apiResourcesText } from '../src/commands/api-resources.js';

describe('version and api-resources: text output', () => {
  it('version: our version, the client line with its source, then the clusters that answered', () => {
    const text = versionText(
      { kubectlMcVersion: '0.1.0', clientVersion: { gitVersion: 'v1.33.0' }, clientVersionSource: 'target' },
      [
        {
          context: 'a',
          ok: true,
          value: { gitVersion: 'v1.32.4\x1b[31m', platform: 'linux/amd64' },
          elapsedMs: 1,
        },
        { context: 'b', ok: false, error: new ClusterError('Unreachable', 'b', 'refused'), elapsedMs: 1 },
      ],
      false,
    );
    assert.equal(
      text,
      'kubectl-mc Version: v0.1.0\n' +
        'Client Version: v1.33.0 (no kubectl on PATH: the version kubectl-mc targets)\n' +
        'CLUSTER   SERVER VERSION   PLATFORM      GO VERSION\n' +
        'a         v1.32.4^[[31m    linux/amd64   \n',
    );
    const client = versionText(
      { kubectlMcVersion: '0.1.0', clientVersion: { gitVersion: 'v1.32.4' }, clientVersionSource: 'kubectl' },
      [],
      true,
    );
    assert.equal(client, 'kubectl-mc Version: v0.1.0\nClient Version: v1.32.4\n');
  });

  it('api-resources: CLUSTERS as served/answered, wide adds VERBS, CATEGORIES, MISSING; -o name dedupes', () => {
    const r = (
      group: string,
      version: string,
      resource: string,
      kind: string,
      shortNames: string[] = [],
    ) => ({
      group,
      version,
      resource,
      kind,
      namespaced: true,
      singular: kind.toLowerCase(),
      shortNames,
      verbs: ['get', 'list'],
      categories: [],
    });
    const merged = mergeApiResources([
      {
        context: 'a',
        ok: true,
        value: preferredResources([r('', 'v1', 'pods', 'Pod', ['po']), r('x.io', 'v1', 'widgets', 'Widget')]),
        elapsedMs: 1,
      },
      {
        context: 'b',
        ok: true,
        value: preferredResources([r('', 'v1', 'pods', 'Pod', ['po']), r('x.io', 'v2', 'widgets', 'Widget')]),
        elapsedMs: 1,
      },
    ]);
    assert.equal(
      apiResourcesText(merged, undefined, false),
      'NAME      SHORTNAMES   APIVERSION   NAMESPACED   KIND     CLUSTERS\n' +
        'pods      po           v1           true         Pod      2/2\n' +
        'widgets                x.io/v1      true         Widget   1/2\n' +
        'widgets                x.io/v2      true         Widget   1/2\n',
    );
    const wide = apiResourcesText(merged, 'wide', true).split('\n');
    assert.match(wide[0] ?? '', /^pods .* 2\/2 +get,list +$/);
    assert.match(wide[1] ?? '', /^widgets .* 1\/2 +get,list +b$/);
    assert.equal(apiResourcesText(merged, 'name', false), 'pods\nwidgets.x.io\n');
    assert.equal(apiResourcesText({ resources: [], answered: ['a'] }, undefined, false), '');
  });
});
