/**
 * The keep-alive Agent of one cluster: direct, or through an http:// proxy (the kubeconfig's `proxy-url`,
 * else HTTPS_PROXY / HTTP_PROXY / NO_PROXY as kubectl reads them, see ./proxy-env.ts) with CONNECT
 * tunnels.
 *
 * The tunnels are hpagent's (already installed and shipped as a dependency of @kubernetes/client-node;
 * no dependencies of its own; its agents extend Node's http.Agent / https.Agent, so pooling, keep-alive
 * and the TLS options of each request work as without a proxy). It is loaded only when a proxy is
 * configured: its import costs ~3-8 ms (measured with node:http/https already loaded, 2 vCPUs).
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { Cluster } from '@kubernetes/client-node';
import { ClusterError } from '../errors.js';
import { q } from '../util/text.js';
import { proxyFromEnv } from './proxy-env.js';

type Callback = (err: Error | null, stream: Duplex) => void;

/** hpagent's refusal (`Bad response: 407`) in our words, naming the tunnel's target. */
function refusal(err: Error | null, options: http.ClientRequestArgs): Error | null {
  const status = err && /^Bad response: (\d+)$/.exec(err.message)?.[1];
  if (!err || !status) return err;
  const target = `${options.host}:${options.port}`;
  return Object.assign(new Error(`proxy refused CONNECT to ${target}: HTTP ${status}`), {
    code: 'EPROXY',
    cause: err,
  });
}

type TunnelClass = new (options: http.AgentOptions & { proxy: URL }) => http.Agent;

/** An Agent whose connections are CONNECT tunnels through `proxy` (TLS inside them when `secure`). */
async function tunnelAgent(secure: boolean, proxy: URL, options: http.AgentOptions): Promise<http.Agent> {
  const { HttpProxyAgent, HttpsProxyAgent } = await import('hpagent');
  const Base: TunnelClass = secure ? HttpsProxyAgent : HttpProxyAgent;
  const Tunnel = class extends Base {
    override createConnection(o: http.ClientRequestArgs, cb?: Callback): undefined {
      super.createConnection(o, (err, s) => cb?.(refusal(err, o), s));
      return undefined;
    }
  };
  return new Tunnel({ ...options, proxy });
}

/**
 * node:tls checks a new connection's host name against the peer's *detailed* certificate (its issuer
 * chain converted to objects: ~0.34 ms a handshake against 0.02 ms, ~10 % of the CPU of a 1,000-cluster
 * `get`, profiled), though `tls.checkServerIdentity` reads only the leaf's subject and subject alternative
 * names, which the abbreviated certificate holds. So a socket's first `getPeerCertificate` (that check's;
 * nothing else asks before it) is answered abbreviated, then node's own method is back. Chain
 * verification is OpenSSL's, during the handshake, and untouched.
 */
class DirectHttpsAgent extends https.Agent {
  override createConnection(options: http.ClientRequestArgs, cb?: Callback): Duplex {
    const socket = (super.createConnection as (o: unknown, c?: Callback) => Duplex)(options, cb);
    if (socket instanceof tls.TLSSocket) {
      const own = socket.getPeerCertificate.bind(socket);
      socket.getPeerCertificate = ((_detailed?: boolean) => {
        delete (socket as { getPeerCertificate?: unknown }).getPeerCertificate;
        return own(false);
      }) as tls.TLSSocket['getPeerCertificate'];
    }
    return socket;
  }
}

/**
 * The Agent for a cluster at `url`. An unusable proxy (not a URL, not http://) is a `ClusterError` of
 * that context, naming where the proxy came from.
 */
export async function clusterAgent(
  context: string,
  cluster: Pick<Cluster, 'name' | 'proxyUrl'>,
  url: URL,
  env: NodeJS.ProcessEnv,
): Promise<http.Agent> {
  const secure = url.protocol === 'https:';
  const options: http.AgentOptions = { keepAlive: true, maxFreeSockets: 16, scheduling: 'lifo' };
  const proxyUrl = cluster.proxyUrl ?? proxyFromEnv(url, env);
  if (!proxyUrl) return secure ? new DirectHttpsAgent(options) : new http.Agent(options);
  const what = cluster.proxyUrl ? 'proxy-url' : secure ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  let proxy: URL;
  try {
    proxy = new URL(proxyUrl);
  } catch {
    throw new ClusterError(
      'Unreachable',
      context,
      `${what} for cluster ${q(cluster.name)} is not a valid URL`,
    );
  }
  if (proxy.protocol !== 'http:') {
    throw new ClusterError(
      'Unreachable',
      context,
      `${what} scheme ${q(proxy.protocol)} is not supported (only http:// proxies)`,
    );
  }
  return tunnelAgent(secure, proxy, options);
}
