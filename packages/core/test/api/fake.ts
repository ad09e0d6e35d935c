import { ClusterError } from '../../src/errors.js';
import type { ResolvedResource } from '../../src/api/types.js';
import type { ApiResponse, ClusterConnection, RequestOptions } from '../../src/transport/types.js';

export interface Call {
  path: string;
  options: RequestOptions | undefined;
}

type Handler = (path: string, options: RequestOptions | undefined) => unknown;
type StreamHandler = (path: string, options: RequestOptions | undefined) => AsyncIterable<unknown>;

/** A scripted ClusterConnection: handlers answer by path; every call is recorded. */
export class FakeConnection implements ClusterConnection {
  readonly calls: Call[] = [];
  readonly streams: Call[] = [];
  constructor(
    readonly context: string,
    private readonly handler: Handler,
    private readonly streamHandler: StreamHandler = () => {
      throw new ClusterError('NotFound', 'x', 'no stream');
    },
    readonly server = `https://127.0.0.1/${context}`,
  ) {}
  async request<T>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    this.calls.push({ path, options });
    const body = await this.handler(path, options);
    return { status: 200, headers: {}, body: body as T };
  }
  stream<T>(path: string, options?: RequestOptions): AsyncIterable<T> {
    this.streams.push({ path, options });
    return this.streamHandler(path, options) as AsyncIterable<T>;
  }
  close(): void {}
}

export const aggregatedCore = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  items: [
    {
      metadata: {},
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'pods',
              responseKind: { group: '', version: 'v1', kind: 'Pod' },
              scope: 'Namespaced',
              singularResource: 'pod',
              shortNames: ['po'],
              verbs: ['get', 'list', 'watch'],
              categories: ['all'],
              subresources: [{ subresource: 'log' }],
            },
            {
              resource: 'nodes',
              responseKind: { group: '', version: 'v1', kind: 'Node' },
              scope: 'Cluster',
              singularResource: 'node',
              shortNames: ['no'],
              verbs: ['get', 'list'],
            },
            {
              resource: 'services',
              responseKind: { group: '', version: 'v1', kind: 'Service' },
              scope: 'Namespaced',
              singularResource: 'service',
              shortNames: ['svc'],
              verbs: ['get', 'list'],
            },
            {
              resource: 'events',
              responseKind: { group: '', version: 'v1', kind: 'Event' },
              scope: 'Namespaced',
              singularResource: 'event',
              shortNames: ['ev'],
              verbs: ['list'],
            },
          ],
        },
      ],
    },
  ],
};

export const aggregatedApis = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  items: [
    {
      metadata: { name: 'apps' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'deployments',
              responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
              scope: 'Namespaced',
              singularResource: 'deployment',
              shortNames: ['deploy'],
              verbs: ['list'],
            },
          ],
        },
      ],
    },
    {
      metadata: { name: 'events.k8s.io' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'events',
              responseKind: { group: 'events.k8s.io', version: 'v1', kind: 'Event' },
              scope: 'Namespaced',
              singularResource: 'event',
              shortNames: ['ev'],
              verbs: ['list'],
            },
          ],
        },
      ],
    },
    {
      metadata: { name: 'types.kubefed.io' },
      versions: [
        {
          version: 'v1beta1',
          resources: [
            {
              resource: 'federateddeployments',
              responseKind: { group: 'types.kubefed.io', version: 'v1beta1', kind: 'FederatedDeployment' },
              scope: 'Namespaced',
              singularResource: 'federateddeployment',
              shortNames: ['fdeploy'],
              verbs: ['list'],
            },
          ],
        },
        {
          version: 'v1alpha1',
          resources: [
            {
              resource: 'federateddeployments',
              responseKind: { group: 'types.kubefed.io', version: 'v1alpha1', kind: 'FederatedDeployment' },
              scope: 'Namespaced',
              singularResource: 'federateddeployment',
              verbs: ['list'],
            },
          ],
        },
      ],
    },
  ],
};

/** The core group's pods, as discovery resolves them. */
export const pods: ResolvedResource = {
  group: '',
  version: 'v1',
  resource: 'pods',
  kind: 'Pod',
  namespaced: true,
  singular: 'pod',
  shortNames: ['po'],
  verbs: ['list', 'watch'],
  categories: [],
};
