import { isScalar } from 'yaml';
import { valueText } from '../../util/text.js';
import type { Rule } from '../types.js';
import { resolvePath, scalarString } from '../yaml-util.js';

/** The tag of an image reference, or undefined when it has none or is pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
}

const norm = (s: string) => s.trim().replace(/^[vV](?=\d)/, '');

/** Container images of every `containers` list below a value (bounded depth). */
function images(
  v: unknown,
  depth = 0,
  out: { name: string; image: string }[] = [],
): { name: string; image: string }[] {
  if (depth > 8 || typeof v !== 'object' || v === null) return out;
  if (Array.isArray(v)) {
    for (const x of v) images(x, depth + 1, out);
    return out;
  }
  for (const [k, x] of Object.entries(v)) {
    if (k === 'containers' && Array.isArray(x)) {
      for (const c of x) {
        if (typeof c === 'object' && c !== null && typeof (c as { image?: unknown }).image === 'string') {
          out.push({
            name: valueText((c as { name?: unknown }).name ?? '?'),
            image: (c as { image: string }).image,
          });
        }
      }
    } else if (k !== 'initContainers') {
      images(x, depth + 1, out);
    }
  }
  return out;
}

/** The `version` label must agree with the image tag, or dashboards and routing mislabel the release. */
export const rule: Rule = {
  id: 'image-version-mismatch',
  severity: 'warning',
  description: "A KubeFed template's version label differs from its container image tag.",
  docs: 'docs/rules/image-version-mismatch.md',
  check(ctx) {
    for (const k of ctx.model.kubefed) {
      const tagged = images(k.template).flatMap((i) => {
        const tag = imageTag(i.image);
        return tag !== undefined ? [{ ...i, tag }] : [];
      });
      if (tagged.length === 0) continue;
      const root = k.src.doc.contents;
      const labelPaths = [
        ['spec', 'template', 'metadata', 'labels', 'version'],
        ['spec', 'template', 'spec', 'template', 'metadata', 'labels', 'version'],
      ];
      for (const path of labelPaths) {
        const r = resolvePath(root, path);
        if (!r.complete || !r.lastPair) continue;
        const v = r.lastPair.value;
        // The label as written: `2.10` must not become the number 2.1.
        const version =
          isScalar(v) && typeof v.source === 'string' && v.source !== '' ? v.source : scalarString(v);
        if (version === undefined || version === '') continue;
        if (tagged.some((t) => norm(t.tag) === norm(version))) continue;
        const tags = tagged.map((t) => `${t.name}: ${t.tag}`).join(', ');
        ctx.report({
          src: k.src,
          node: r.lastPair,
          message: `version label "${version}" does not match the container image tag (${tags}); update the label together with the image tag.`,
        });
      }
    }
  },
};
