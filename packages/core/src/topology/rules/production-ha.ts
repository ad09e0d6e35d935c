import { getNode } from '../yaml-util.js';
import type { Rule } from '../types.js';

export function isTrue(v: unknown): boolean {
  return (
    v === true || (typeof v === 'string' && ['true', 'yes', 'enabled', 'on'].includes(v.trim().toLowerCase()))
  );
}

/** The seed's environment pattern gives its production cluster `high_availability: true`. */
export const rule: Rule = {
  id: 'production-ha',
  severity: 'warning',
  description: 'A cluster with `environment: production` does not set `high_availability: true`.',
  docs: 'docs/rules/production-ha.md',
  check(ctx) {
    for (const c of ctx.model.clusters) {
      // Only `environment`, not `purpose`: regional production clusters get their availability from
      // the other regions, an environment-split production cluster is the only one.
      if (c.environment?.trim().toLowerCase() !== 'production') continue;
      if (isTrue(c.highAvailability)) continue;
      const ha = getNode(c.node, 'high_availability');
      ctx.report({
        src: c.src,
        node: ha ?? getNode(c.node, 'environment') ?? c.node,
        message: ha
          ? `production cluster "${c.name}" has high_availability: ${String(c.highAvailability)}; a single production cluster needs it`
          : `production cluster "${c.name}" does not set high_availability: true`,
      });
    }
  },
};
