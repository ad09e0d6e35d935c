import assert from 'node:assert/strict';
import { topologyLabels } from '@kubectl-mc/core/fleet';
import { clusterMetas } from '../../src/tui/hub-members.js';

const TOPO = `topology:
  clusters:
    - name: a
      region: us-east
      environment: production
    - name: b
      region: eu-west
      environment: production
      workloads: [db, cache]
    - name: c
      region: us-east
      environment: staging
      labels: { owner: "x\\u001b[31my" }
`;

describe('dashboard: the clusters view rows of a fleet (hub-members)', () => {
  const labels = topologyLabels([{ path: 't.yaml', text: TOPO }]);

  it('without a selector: the order given, no groups', async () => {
    const metas = await clusterMetas(['c', 'a', 'b', 'd'], undefined, { labels });
    assert.deepEqual(
      metas.map((m) => m.name),
      ['c', 'a', 'b', 'd'],
    );
    assert.equal(metas[0]!.group, undefined);
  });

  it('with a selector: grouped by the values of its keys, stable within a group, none last, escaped', async () => {
    const metas = await clusterMetas(['c', 'a', 'b', 'd'], undefined, {
      selector: 'region in (us-east,eu-west),environment',
      labels,
    });
    assert.deepEqual(
      metas.map((m) => [m.name, m.group]),
      [
        ['b', 'region=eu-west, environment=production'],
        ['a', 'region=us-east, environment=production'],
        ['c', 'region=us-east, environment=staging'],
        ['d', ''],
      ],
    );
    const byWorkload = await clusterMetas(['a', 'b'], undefined, { selector: 'workload,owner', labels });
    assert.equal(byWorkload.find((m) => m.name === 'b')?.group, 'workload=db|cache');
    const escaped = await clusterMetas(['c'], undefined, { selector: 'owner', labels });
    assert.ok(!escaped[0]!.group!.includes('\u001b'), escaped[0]!.group);
  });
});
