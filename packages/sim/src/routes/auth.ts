// Who is asking (bearer token or client certificate) and what they may do (the restricted user's
// RBAC-style refusals, with kube-apiserver's messages).
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { ResourceDef } from '../resources.js';

export interface UserInfo {
  name: string;
  /** May list only in namespace `default`, never secrets. */
  restricted?: boolean;
}

export interface Credentials {
  /** bearer token → user */
  tokens: Map<string, UserInfo>;
  /** client certificates (CN) accepted as users; verified against the CA */
  certUsers: Map<string, UserInfo>;
}

export function authenticate(req: IncomingMessage, creds: Credentials): UserInfo | undefined {
  const auth = req.headers.authorization;
  if (auth && /^bearer /i.test(auth)) {
    return creds.tokens.get(auth.slice(7).trim());
  }
  const sock = req.socket as TLSSocket;
  if (sock.authorized) {
    const peer = sock.getPeerCertificate();
    const cn = peer?.subject?.CN;
    const name = Array.isArray(cn) ? cn[0] : cn;
    if (name) return creds.certUsers.get(name);
  }
  return undefined;
}

export interface Refusal {
  message: string;
  details: Record<string, unknown>;
}

/**
 * Impersonation (`Impersonate-User`, `Impersonate-Group`, `Impersonate-Uid` headers), as kube-apiserver
 * does it: an admin may impersonate anyone; the restricted user may not. The impersonated user gets the
 * restricted user's permissions unless one of its groups is `system:masters`.
 */
export function impersonate(
  req: IncomingMessage,
  user: UserInfo,
): { user: UserInfo } | { status: 400 | 403; message: string; details?: Record<string, unknown> } {
  const name = req.headersDistinct['impersonate-user']?.[0];
  const rawGroups = req.headersDistinct['impersonate-group'] ?? [];
  const uid = req.headersDistinct['impersonate-uid']?.[0];
  if (name === undefined) {
    if (rawGroups.length > 0 || uid !== undefined) {
      return {
        status: 400,
        message: 'requested impersonation of groups or uid without impersonating a user',
      };
    }
    return { user };
  }
  if (user.restricted) {
    return {
      status: 403,
      message: `users "${name}" is forbidden: User "${user.name}" cannot impersonate resource "users" in API group "" at the cluster scope`,
      details: { name, kind: 'users' },
    };
  }
  return { user: { name, ...(!rawGroups.includes('system:masters') && { restricted: true }) } };
}

/** Why `user` may not `verb` this resource here, or undefined when allowed. */
export function authorize(
  user: UserInfo,
  verb: string,
  def: ResourceDef,
  namespace: string | undefined,
  name: string | undefined,
  subresource?: string,
): Refusal | undefined {
  if (!user.restricted) return undefined;
  const allowed = def.namespaced && namespace === 'default' && def.plural !== 'secrets';
  if (allowed) return undefined;
  const res = `${def.plural}${def.group ? '.' + def.group : ''}`;
  const subject = name ? `${res} "${name}"` : res;
  const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const resource = subresource ? `${def.plural}/${subresource}` : def.plural;
  return {
    message: `${subject} is forbidden: User "${user.name}" cannot ${verb} resource "${resource}" in API group "${def.group}" ${where}`,
    details: { ...(name ? { name } : {}), group: def.group, kind: def.plural },
  };
}
