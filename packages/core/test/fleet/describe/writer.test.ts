/** kubectl describe's machinery: Go's tabwriter as kubectl configures it, and the shared field formats. */
import assert from 'node:assert/strict';
import { DescribeWriter, tabwrite } from '../../../src/fleet/describe/writer.js';
import {
  formatLabelSelector,
  printAnnotations,
  printLabels,
  printTolerations,
  rfc1123z,
  selectorString,
} from '../../../src/fleet/describe/format.js';
import { describeEvents } from '../../../src/fleet/describe/events.js';
import { camelSplit, goValue, smartLabel } from '../../../src/fleet/describe/generic.js';
import { parseQuantity, add, quantityString } from '../../../src/fleet/describe/quantity.js';

describe('describe: tabwriter', () => {
  it('pads each column to its widest cell plus two, over consecutive lines only', () => {
    const out = tabwrite('Name:\tweb\nNamespace:\tprod\nSingle line\nA:\tx\n');
    assert.equal(out, 'Name:       web\nNamespace:  prod\nSingle line\nA:  x\n');
  });

  it('aligns nested columns within the block of their parent column', () => {
    const out = tabwrite('Port:\thttp\t80/TCP\nTargetPort:\t80/TCP\nNodePort:\thttp\t30000/TCP\n');
    assert.equal(out, 'Port:        http  80/TCP\nTargetPort:  80/TCP\nNodePort:    http  30000/TCP\n');
  });

  it('pads empty cells and never the last cell of a line; counts characters, not bytes', () => {
    assert.equal(tabwrite('Labels:\ta=b\n\tc=d\n'), 'Labels:  a=b\n         c=d\n');
    assert.equal(tabwrite('é:\tx\nab:\ty\n'), 'é:   x\nab:  y\n');
    assert.equal(tabwrite('Namespace:\t\n'), 'Namespace:  \n');
  });

  it('flush ends a section: what follows aligns on its own', () => {
    const w = new DescribeWriter();
    w.write(0, 'Name:\tx\n');
    w.flush();
    w.write(0, 'Events:\n  Type\tReason\n');
    w.write(1, 'Normal\tPulled\n');
    assert.equal(w.toString(), 'Name:  x\nEvents:\n  Type    Reason\n  Normal  Pulled\n');
  });
});

describe('describe: field formats', () => {
  it('labels sorted, one per line, <none> when empty', () => {
    const w = new DescribeWriter();
    printLabels(w, 'Labels', { tier: 'web', app: 'x' });
    printLabels(w, 'Selectors', {});
    assert.equal(w.toString(), 'Labels:     app=x\n            tier=web\nSelectors:  <none>\n');
  });

  it('annotations: long or multi-line values on their own lines, last-applied left out', () => {
    const w = new DescribeWriter();
    printAnnotations(w, 'Annotations', {
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      b: 'x'.repeat(150),
      a: 'one\ntwo\n',
    });
    const lines = w.toString().split('\n');
    assert.equal(lines[0], 'Annotations:  a:');
    assert.equal(lines[1], '                one');
    assert.equal(lines[2], '                two');
    assert.equal(lines[3], '              b:');
    assert.equal(lines[4], `                ${'x'.repeat(138)}...`);
    assert.ok(!w.toString().includes('last-applied'));
  });

  it('tolerations as kubectl prints them', () => {
    const w = new DescribeWriter();
    printTolerations(w, 'Tolerations', [
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      { operator: 'Exists' },
      { key: 'a', value: 'b', effect: 'NoSchedule' },
    ]);
    assert.equal(
      w.toString(),
      'Tolerations:  op=Exists\n              a=b:NoSchedule\n              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n',
    );
  });

  it('selectors: requirements sorted by key', () => {
    const sel = {
      matchLabels: { tier: 'web', app: 'x' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'zz', operator: 'DoesNotExist' },
      ],
    };
    assert.equal(selectorString(sel), 'app=x,env in (dev,prod),tier=web,!zz');
    assert.equal(formatLabelSelector({}), '<none>');
  });

  it('times in RFC 1123 with a numeric zone; Go zero time when unset', () => {
    assert.match(
      rfc1123z('2026-11-25T20:16:06Z'),
      /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} 2026 \d\d:\d\d:06 [+-]\d{4}$/,
    );
    assert.equal(rfc1123z(undefined), 'Mon, 01 Jan 0001 00:00:00 +0000');
  });

  it('events oldest first, with counts and the reporting component', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    const w = new DescribeWriter();
    describeEvents(
      [
        {
          type: 'Warning',
          reason: 'BackOff',
          message: ' Back-off restarting ',
          count: 5,
          firstTimestamp: '2026-01-01T11:00:00Z',
          lastTimestamp: '2026-01-01T11:59:00Z',
          source: { component: 'kubelet' },
        },
        {
          type: 'Normal',
          reason: 'Scheduled',
          message: 'Assigned',
          eventTime: '2026-01-01T10:00:00.000000Z',
          reportingComponent: 'default-scheduler',
        },
      ],
      w,
      now,
    );
    assert.equal(
      w.toString(),
      [
        'Events:',
        '  Type     Reason     Age                From               Message',
        '  ----     ------     ----               ----               -------',
        '  Normal   Scheduled  120m               default-scheduler  Assigned',
        '  Warning  BackOff    60s (x5 over 60m)  kubelet            Back-off restarting',
        '',
      ].join('\n'),
    );
    const none = new DescribeWriter();
    describeEvents([], none);
    assert.equal(none.toString(), 'Events:  <none>\n');
  });
});

describe('describe: generic describer pieces', () => {
  it('splits camel case as fatih/camelcase and labels as kubectl', () => {
    assert.deepEqual(camelSplit('APIVersion'), ['API', 'Version']);
    assert.deepEqual(camelSplit('clusterIP'), ['cluster', 'IP']);
    assert.equal(smartLabel('creationTimestamp'), 'Creation Timestamp');
    assert.equal(smartLabel('apiVersion'), 'API Version');
    assert.equal(smartLabel('uid'), 'UID');
    assert.equal(smartLabel('v1beta1'), 'v1beta1');
    assert.equal(smartLabel('matchLabels'), 'Match Labels');
  });

  it("prints values as Go's %v", () => {
    assert.equal(goValue(3), '3');
    assert.equal(goValue(0.5), '0.5');
    assert.equal(goValue(null), '<nil>');
    assert.equal(goValue(['a', 1]), '[a 1]');
  });
});

describe('describe: quantities', () => {
  it('keep their text until added to, then print canonically', () => {
    const q = parseQuantity('32863248Ki');
    assert.ok(q);
    assert.equal(quantityString(q), '32863248Ki');
    const mi = parseQuantity('128Mi');
    const half = parseQuantity('512Mi');
    assert.ok(mi && half);
    assert.equal(quantityString(add(add(mi, mi), add(half, half))), '1280Mi');
    assert.equal(quantityString(add(half, half)), '1Gi');
    const cpu = parseQuantity('100m');
    const one = parseQuantity('1');
    assert.ok(cpu && one);
    assert.equal(quantityString(add(cpu, one)), '1100m');
    assert.equal(quantityString(add(one, one)), '2');
    assert.equal(parseQuantity('1.5')?.milli, 1500n);
    assert.equal(parseQuantity('abc'), undefined);
  });
});
