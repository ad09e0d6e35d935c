/**
 * The proxy kubectl would use when the kubeconfig sets no `proxy-url`: Go's ProxyFromEnvironment —
 * HTTPS_PROXY for https servers, HTTP_PROXY for http ones (upper or lower case), skipped for hosts in
 * NO_PROXY and, always, for loopback addresses.
 */
import net from 'node:net';

function envVar(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name.toUpperCase()] ?? env[name.toLowerCase()];
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}

const familyOf = (ip: string): 'ipv4' | 'ipv6' => (net.isIPv6(ip) ? 'ipv6' : 'ipv4');

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** `localhost` names, 127.0.0.0/8 and ::1 (in any spelling, IPv4-mapped included); `host` without brackets. */
function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return net.isIP(host) !== 0 && LOOPBACK.check(host, familyOf(host));
}

/**
 * True when NO_PROXY exempts `host` (port optional), with Go's matching rules: `*`; IP addresses and CIDR
 * ranges, IPv4 and IPv6 (`10.0.0.0/8`, `fd00::/8`, `2001:db8::1`; compared as addresses, so an IPv4 range
 * covers the IPv4-mapped IPv6 spelling too); names and domain suffixes (`example.com`, `.example.com`,
 * `*.example.com`), each optionally with a `:port`.
 */
export function noProxyMatches(noProxy: string, host: string, port: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  const hostIp = net.isIP(h) !== 0;
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      const [base = '', bits = ''] = entry.split('/');
      if (!hostIp || !net.isIP(base) || !/^\d+$/.test(bits)) continue;
      const range = new net.BlockList();
      try {
        range.addSubnet(base, Number(bits), familyOf(base));
      } catch {
        continue; // a prefix longer than the address: no range, as Go's ParseCIDR refuses it
      }
      if (range.check(h, familyOf(h))) return true;
      continue;
    }
    const portMatch = /^(.*):(\d+)$/.exec(entry);
    if (portMatch && !net.isIPv6(entry)) {
      if (portMatch[2] !== port) continue;
      entry = portMatch[1] ?? '';
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (net.isIP(entry)) {
      if (!hostIp) continue;
      const address = new net.BlockList();
      address.addAddress(entry, familyOf(entry));
      if (address.check(h, familyOf(h))) return true;
      continue;
    }
    const domain = entry.startsWith('*.') ? entry.slice(1) : entry;
    if (
      domain.startsWith('.')
        ? h.endsWith(domain) || h === domain.slice(1)
        : h === domain || h.endsWith(`.${domain}`)
    ) {
      return true;
    }
  }
  return false;
}

/** The proxy URL from the environment for `server`, or undefined. */
export function proxyFromEnv(server: URL, env: NodeJS.ProcessEnv): string | undefined {
  const host = server.hostname.replace(/^\[|\]$/g, '');
  if (isLoopback(host)) return undefined;
  const proxy = envVar(env, server.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY');
  if (proxy === undefined) return undefined;
  const noProxy = envVar(env, 'NO_PROXY');
  const port = server.port || (server.protocol === 'https:' ? '443' : '80');
  if (noProxy !== undefined && noProxyMatches(noProxy, host, port)) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}
