import { plainAt } from '../parse.js';
import type { Rule } from '../types.js';
import { parseIP } from './_helpers-l2.js';

const HTTP = new Set(['http', 'http2', 'http_proxy', 'grpc', 'grpc-web']);
const TLS = new Set(['https', 'tls']);

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const records = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v)
    ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x))
    : [];

/**
 * An Istio ServiceEntry (how a mesh reaches services of other clusters and outside it) that Istio's
 * validation rejects: the combinations of resolution, hosts, endpoints and ports it refuses.
 */
export const rule: Rule = {
  id: 'service-entry',
  severity: 'error',
  description:
    'An Istio ServiceEntry combines resolution, hosts, endpoints and ports in a way Istio rejects.',
  docs: 'docs/rules/service-entry.md',
  check(ctx) {
    for (const src of ctx.model.docsOf('istio-service-entry')) {
      const spec = plainAt(src.value, 'spec');
      const name = plainAt(src.value, 'metadata', 'name');
      const label = typeof name === 'string' ? `ServiceEntry "${name}"` : 'ServiceEntry';
      const r = plainAt(spec, 'resolution');
      const resolution = (typeof r === 'string' ? r : 'NONE').toUpperCase();
      const hosts = strings(plainAt(spec, 'hosts'));
      const endpoints = records(plainAt(spec, 'endpoints'));
      const ports = records(plainAt(spec, 'ports'));
      hosts.forEach((h, i) => {
        if (h === '*')
          ctx.report({
            src,
            path: ['spec', 'hosts', i],
            message: `${label} has the host "*", which Istio refuses; name the hosts (a wildcard like *.example.com is allowed).`,
          });
      });
      if (resolution === 'NONE' && endpoints.length > 0) {
        ctx.report({
          src,
          path: ['spec', 'endpoints'],
          at: 'key',
          message: `${label} has endpoints with resolution NONE, which Istio refuses; use resolution: STATIC (IP endpoints) or DNS, or remove the endpoints.`,
        });
      }
      if (resolution === 'STATIC') {
        endpoints.forEach((e, i) => {
          const a = e.address;
          if (typeof a !== 'string' || a === '' || a.startsWith('unix://') || parseIP(a)) return;
          ctx.report({
            src,
            path: ['spec', 'endpoints', i, 'address'],
            message: `${label}: endpoint address "${a}" is not an IP address, which resolution STATIC requires; use the IP (for a remote cluster, its east-west gateway's), or resolution: DNS for a host name.`,
          });
        });
      }
      if ((resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') && endpoints.length === 0) {
        hosts.forEach((h, i) => {
          if (!h.startsWith('*')) return;
          ctx.report({
            src,
            path: ['spec', 'hosts', i],
            message: `${label}: host "${h}" is a wildcard, but resolution ${resolution} without endpoints resolves the hosts themselves, so each must be a full name; list the names, or give endpoints.`,
          });
        });
      }
      if (resolution !== 'NONE' && hosts.length > 1) {
        const plain = ports.find((p) => {
          const proto = typeof p.protocol === 'string' ? p.protocol.toLowerCase() : '';
          return !HTTP.has(proto) && !TLS.has(proto);
        });
        if (plain) {
          ctx.report({
            src,
            path: ['spec', 'hosts'],
            at: 'key',
            message: `${label} has ${hosts.length} hosts and a port with protocol ${typeof plain.protocol === 'string' ? plain.protocol : '(unset)'}, which Istio refuses: plain TCP cannot tell the hosts apart; split it into one ServiceEntry per host, or use HTTP or TLS ports.`,
          });
        }
      }
    }
  },
};
