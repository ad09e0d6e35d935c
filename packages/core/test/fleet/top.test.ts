import assert from 'node:assert/strict';
import { formatTopNodes, formatTopPods, sortPods } from '../../src/fleet/top-table.js';
import type { NodeUsage, PodUsage } from '../../src/fleet/top.js';
import { usageOf } from '../../src/fleet/top.js';
import { parseQuantity } from '../../src/util/quantity.js';

const usage = (cpu: string, memory: string) => usageOf(parseQuantity(cpu)!, parseQuantity(memory)!);

function pod(namespace: string, name: string, containers: [string, string, string][]): PodUsage {
  const cs = containers.map(([n, cpu, mem]) => ({ name: n, ...usage(cpu, mem) }));
  const cpuN = containers.reduce((a, [, c]) => a + BigInt(c.replace('n', '')), 0n);
  const memK = containers.reduce((a, [, , m]) => a + BigInt(m.replace('Ki', '')), 0n);
  return { namespace, name, containers: cs, ...usage(`${cpuN}n`, `${memK}Ki`) };
}

describe('fleet/top tables', () => {
  const east = [
    pod('default', 'hello-rbgrjlb8g-jq6gw', [['hello', '257060408n', '79715Ki']]),
    pod('kube-system', 'coredns-6vmw5cdgb-gtlv8', [['coredns', '28100000n', '20600Ki']]),
  ];
  const west = [
    pod('default', 'web-1', [
      ['web', '300000001n', '300000Ki'],
      ['envoy', '1000000n', '10000Ki'],
    ]),
  ];

  it("prints one cluster exactly as kubectl top pod -A does (columns, rounding, kubectl's tab widths)", () => {
    const text = formatTopPods([{ context: 'east', pods: east }], {
      allNamespaces: true,
      clusterColumn: null,
    });
    assert.equal(
      text,
      'NAMESPACE     NAME                      CPU(cores)   MEMORY(bytes)   \n' +
        'default       hello-rbgrjlb8g-jq6gw     258m         77Mi            \n' +
        'kube-system   coredns-6vmw5cdgb-gtlv8   29m          20Mi            \n',
    );
  });

  it('puts CLUSTER first, POD and containers with --containers, a fleet total with --sum', () => {
    const text = formatTopPods(
      [
        { context: 'east', pods: east },
        { context: 'west', pods: west },
      ],
      { containers: true, sum: true },
    );
    const lines = text.split('\n').map((l) => l.trim().split(/\s+/));
    assert.deepEqual(lines[0], ['CLUSTER', 'POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    assert.deepEqual(lines[3], ['west', 'web-1', 'envoy', '1m', '9Mi']);
    assert.deepEqual(lines[4], ['west', 'web-1', 'web', '301m', '292Mi']);
    assert.deepEqual(lines[5], ['________', '________']);
    // exact sum of every container, rounded once: 257060408+28100000+300000001+1000000 n
    assert.deepEqual(lines[6], ['587m', '400Mi']);
  });

  it('sorts across the fleet by cpu or memory, largest first; containers inside pods too', () => {
    const all = [
      { context: 'east', pods: east },
      { context: 'west', pods: west },
    ];
    assert.deepEqual(
      sortPods(all, 'cpu').map((p) => `${p.context}/${p.pod.name}`),
      ['west/web-1', 'east/hello-rbgrjlb8g-jq6gw', 'east/coredns-6vmw5cdgb-gtlv8'],
    );
    assert.deepEqual(
      sortPods(all, 'memory')[0]!.pod.containers.map((c) => c.name),
      ['web', 'envoy'],
    );
    assert.deepEqual(
      sortPods(all).map((p) => p.pod.name),
      ['hello-rbgrjlb8g-jq6gw', 'coredns-6vmw5cdgb-gtlv8', 'web-1'],
    );
  });

  it('prints nodes with percentages and unknown nodes last, no headers when asked', () => {
    const nodes: NodeUsage[] = [
      { name: 'cp', usage: usage('1201500000n', '17313000Ki'), cpuPercent: 15, memoryPercent: 54 },
      { name: 'w1' },
    ];
    const other: NodeUsage[] = [{ name: 'x', usage: usage('2', '1Gi'), cpuPercent: 25, memoryPercent: 3 }];
    const text = formatTopNodes(
      [
        { context: 'a', nodes },
        { context: 'b', nodes: other },
      ],
      { sortBy: 'cpu', noHeaders: true },
    );
    assert.deepEqual(
      text
        .trimEnd()
        .split('\n')
        .map((l) => l.trim().split(/\s+/)),
      [
        ['b', 'x', '2000m', '25%', '1024Mi', '3%'],
        ['a', 'cp', '1202m', '15%', '16907Mi', '54%'],
        ['a', 'w1', '<unknown>', '<unknown>', '<unknown>', '<unknown>'],
      ],
    );
  });

  it('escapes what a cluster sends before a terminal', () => {
    const text = formatTopPods([{ context: 'e', pods: [pod('d', 'evil\u001b[31m', [['c', '1n', '1Ki']])] }]);
    assert.ok(!text.includes('\u001b'));
  });
});
