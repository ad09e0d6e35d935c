/**
 * One TLS secure context per set of TLS material (CA bundle, client certificate, client key), shared by
 * every connection that presents the same set.
 *
 * Without it node:tls builds a fresh `SecureContext` for every socket it opens: an OpenSSL `SSL_CTX`, the
 * CA bundle parsed into a new certificate store, the key and certificate parsed again. Against a fleet
 * whose clusters share a CA (one issuer for many clusters, a hub's members, the simulator) that was ~0.7 ms
 * of CPU per connection, 0.7 s of a 1,000-cluster `get` (profiled, `bench/growth.js`). Verification is
 * unchanged: whether to verify, the server name and the host check are per connection options, and the
 * agent still keys its socket pool on `ca`/`cert`/`key` (they are passed beside the context), so a rotated
 * certificate still gets a new socket. Sessions are not shared through the context: Node keeps client
 * sessions per agent and server name, never in the `SSL_CTX`.
 */
import { createHash, type Hash } from 'node:crypto';
import tls from 'node:tls';

/** The TLS material that makes a context (the rest of the TLS options are per connection). */
export interface ContextMaterial {
  ca?: string | Buffer | (string | Buffer)[] | undefined;
  cert?: string | Buffer | (string | Buffer)[] | undefined;
  key?: string | Buffer | (string | Buffer | tls.KeyObject)[] | undefined;
}

/** Contexts kept; a fleet with more distinct sets than this builds the others again when evicted. */
export const MAX_SHARED_CONTEXTS = 1024;
const contexts = new Map<string, tls.SecureContext>();

function feed(h: Hash, part: ContextMaterial[keyof ContextMaterial]): boolean {
  if (part === undefined) {
    h.update('u');
    return true;
  }
  for (const item of Array.isArray(part) ? part : [part]) {
    // an encrypted key object (passphrase) or anything unusual: let node:tls build its own context
    if (typeof item !== 'string' && !Buffer.isBuffer(item)) return false;
    const bytes = typeof item === 'string' ? Buffer.from(item) : item;
    h.update(`${Array.isArray(part) ? 'a' : 's'}${bytes.length}:`);
    h.update(bytes);
  }
  h.update(';');
  return true;
}

/**
 * The shared context for `material`, built on first use; undefined when the material is of a shape this
 * cache does not key (then node:tls builds the context per socket, as before). Throws what
 * `tls.createSecureContext` throws for unusable material (the request's error, as node:tls would give it).
 */
export function sharedSecureContext(material: ContextMaterial): tls.SecureContext | undefined {
  const h = createHash('sha256');
  if (!feed(h, material.ca) || !feed(h, material.cert) || !feed(h, material.key)) return undefined;
  const id = h.digest('base64');
  let ctx = contexts.get(id);
  if (ctx) return ctx;
  ctx = tls.createSecureContext({
    ...(material.ca !== undefined && { ca: material.ca }),
    ...(material.cert !== undefined && { cert: material.cert }),
    ...(material.key !== undefined && { key: material.key }),
  });
  if (contexts.size >= MAX_SHARED_CONTEXTS) contexts.delete(contexts.keys().next().value as string);
  contexts.set(id, ctx);
  return ctx;
}

/** The options `material` with the shared context of its material added (node:tls then builds none for the socket). */
export function withSharedContext<T extends ContextMaterial>(
  material: T,
): T & { secureContext?: tls.SecureContext } {
  const secureContext = sharedSecureContext(material);
  return secureContext ? { ...material, secureContext } : material;
}

/** How many contexts are kept (tests). */
export function sharedContextCount(): number {
  return contexts.size;
}
