import { getNode, getSeq, scalarItems, scalarString } from '../yaml-util.js';
import type { Rule } from '../types.js';
import { isUnset } from './_settings.js';

/** Workload names that hold state. */
export const STATEFUL =
  /database|\bdb\b|postgres|mysql|mariadb|mongo|redis|memcache|cache|queue|kafka|rabbitmq|nats|elastic|opensearch|cassandra|etcd|zookeeper|stateful|storage/i;

/** State without a backup is state you lose with the cluster. */
export const rule: Rule = {
  id: 'stateful-backup',
  severity: 'warning',
  description:
    'A cluster with `storage` or stateful workloads (databases, caches, queues) sets no `backup`/`backup_strategy`.',
  docs: 'docs/rules/stateful-backup.md',
  check(ctx) {
    for (const c of ctx.model.clusters) {
      // Either key names a backup; `backup: none` next to a real backup_strategy still has one.
      if (!isUnset(c.value.backup) || !isUnset(c.value.backup_strategy)) continue;
      const storage = getNode(c.node, 'storage');
      const statefulItem = scalarItems(getSeq(c.node, 'workloads')).find((s) =>
        STATEFUL.test(scalarString(s) ?? ''),
      );
      if (!isUnset(c.storage) && storage) {
        ctx.report({
          src: c.src,
          node: storage,
          message: `cluster "${c.name}" has storage (${typeof c.storage === 'string' ? c.storage : 'configured'}) but no backup or backup_strategy`,
        });
      } else if (statefulItem) {
        ctx.report({
          src: c.src,
          node: statefulItem,
          message: `cluster "${c.name}" runs stateful workload "${scalarString(statefulItem)}" but sets no backup or backup_strategy`,
        });
      }
    }
  },
};
