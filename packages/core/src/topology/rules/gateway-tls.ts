import { isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { Rule } from '../types.js';
import { getMap, getNode, getString, pairOf } from '../yaml-util.js';
import { insertAfterPair } from './_helpers-l2.js';

/**
 * Where Istio's Gateway validation finds a server certificate for SIMPLE, MUTUAL and OPTIONAL_MUTUAL:
 * `credentialName`, the list `credentialNames` (several certificates, e.g. RSA and ECDSA),
 * `tlsCertificates`, or the files `serverCertificate` (with privateKey).
 */
function hasCertificate(tls: YAMLMap): boolean {
  if (pairOf(tls, 'credentialName') || pairOf(tls, 'serverCertificate')) return true;
  return ['credentialNames', 'tlsCertificates'].some((k) => {
    const v = getNode(tls, k);
    return isSeq(v) ? v.items.length > 0 : v !== undefined && !isScalar(v);
  });
}

/** An HTTPS server needs TLS settings, and SIMPLE/MUTUAL TLS needs a credential to serve. */
export const rule: Rule = {
  id: 'gateway-tls',
  severity: 'error',
  description:
    'An Istio Gateway HTTPS server has no tls, or SIMPLE/MUTUAL/OPTIONAL_MUTUAL TLS without a certificate.',
  docs: 'docs/rules/gateway-tls.md',
  check(ctx) {
    for (const g of ctx.model.istioGateways) {
      const placeholder = `${g.name ?? 'gateway'}-tls`;
      for (const server of g.servers) {
        const port = getMap(server, 'port');
        const protocol = getString(port, 'protocol');
        const portName = getString(port, 'name') ?? getString(port, 'number') ?? '?';
        const tlsPair = pairOf(server, 'tls');
        if (!tlsPair) {
          if (protocol?.toUpperCase() !== 'HTTPS') continue;
          const portPair = pairOf(server, 'port');
          const edit = portPair
            ? insertAfterPair(g.src, server, portPair, [
                'tls:',
                '  mode: SIMPLE',
                `  credentialName: ${placeholder}`,
              ])
            : undefined;
          ctx.report({
            src: g.src,
            node: getNode(port, 'protocol') ?? server,
            message: `HTTPS server "${portName}" has no tls settings, so Istio drops the listener; add tls: with mode SIMPLE or MUTUAL and the credentialName of the certificate secret.`,
            ...(edit
              ? {
                  fix: {
                    title: `Add tls with a credentialName placeholder (${placeholder})`,
                    edits: [{ file: g.src.file, ...edit }],
                  },
                }
              : {}),
          });
          continue;
        }
        const tls = getMap(server, 'tls');
        if (!tls) {
          if (protocol?.toUpperCase() !== 'HTTPS') continue;
          ctx.report({
            src: g.src,
            node: tlsPair,
            at: 'key',
            message: `HTTPS server "${portName}" has an empty tls, so Istio drops the listener; set tls.mode (SIMPLE or MUTUAL) and the credentialName of the certificate secret.`,
          });
          continue;
        }
        const mode = getString(tls, 'mode')?.toUpperCase();
        if (mode !== 'SIMPLE' && mode !== 'MUTUAL' && mode !== 'OPTIONAL_MUTUAL') continue;
        if (hasCertificate(tls)) continue;
        const modePair = pairOf(tls, 'mode')!;
        const edit = insertAfterPair(g.src, tls, modePair, [`credentialName: ${placeholder}`]);
        ctx.report({
          src: g.src,
          node: modePair,
          message: `server "${portName}" uses tls.mode ${mode} without credentialName, so the gateway has no certificate to serve; add credentialName with the name of the secret holding the certificate${mode === 'SIMPLE' ? '' : ' and CA'}.`,
          ...(edit
            ? {
                fix: {
                  title: `Add credentialName placeholder (${placeholder})`,
                  edits: [{ file: g.src.file, ...edit }],
                },
              }
            : {}),
        });
      }
    }
  },
};
