/** The pure parts of core/fleet: the health mapping, drift, object forms, custom kinds. */
import assert from 'node:assert/strict';
import { ClusterError } from '../../src/errors.js';
import {
  customKinds,
  forDisplay,
  healthOf,
  isCustomResourceGroup,
  mergeWorkloads,
  normalizeForCompare,
  rowRef,
  toWorkloadItem,
  type WorkloadItem,
} from '../../src/fleet/index.js';

describe('fleet: health mapping', () => {
  it('a probe that answered is ok with what it measured, without its context', () => {
    assert.deepEqual(
      healthOf(
        {
          context: 'a',
          ok: true,
          value: { context: 'a', version: 'v1.31.0', latencyMs: 12, nodesReady: 2, nodesTotal: 3 },
          elapsedMs: 13,
        },
        7,
      ),
      { state: 'ok', version: 'v1.31.0', latencyMs: 12, nodesReady: 2, nodesTotal: 3, checkedAt: 7 },
    );
  });

  it('a typed error is an error with its kind and message', () => {
    const error = new ClusterError('Forbidden', 'b', 'nodes is forbidden', { status: 403 });
    assert.deepEqual(healthOf({ context: 'b', ok: false, error, elapsedMs: 1 }), {
      state: 'error',
      error: { kind: 'Forbidden', message: 'nodes is forbidden' },
    });
  });
});

describe('fleet: drift', () => {
  const dep = (name: string, image: string, replicas = 3): WorkloadItem => ({
    kind: 'Deployment',
    namespace: 'prod',
    name,
    replicas,
    ready: replicas,
    images: [image],
  });

  it('merges the same workload across clusters and reports image and replica drift', () => {
    const refused = new ClusterError('Unreachable', 'ap', 'refused');
    const { workloads, failed, answered } = mergeWorkloads([
      { context: 'us', ok: true, value: [dep('api', 'api:v3.4.2'), dep('web', 'web:v1')], elapsedMs: 1 },
      { context: 'eu', ok: true, value: [dep('api', 'api:v3.4.2', 2), dep('web', 'web:v1')], elapsedMs: 1 },
      { context: 'stg', ok: true, value: [dep('api', 'api:v3.5.0-rc.1')], elapsedMs: 1 },
      { context: 'ap', ok: false, error: refused, elapsedMs: 1 },
    ]);
    assert.deepEqual(failed, [refused]);
    assert.equal(answered, 3);
    assert.equal(workloads[0]?.name, 'api', 'drifted workloads first');
    assert.deepEqual(workloads[0]?.drift, [
      'image: api:v3.4.2 (us, eu) vs api:v3.5.0-rc.1 (stg)',
      'replicas: 3 (us, stg) vs 2 (eu)',
    ]);
    const web = workloads.find((w) => w.name === 'web')!;
    assert.deepEqual(web.drift, []);
    assert.deepEqual(
      web.clusters.map((c) => c.context),
      ['us', 'eu'],
    );
  });

  it('a workload on one cluster only has no drift', () => {
    const { workloads } = mergeWorkloads([
      { context: 'us', ok: true, value: [dep('solo', 'solo:v1')], elapsedMs: 1 },
      { context: 'eu', ok: true, value: [], elapsedMs: 1 },
    ]);
    assert.deepEqual(workloads[0]?.drift, []);
  });

  it('reads images, replicas and readiness from listed objects', () => {
    const d = toWorkloadItem('Deployment', {
      metadata: { name: 'a', namespace: 'n' },
      spec: { replicas: 2, template: { spec: { containers: [{ image: 'x:1' }, { image: 'y:2' }] } } },
      status: { readyReplicas: 1 },
    });
    assert.deepEqual(d, {
      kind: 'Deployment',
      namespace: 'n',
      name: 'a',
      replicas: 2,
      ready: 1,
      images: ['x:1', 'y:2'],
    });
    const ds = toWorkloadItem('DaemonSet', {
      metadata: { name: 'b', namespace: 'n' },
      status: { numberReady: 3 },
    });
    assert.equal(ds.replicas, undefined);
    assert.equal(ds.ready, 3);
  });
});

describe('fleet: object forms', () => {
  const obj = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'api',
      namespace: 'prod',
      uid: 'u-1',
      resourceVersion: '42',
      creationTimestamp: '2024-01-01T00:00:00Z',
      generation: 3,
      managedFields: [{}],
      labels: { app: 'api' },
      annotations: { 'deployment.kubernetes.io/revision': '7', team: 'core' },
    },
    spec: { replicas: 3 },
    status: { readyReplicas: 3 },
  };

  it('for display: without managedFields only, the input untouched', () => {
    const { managedFields: _m, ...meta } = obj.metadata;
    assert.deepEqual(forDisplay(obj), { ...obj, metadata: meta });
    assert.deepEqual(obj.metadata.managedFields, [{}]);
    const plain = { metadata: { name: 'x' } };
    assert.equal(forDisplay(plain), plain, 'nothing to strip: the same object');
  });

  it('compares objects without what differs by nature between clusters', () => {
    assert.deepEqual(normalizeForCompare(obj), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'prod', labels: { app: 'api' }, annotations: { team: 'core' } },
      spec: { replicas: 3 },
    });
    // The input is not modified.
    assert.equal(obj.metadata.uid, 'u-1');
  });

  it('drops an annotations map left empty', () => {
    const n = normalizeForCompare({
      metadata: { name: 'a', annotations: { 'deployment.kubernetes.io/revision': '1' } },
    });
    assert.deepEqual(n, { metadata: { name: 'a' } });
  });

  it("a row's object: metadata first, else the first cell", () => {
    assert.deepEqual(rowRef({ cells: ['x'], object: { metadata: { name: 'n', namespace: 'ns' } } }), {
      name: 'n',
      namespace: 'ns',
    });
    assert.deepEqual(rowRef({ cells: ['node-1', 'Ready'] }), { name: 'node-1' });
  });
});

describe('fleet: custom kinds', () => {
  it('tells custom resource groups from built-in ones', () => {
    assert.equal(isCustomResourceGroup('apps'), false);
    assert.equal(isCustomResourceGroup(''), false);
    assert.equal(isCustomResourceGroup('metrics.k8s.io'), false);
    assert.equal(isCustomResourceGroup('example.com'), true);
  });

  it('keeps listable custom types (no subresources), named resource.group, sorted by kind', () => {
    const r = (group: string, resource: string, kind: string, verbs = ['list']) => ({
      group,
      version: 'v1',
      resource,
      kind,
      namespaced: true,
      singular: '',
      shortNames: [],
      verbs,
      categories: [],
    });
    assert.deepEqual(
      customKinds([
        r('example.com', 'widgets', 'Widget'),
        r('example.com', 'widgets/status', 'Widget'),
        r('apps', 'deployments', 'Deployment'),
        r('example.com', 'gadgets', 'Gadget', ['get']),
        r('acme.io', 'anvils', 'Anvil'),
      ]),
      [
        { resource: 'anvils.acme.io', kind: 'Anvil', namespaced: true },
        { resource: 'widgets.example.com', kind: 'Widget', namespaced: true },
      ],
    );
  });
});
