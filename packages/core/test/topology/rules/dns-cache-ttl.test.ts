import { fixture, ruleTester } from './_harness.js';

const corefile = (body: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns-custom\n  namespace: kube-system\ndata:\n  multicluster.server: |\n${body}`;

describe('rule dns-cache-ttl', () => {
  ruleTester('dns-cache-ttl', {
    valid: [
      {
        name: 'good fixture: cache 30, and long caches on local or non-forwarded zones',
        ...fixture('dns-cache-ttl', 'good'),
      },
      {
        name: 'cluster.local and reverse zones are local',
        code: corefile(
          '    cluster.local in-addr.arpa {\n        forward . 10.0.0.10\n        cache 600\n    }\n',
        ),
      },
      {
        name: 'a shared zone that is not forwarded',
        code: corefile('    global.example.com {\n        file /etc/db.global\n        cache 600\n    }\n'),
      },
    ],
    invalid: [
      {
        name: 'bad fixture: long and default caches on zones forwarded for failover',
        ...fixture('dns-cache-ttl', 'bad'),
        errors: [
          {
            message:
              'cache 300 on failover zone global.example.com:53 (multicluster.server) keeps answers for up to 300 s, so traffic keeps going to a failed cluster that long; lower it to 30 or less (cache 30).',
            line: 10,
            column: 15,
            endColumn: 18,
          },
          {
            message:
              "cache without a TTL (CoreDNS's default of 3600 s) on failover zone mesh.example.com:53 (multicluster.server) keeps answers for up to 3600 s, so traffic keeps going to a failed cluster that long; lower it to 30 or less (cache 30).",
            line: 13,
            column: 9,
            endColumn: 14,
          },
        ],
      },
      {
        name: 'a shared zone next to a local one in the same block',
        code: corefile(
          '    cluster.local global.example.com {\n        forward . 10.0.0.10\n        cache 31\n    }\n',
        ),
        errors: [
          {
            message:
              'cache 31 on failover zone cluster.local global.example.com (multicluster.server) keeps answers for up to 31 s, so traffic keeps going to a failed cluster that long; lower it to 30 or less (cache 30).',
            line: 10,
            column: 15,
            endColumn: 17,
          },
        ],
      },
    ],
  });
});
