/** A ClusterApi-like fake for gate tests: answers raw GETs from a function and lists from fixed objects. */
import type { ClusterApi } from '../../../src/api/client.js';
import { BUILTIN_RESOURCES, findResource } from '../../../src/api/discovery.js';
import type { GateTarget } from '../../../src/fleet/index.js';

export interface FakeApi {
  context: string;
  paths: string[];
  pods: object[];
  replicaSets: object[];
  target(hash?: string): GateTarget;
}

export function fakeApi(
  answer: (query: string, path: string) => Buffer | string | Promise<Buffer | string>,
): FakeApi {
  const fake: FakeApi = {
    context: 'us-east-prod',
    paths: [],
    pods: [],
    replicaSets: [],
    target: (hash = 'abc123') => ({
      context: 'us-east-prod',
      api: api as unknown as ClusterApi,
      namespace: 'shop',
      deployment: 'web-canary',
      podTemplateHash: hash,
    }),
  };
  const api = {
    context: fake.context,
    async raw(path: string): Promise<Buffer> {
      fake.paths.push(path);
      const q = new URL(path, 'https://x').searchParams.get('query') ?? '';
      const a = await answer(q, path);
      return typeof a === 'string' ? Buffer.from(a) : a;
    },
    async resolve(name: string) {
      return findResource(BUILTIN_RESOURCES, name)!;
    },
    async list(res: { resource: string }) {
      return { items: res.resource === 'pods' ? fake.pods : fake.replicaSets, resourceVersion: '1' };
    },
  };
  return fake;
}

/** A Prometheus answer with one series per value. */
export const vector = (...values: string[]): string =>
  JSON.stringify({
    status: 'success',
    data: { resultType: 'vector', result: values.map((v) => ({ metric: {}, value: [1700000000.5, v] })) },
  });

export const pod = (name: string, ready: boolean, restarts = 0): object => ({
  metadata: { name },
  status: {
    phase: ready ? 'Running' : 'Pending',
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    containerStatuses: [{ restartCount: restarts }],
  },
});

export const replicaSet = (replicas: number): object => ({
  metadata: { name: 'web-canary-abc123', ownerReferences: [{ kind: 'Deployment', name: 'web-canary' }] },
  spec: { replicas },
});
