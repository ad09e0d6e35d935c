/**
 * kubectl's global connection flags (`--server`, `--token`, `--user`, `--as`, …) as overrides of the
 * kubeconfig, applied the way client-go's clientcmd applies its `ConfigOverrides`: the context's cluster
 * and user entries are chosen first (`--cluster`, `--user`), then each field given on the command line
 * replaces the kubeconfig's, with clientcmd's two special cases for TLS (see `overrideCluster`).
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { RawEntry } from './file.js';

export interface KubeconfigOverrides {
  /** `--cluster`: the kubeconfig cluster entry the contexts use. */
  cluster?: string;
  /** `--user`: the kubeconfig user entry the contexts use. */
  user?: string;
  /** `--server`, `-s`. */
  server?: string;
  /** `--certificate-authority`: a file. */
  certificateAuthority?: string;
  /** `--insecure-skip-tls-verify` (only `true` overrides, as in kubectl). */
  insecureSkipTlsVerify?: boolean;
  /** `--tls-server-name`. */
  tlsServerName?: string;
  /** `--disable-compression` (only `true` overrides, as in kubectl): no gzip asked for. */
  disableCompression?: boolean;
  /** `--token`. */
  token?: string;
  /** `--client-certificate`, `--client-key`: files. */
  clientCertificate?: string;
  clientKey?: string;
  /** `--username`, `--password`: basic auth. */
  username?: string;
  password?: string;
  /** `--as`, `--as-group` (repeatable), `--as-uid`: impersonation. */
  as?: string;
  asGroups?: string[];
  asUid?: string;
}

/** The overrides that point at one particular API server: they cannot apply to several clusters. */
export const ENDPOINT_OVERRIDES = [
  ['server', '--server'],
  ['cluster', '--cluster'],
  ['certificateAuthority', '--certificate-authority'],
  ['tlsServerName', '--tls-server-name'],
] as const satisfies readonly (readonly [keyof KubeconfigOverrides, string])[];

/** The flags among `o` that name one API server (`--server`, …), for the check against a fleet. */
export function endpointOverrideFlags(o: KubeconfigOverrides): string[] {
  return ENDPOINT_OVERRIDES.filter(([k]) => o[k] !== undefined).map(([, flag]) => flag);
}

/** Refuse endpoint overrides (`--server`, …) for a selection of more than one context. */
export function checkOverridesForSelection(o: KubeconfigOverrides, contexts: readonly string[]): void {
  const flags = endpointOverrideFlags(o);
  if (flags.length > 0 && contexts.length > 1) {
    throw new UsageError(
      `${flags.join(', ')} names one API server, but ${contexts.length} contexts are selected; select one with --context`,
    );
  }
}

/** Whether any override is set. */
export function hasOverrides(o: KubeconfigOverrides | undefined): o is KubeconfigOverrides {
  return o !== undefined && Object.values(o).some((v) => v !== undefined && v !== false);
}

const abs = (p: string): string => path.resolve(p);

/** The cluster entry with the command line's fields, clientcmd's way. */
export function overrideCluster(entry: RawEntry | undefined, name: string, o: KubeconfigOverrides): RawEntry {
  const body: Record<string, unknown> = { ...(entry?.body ?? {}) };
  if (o.server !== undefined) body['server'] = o.server;
  // An explicit --insecure-skip-tls-verify or --certificate-authority replaces all three of the
  // kubeconfig's CA settings, so that a kubeconfig CA and the flag do not contradict each other.
  if (o.insecureSkipTlsVerify === true || o.certificateAuthority !== undefined) {
    delete body['certificate-authority'];
    delete body['certificate-authority-data'];
    body['insecure-skip-tls-verify'] = o.insecureSkipTlsVerify === true;
    if (o.certificateAuthority !== undefined) body['certificate-authority'] = abs(o.certificateAuthority);
  }
  if (o.disableCompression === true) body['disable-compression'] = true;
  // A --server clears the kubeconfig's tls-server-name unless --tls-server-name is given too.
  if (o.tlsServerName !== undefined || o.server !== undefined) {
    delete body['tls-server-name'];
    if (o.tlsServerName !== undefined) body['tls-server-name'] = o.tlsServerName;
  }
  return { name, body, file: entry?.file ?? '(command line)', line: entry?.line ?? 0 };
}

/** Whether the overrides change anything about the user's credentials. */
export function overridesUser(o: KubeconfigOverrides): boolean {
  return (
    o.token !== undefined ||
    o.clientCertificate !== undefined ||
    o.clientKey !== undefined ||
    o.username !== undefined ||
    o.password !== undefined ||
    o.as !== undefined ||
    o.asGroups !== undefined ||
    o.asUid !== undefined
  );
}

/**
 * The user entry with the command line's fields. A `--token` is the credential the user asked for:
 * the kubeconfig's token file and plugins (exec, auth-provider) are then not run for it.
 */
export function overrideUser(entry: RawEntry | undefined, name: string, o: KubeconfigOverrides): RawEntry {
  const body: Record<string, unknown> = { ...(entry?.body ?? {}) };
  if (o.token !== undefined) {
    body['token'] = o.token;
    delete body['tokenFile'];
    delete body['exec'];
    delete body['auth-provider'];
  }
  if (o.clientCertificate !== undefined) {
    body['client-certificate'] = abs(o.clientCertificate);
    delete body['client-certificate-data'];
  }
  if (o.clientKey !== undefined) {
    body['client-key'] = abs(o.clientKey);
    delete body['client-key-data'];
  }
  if (o.username !== undefined) body['username'] = o.username;
  if (o.password !== undefined) body['password'] = o.password;
  if (o.as !== undefined) body['as'] = o.as;
  if (o.asGroups !== undefined) body['as-groups'] = [...o.asGroups];
  if (o.asUid !== undefined) body['as-uid'] = o.asUid;
  return { name, body, file: entry?.file ?? '(command line)', line: entry?.line ?? 0 };
}
