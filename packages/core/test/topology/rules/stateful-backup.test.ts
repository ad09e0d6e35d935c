import { fixture, ruleTester } from './_harness.js';

const cluster = (fields: string) => `topology:\n  clusters:\n    - name: data\n${fields}`;

describe('rule stateful-backup', () => {
  ruleTester('stateful-backup', {
    valid: [
      {
        name: 'good fixture: stateful workloads with a backup, and stateless ones',
        ...fixture('stateful-backup', 'good'),
      },
      {
        name: 'backup_strategy counts as a backup',
        code: cluster(
          '      storage: local-ssd\n      workloads: [postgres]\n      backup_strategy: continuous\n',
        ),
      },
      {
        name: 'backup: none next to a backup_strategy',
        code: cluster('      storage: local-ssd\n      backup: none\n      backup_strategy: continuous\n'),
      },
      {
        name: 'storage: none is no storage',
        code: cluster('      storage: none\n      workloads: [api]\n'),
      },
      {
        name: 'stateless workloads without storage',
        code: cluster('      workloads: [api-gateway, web-frontend, stateless-worker]\n'),
      },
    ],
    invalid: [
      {
        name: 'bad fixture: storage without backup (on storage), a stateful workload without backup (on the workload)',
        ...fixture('stateful-backup', 'bad'),
        errors: [
          {
            message: 'cluster "stateful-workloads" has storage (local-ssd) but no backup or backup_strategy',
            line: 4,
            column: 16,
            endColumn: 25,
          },
          {
            message: 'cluster "queues" runs stateful workload "kafka" but sets no backup or backup_strategy',
            line: 6,
            column: 24,
            endColumn: 29,
          },
        ],
      },
      {
        name: 'storage as a mapping, reported once even with stateful workloads',
        code: cluster('      storage: { class: local-ssd, size: 1Ti }\n      workloads: [redis]\n'),
        errors: [
          {
            message: 'cluster "data" has storage (configured) but no backup or backup_strategy',
            line: 4,
            column: 16,
            endColumn: 47,
          },
        ],
      },
      {
        name: 'an empty backup and backup: None are no backup',
        code: `${cluster('      storage: local-ssd\n      backup: ""\n')}    - name: cache\n      workloads: [memcached]\n      backup: None\n`,
        errors: [
          {
            message: 'cluster "data" has storage (local-ssd) but no backup or backup_strategy',
            line: 4,
            column: 16,
            endColumn: 25,
          },
          {
            message:
              'cluster "cache" runs stateful workload "memcached" but sets no backup or backup_strategy',
            line: 7,
            column: 19,
            endColumn: 28,
          },
        ],
      },
      {
        name: 'backup: none, and the first stateful workload of the list',
        code: cluster('      workloads: [api, user-db, message-queues]\n      backup: none\n'),
        errors: [
          {
            message: 'cluster "data" runs stateful workload "user-db" but sets no backup or backup_strategy',
            line: 4,
            column: 24,
            endColumn: 31,
          },
        ],
      },
    ],
  });
});
