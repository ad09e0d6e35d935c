import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import type { KubeconfigOverrides } from './overrides.js';

/** Where to read kubeconfig from, as kubectl decides: `--kubeconfig`, else `KUBECONFIG`, else ~/.kube/config. */
export interface KubeconfigSourceOptions {
  /** The `--kubeconfig` flag: one file, used alone. */
  kubeconfig?: string;
  /** Environment to read `KUBECONFIG` from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Home directory for `~/.kube/config` (default `os.homedir()`). */
  homeDir?: string;
  /** kubectl's global connection flags, applied to every context (`--token`, `--as`, `--server`, …). */
  overrides?: KubeconfigOverrides;
}

/** Impersonation beyond the user name, which client-node's `User` does not carry. */
export interface Impersonation {
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

/** One context of the merged kubeconfig, with no secret material. */
export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  /** The cluster's server URL, when the cluster entry exists. */
  server?: string;
  /** The file this context came from. */
  file: string;
  /** The kubeconfig itself asks to skip TLS verification for this cluster. */
  insecureSkipTlsVerify: boolean;
}

/**
 * One context's entries in client-node's shapes, fresh objects on every call (client-node's OIDC refresh
 * writes into the user). Paths are absolute; `token-file` alone becomes a `tokenFile` auth-provider.
 */
export interface ConnectionConfig {
  cluster: Cluster;
  user: User;
  context: Context;
  /** `as-groups`, `as-uid`, `as-user-extra` (the user name is `user.impersonateUser`). */
  impersonate?: Impersonation;
  /** The cluster's `disable-compression`: responses are not asked for gzip. */
  disableCompression?: boolean;
  /**
   * The cluster's `client.authentication.k8s.io/exec` extension, which an exec plugin with
   * `provideClusterInfo` receives as `spec.cluster.config` (client-go's rule).
   */
  execClusterConfig?: unknown;
}

export interface LoadedKubeconfig {
  /** The files that were read, in precedence order. */
  files: string[];
  currentContext?: string;
  contexts: ContextInfo[];
  /** Non-fatal findings (missing files in KUBECONFIG, duplicate names where the first file won, …). */
  warnings: string[];
  /** This context's cluster, user and context entries, as plain objects (no client-node needed). */
  connectionConfigFor(context: string): ConnectionConfig;
  /** A fresh `KubeConfig` holding only this context (one object per context: never switch a shared one). */
  kubeConfigFor(context: string): KubeConfig;
}

/** Which contexts a command runs on. With none of these set: the current context. */
export interface ContextSelection {
  /** `--context`: exactly this one. */
  context?: string;
  /** `--all-clusters`. */
  allClusters?: boolean;
  /** `--clusters a,b,*-prod`: exact names and globs. */
  clusters?: string[];
  /** `--exclude`: names and globs removed from the selection. */
  exclude?: string[];
}
