import type { CorefileServerBlock, Rule } from '../types.js';

/** CoreDNS's default maximum TTL of `cache` without arguments. */
export const DEFAULT_CACHE_TTL = 3600;
export const MAX_FAILOVER_TTL = 30;

/** A zone of the cluster itself (root, cluster.local, reverse zones) rather than one shared across clusters. */
function isLocalZone(zone: string): boolean {
  const z = zone
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .toLowerCase();
  return (
    z === '' ||
    z === 'cluster.local' ||
    z.endsWith('.cluster.local') ||
    z.endsWith('in-addr.arpa') ||
    z.endsWith('ip6.arpa')
  );
}

/** A block is used for cross-cluster failover when it forwards a shared zone to another registry. */
export function isFailoverBlock(block: CorefileServerBlock): boolean {
  return block.zones.some((z) => !isLocalZone(z)) && block.directives.some((d) => d.name === 'forward');
}

/** DNS TTLs delay traffic shifting: a long cache on a failover zone keeps clients on a dead cluster. */
export const rule: Rule = {
  id: 'dns-cache-ttl',
  severity: 'warning',
  description: 'A CoreDNS zone used for cross-cluster failover caches answers for more than 30 seconds.',
  docs: 'docs/rules/dns-cache-ttl.md',
  check(ctx) {
    for (const d of ctx.model.coredns) {
      for (const f of d.files) {
        for (const block of f.blocks) {
          if (!isFailoverBlock(block)) continue;
          const zone = block.zones.join(' ');
          for (const dir of block.directives) {
            if (dir.name !== 'cache') continue;
            const first = dir.args[0];
            const explicit = first !== undefined && /^\d+$/.test(first);
            const ttl = explicit ? Number(first) : DEFAULT_CACHE_TTL;
            if (ttl <= MAX_FAILOVER_TTL) continue;
            const what = explicit
              ? `cache ${ttl}`
              : `cache without a TTL (CoreDNS's default of ${DEFAULT_CACHE_TTL} s)`;
            ctx.report({
              src: d.src,
              range: explicit ? (dir.argRanges[0] ?? dir.range) : dir.range,
              message: `${what} on failover zone ${zone} (${f.key}) keeps answers for up to ${ttl} s, so traffic keeps going to a failed cluster that long; lower it to ${MAX_FAILOVER_TTL} or less (cache ${MAX_FAILOVER_TTL}).`,
            });
          }
        }
      }
    }
  },
};
