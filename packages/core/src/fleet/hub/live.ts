/**
 * A hub fleet that follows its hub: one `LoadedKubeconfig` object for a long-running front end's
 * `Fleet` (whose connection cache is keyed by that object), whose contexts are those of the latest
 * `HubKubeconfig` that `watchHubMembership` yielded. A cluster that joins can be connected to at once;
 * one that left is an unknown context.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ConnectionConfig, ContextInfo, LoadedKubeconfig } from '../../kubeconfig/types.js';
import type { HubCluster } from './profiles.js';
import type { HubKubeconfig } from './source.js';

export class LiveHubKubeconfig implements LoadedKubeconfig {
  constructor(private fleet: HubKubeconfig) {}

  /** The hub fleet now. */
  get current(): HubKubeconfig {
    return this.fleet;
  }

  /** Take a new state of the fleet (`HubMembership.fleet`). */
  update(fleet: HubKubeconfig): void {
    this.fleet = fleet;
  }

  get files(): string[] {
    return this.fleet.files;
  }

  get contexts(): ContextInfo[] {
    return this.fleet.contexts;
  }

  get warnings(): string[] {
    return this.fleet.warnings;
  }

  cluster(context: string): HubCluster | undefined {
    return this.fleet.cluster(context);
  }

  connectionConfigFor(context: string): ConnectionConfig {
    return this.fleet.connectionConfigFor(context);
  }

  kubeConfigFor(context: string): KubeConfig {
    return this.fleet.kubeConfigFor(context);
  }
}
