import type { Rule } from '../types.js';
import { parseIP } from './_helpers-l2.js';

/** Why a CoreDNS `forward` target is invalid, or undefined when it is an IP[:port], tls://IP, dns://IP or a path. */
export function forwardTargetProblem(target: string): string | undefined {
  if (target.startsWith('/')) return undefined; // a resolv.conf-style file of upstreams
  let rest = target;
  const scheme = /^([a-z]+):\/\//i.exec(rest);
  if (scheme) {
    const s = scheme[1]!.toLowerCase();
    if (s !== 'tls' && s !== 'dns') return `uses the unsupported scheme ${s}://`;
    rest = rest.slice(scheme[0].length);
  }
  let host = rest;
  let port: string | undefined;
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  if (bracket) {
    host = bracket[1]!;
    port = bracket[2];
    if (parseIP(host)?.family !== 6) return 'is not an IP address';
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    [host, port] = rest.split(':') as [string, string];
  }
  if (!parseIP(host)) {
    return /^[a-z0-9.-]+$/i.test(host) && /[a-z]/i.test(host)
      ? 'is a host name, which forward does not resolve'
      : 'is not an IP address';
  }
  if (port !== undefined) {
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
      return `has an invalid port "${port}"`;
  }
  return undefined;
}

/** CoreDNS refuses to start when a `forward` upstream is not an IP address: the whole cluster loses DNS. */
export const rule: Rule = {
  id: 'dns-forward',
  severity: 'error',
  description: 'A CoreDNS forward target is not an IP[:port] (or tls://IP).',
  docs: 'docs/rules/dns-forward.md',
  check(ctx) {
    for (const d of ctx.model.coredns) {
      for (const f of d.files) {
        for (const block of f.blocks) {
          const zone = block.zones.join(' ') || '(no zone)';
          for (const dir of block.directives) {
            if (dir.name !== 'forward') continue;
            if (dir.args.length < 2) {
              ctx.report({
                src: d.src,
                range: dir.range,
                message: `forward in zone ${zone} (${f.key}) has no upstream; add the registry's address, e.g. forward . 10.0.0.10.`,
              });
              continue;
            }
            const shell = dir.args.findIndex((a) => /\$\(|`/.test(a));
            if (shell >= 0) {
              // One finding for the line: the words of a command are not upstreams.
              ctx.report({
                src: d.src,
                range: dir.argRanges[shell] ?? dir.range,
                message: `forward in zone ${zone} (${f.key}) has "${dir.args[shell]!.slice(0, 80)}" as upstream, which looks like an unexpanded shell substitution; run the command and write its output (the upstream's IP address) into the Corefile.`,
              });
              continue;
            }
            dir.args.slice(1).forEach((target, i) => {
              // `{$NAME}`: CoreDNS substitutes the environment variable at start-up; its value is unknown here.
              if (/\{(\$\w+|%\w+%)\}/.test(target)) return;
              const problem = forwardTargetProblem(target);
              if (problem === undefined) return;
              ctx.report({
                src: d.src,
                range: dir.argRanges[i + 1] ?? dir.range,
                message: `forward target "${target}" in zone ${zone} (${f.key}) ${problem}; CoreDNS needs IP[:port] or tls://IP, so use the upstream's IP address (e.g. 10.0.0.10 or 10.0.0.10:5353).`,
              });
            });
          }
        }
      }
    }
  },
};
