import { getNode, getSeq, scalarItems, scalarString } from '../yaml-util.js';
import { jurisdictionGeo, regionGeo } from '../regions.js';
import type { Geo } from '../regions.js';
import type { Rule } from '../types.js';

const NAMES: Record<Geo, string> = { eu: 'EU', us: 'US', apac: 'Asia-Pacific', other: 'other' };

/** The seed: "EU for GDPR compliance, US for SOC2 requirements, Asia-Pacific for local regulations". */
export const rule: Rule = {
  id: 'data-residency',
  severity: 'error',
  description:
    'A cluster bound to a jurisdiction (`compliance: [gdpr]`, `jurisdiction: eu|us|apac`) sits in a region outside it.',
  docs: 'docs/rules/data-residency.md',
  check(ctx) {
    for (const c of ctx.model.clusters) {
      if (!c.region) continue;
      const geo = regionGeo(c.region);
      if (!geo) continue; // unknown region naming: no claim
      const wants: { geo: Exclude<Geo, 'other'>; why: string; node: unknown }[] = [];
      const gdpr = scalarItems(getSeq(c.node, 'compliance')).find(
        (s) => scalarString(s)?.toLowerCase() === 'gdpr',
      );
      if (gdpr) wants.push({ geo: 'eu', why: 'compliance gdpr', node: gdpr });
      if (c.jurisdiction) {
        const j = jurisdictionGeo(c.jurisdiction);
        if (j)
          wants.push({
            geo: j,
            why: `jurisdiction ${c.jurisdiction}`,
            node: getNode(c.node, 'jurisdiction'),
          });
      }
      const regionNode = getNode(c.node, 'region');
      for (const w of wants) {
        if (w.geo === geo) continue;
        ctx.report({
          src: c.src,
          node: regionNode ?? c.node,
          message: `cluster "${c.name}" requires ${NAMES[w.geo]} data residency (${w.why}) but region ${c.region} is ${geo === 'other' ? 'outside it' : `in the ${NAMES[geo]}`}`,
          related: [{ src: c.src, node: w.node as never, message: w.why }],
        });
        break;
      }
    }
  },
};
