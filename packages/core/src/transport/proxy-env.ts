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

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/** True when NO_PROXY exempts `host` (port optional), with Go's matching rules for names, IPs and CIDRs. */
export function noProxyMatches(noProxy: string, host: string, port: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      const [base, bits] = entry.split('/');
      if (base && net.isIPv4(base) && net.isIPv4(h)) {
        const n = Number(bits);
        const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
        if ((ipv4ToInt(base) & mask) >>> 0 === (ipv4ToInt(h) & mask) >>> 0) return true;
      }
      continue;
    }
    const portMatch = /^(.*):(\d+)$/.exec(entry);
    if (portMatch && !net.isIPv6(entry)) {
      if (portMatch[2] !== port) continue;
      entry = portMatch[1] ?? '';
    }
    if (net.isIP(entry)) {
      if (entry === h) return true;
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
