import type { Rule } from '../types.js';
import { KUBEFED_GROUP } from '../parse.js';
import { isLegacyKubefed } from './_helpers-l2.js';

/**
 * KubeFed renamed its API groups from `*.kubefed.k8s.io` to `*.kubefed.io` before v0.1.0 (2019): a
 * released control plane serves only the new group, so a federated resource of the old one is refused
 * by the API server (no such kind) and nothing propagates.
 */
export const rule: Rule = {
  id: 'kubefed-api-group',
  severity: 'warning',
  description: 'A KubeFed federated resource uses the pre-v0.1.0 API group types.kubefed.k8s.io.',
  docs: 'docs/rules/kubefed-api-group.md',
  check(ctx) {
    for (const k of ctx.model.kubefed) {
      if (!isLegacyKubefed(k)) continue;
      const version = k.apiVersion.split('/')[1] ?? 'v1beta1';
      ctx.report({
        src: k.src,
        path: ['apiVersion'],
        message: `apiVersion "${k.apiVersion}" is KubeFed's API group before v0.1.0; KubeFed v0.1.0 and later serve only ${KUBEFED_GROUP}, so this ${k.kind} is refused and never propagated; use apiVersion: ${KUBEFED_GROUP}/${version}, with override paths as JSON Pointers (/spec/replicas, not spec.replicas).`,
      });
    }
  },
};
