/**
 * client-node, loaded only where a credential plugin needs it (see ADR 0002): the loader and the test of
 * which users need it.
 */
import { createRequire } from 'node:module';
import type { User } from '@kubernetes/client-node';

type ClientNode = typeof import('@kubernetes/client-node');
let clientNode: ClientNode | undefined;

/**
 * client-node, loaded on first use rather than at import: it takes far longer to load than the rest of
 * core, and `lint`, `--help` or a usage error should not pay for it. Loaded synchronously, always the same
 * way: mixing `import()` with `require()` of one ES module races (ERR_REQUIRE_ESM_RACE_CONDITION).
 */
export function loadClientNode(): ClientNode {
  if (!clientNode) {
    // A CommonJS bundle (the VS Code extension) has `require`, and bundlers follow this literal call;
    // ES modules on Node >= 22.12 get the same synchronous require(esm) through createRequire.
    clientNode = (
      typeof require === 'function'
        ? // eslint-disable-next-line @typescript-eslint/no-require-imports
          require('@kubernetes/client-node')
        : createRequire(import.meta.url)('@kubernetes/client-node')
    ) as ClientNode;
  }
  return clientNode;
}

/**
 * True when this user's credentials come from a plugin that client-node runs (exec, auth-provider).
 * Static tokens, `tokenFile`, client certificates and basic auth need no client-node: the transport applies them itself, and commands whose contexts are all static never
 * load it (the ~400 ms it takes to load is most of a `get`'s start-up).
 */
export function usesAuthPlugin(user: User | null | undefined): boolean {
  return (
    user != null &&
    (user.exec != null || (user.authProvider != null && !isTokenFileProvider(user.authProvider)))
  );
}

/**
 * True when client-node itself must run this user's plugin: auth providers (OIDC, legacy exec providers).
 * Exec plugins are run by core's ExecCredentials; static credentials by StaticCredentials.
 */
export function needsClientNode(user: User | null | undefined): boolean {
  return (
    user != null && user.exec == null && user.authProvider != null && !isTokenFileProvider(user.authProvider)
  );
}

/**
 * A user's `tokenFile`, which the loader carries as a `tokenFile` auth-provider (client-node's shape for
 * it); core's StaticCredentials reads it, so no plugin is involved.
 */
export function tokenFileOf(user: User): string | undefined {
  const ap: unknown = user.authProvider;
  return isTokenFileProvider(ap) ? ap.config.tokenFile : undefined;
}

function isTokenFileProvider(ap: unknown): ap is { name: 'tokenFile'; config: { tokenFile: string } } {
  if (typeof ap !== 'object' || ap === null) return false;
  const { name, config } = ap as { name?: unknown; config?: unknown };
  return (
    name === 'tokenFile' &&
    typeof config === 'object' &&
    config !== null &&
    typeof (config as { tokenFile?: unknown }).tokenFile === 'string'
  );
}
