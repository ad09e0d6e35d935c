import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterApi } from '../../src/api/client.js';
import type { KubeObject, ResolvedResource } from '../../src/api/types.js';
import { ClusterError } from '../../src/errors.js';
import { canaryRouting, loadPipeline, PipelineError } from '../../src/fleet/pipeline/index.js';
import type { Manifest } from '../../src/fleet/apply/index.js';

const TOPOLOGY = `topology:
  clusters:
    - name: us-east-prod
      region: us-east-1
      purpose: production
    - name: eu-west-prod
      context: eu-west-ctx
      region: eu-west-1
      purpose: production
`;

const PIPELINE = `pipeline:
  stages:
    - name: canary
      cluster: us-east-prod
      traffic: 5%
      approval: manual
      validation:
        error_rate_threshold: 0.5%
        latency_p99_threshold: 250ms
        duration: 10m
    - name: rest
      clusters: [us-east-prod, eu-west-prod]
      parallel: false
      validation:
        error_rate_threshold: 1%
        duration: 1h30m
`;

describe('pipeline: loading a progressive pipeline for a run', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-pipeline-'));
    writeFileSync(join(dir, 'topology.yaml'), TOPOLOGY);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads stages, contexts, traffic, order, approval and gates from the workspace', async () => {
    writeFileSync(join(dir, 'pipeline.yaml'), PIPELINE);
    const { pipeline, blocking } = await loadPipeline({ cwd: dir });
    assert.deepEqual(blocking, []);
    assert.ok(pipeline);
    assert.equal(pipeline.file, 'pipeline.yaml');
    const [canary, rest] = pipeline.stages;
    assert.deepEqual(canary, {
      index: 0,
      name: 'canary',
      clusters: [{ name: 'us-east-prod', context: 'us-east-prod' }],
      traffic: 5,
      parallel: true,
      approval: 'manual',
      durationMs: 600_000,
      durationText: '10m',
      gates: [
        { kind: 'pods-ready' },
        { kind: 'error-rate', max: 0.005, text: '0.5%' },
        { kind: 'latency-p99', maxMs: 250, text: '250ms' },
      ],
    });
    assert.deepEqual(rest?.clusters, [
      { name: 'us-east-prod', context: 'us-east-prod' },
      { name: 'eu-west-prod', context: 'eu-west-ctx' },
    ]);
    assert.equal(rest?.parallel, false);
    assert.equal(rest?.traffic, 100);
    assert.equal(rest?.durationMs, 5_400_000);
  });

  it('refuses a pipeline whose file has lint errors, returning the findings', async () => {
    writeFileSync(
      join(dir, 'pipeline.yaml'),
      PIPELINE.replace('cluster: us-east-prod', 'cluster: us-est-prod'),
    );
    const { pipeline, blocking } = await loadPipeline({ cwd: dir });
    assert.equal(pipeline, undefined);
    assert.ok(blocking.length > 0);
    assert.ok(blocking.every((d) => d.severity === 'error' && d.file === 'pipeline.yaml'));
    assert.ok(blocking.some((d) => d.message.includes('us-est-prod')));
  });

  it('asks for --pipeline when the workspace holds two pipelines, and finds the one named', async () => {
    writeFileSync(join(dir, 'a.yaml'), PIPELINE);
    writeFileSync(join(dir, 'b.yaml'), PIPELINE.replace('name: canary', 'name: first'));
    await assert.rejects(loadPipeline({ cwd: dir }), (e: Error) => {
      assert.ok(e instanceof PipelineError);
      assert.match(
        e.message,
        /2 pipeline documents found \(a\.yaml, b\.yaml\); name one with --pipeline FILE/,
      );
      return true;
    });
    const { pipeline } = await loadPipeline({ cwd: dir, pipeline: 'b.yaml' });
    assert.equal(pipeline?.stages[0]?.name, 'first');
  });

  it('says so when the named file holds no pipeline', async () => {
    await assert.rejects(loadPipeline({ cwd: dir, pipeline: 'topology.yaml' }), /holds no pipeline/);
  });
});

describe('pipeline: canary routing through an Istio VirtualService', () => {
  const manifests: Manifest[] = [
    {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'api', namespace: 'web' },
      spec: { template: { metadata: { labels: { app: 'api', tier: 'be' } } } },
    },
    {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'api-svc', namespace: 'web' },
      spec: { selector: { app: 'api' } },
    },
  ].map((object) => ({ object, source: 'app.yaml' }) as unknown as Manifest);

  const fakeApi = (items: KubeObject[] | 'absent'): ClusterApi =>
    ({
      context: 'c1',
      resolve: (name: string) => {
        if (items === 'absent') return Promise.reject(new ClusterError('NotFound', 'c1', `no ${name}`));
        return Promise.resolve({ resource: 'virtualservices' } as ResolvedResource);
      },
      list: (_res: ResolvedResource, opts: { namespace?: string }) => {
        assert.equal(opts.namespace, 'web');
        return Promise.resolve({ items, resourceVersion: '1' });
      },
    }) as unknown as ClusterApi;

  const signal = new AbortController().signal;

  it('finds the VirtualService that routes to subsets of the Service in front of the Deployment', async () => {
    const vs = {
      metadata: { name: 'api-routes' },
      spec: {
        http: [
          {
            route: [
              { destination: { host: 'api-svc.web.svc.cluster.local', subset: 'stable' }, weight: 100 },
              { destination: { host: 'api-svc', subset: 'canary' }, weight: 0 },
              { destination: { host: 'other', subset: 'x' } },
            ],
          },
        ],
      },
    };
    assert.deepEqual(
      await canaryRouting(
        fakeApi([{ metadata: { name: 'unrelated' }, spec: { http: 'x' } }, vs]),
        manifests,
        signal,
      ),
      {
        ok: true,
        virtualService: 'api-routes',
        host: 'api-svc',
        subsets: ['canary', 'stable'],
      },
    );
  });

  it('says why there is no routing: no Istio API, no VirtualService, no Service', async () => {
    assert.deepEqual(await canaryRouting(fakeApi('absent'), manifests, signal), {
      ok: false,
      reason: 'the cluster does not serve Istio VirtualServices (networking.istio.io)',
    });
    assert.deepEqual(await canaryRouting(fakeApi([]), manifests, signal), {
      ok: false,
      reason: 'no VirtualService in namespace web routes to subsets of host api-svc',
    });
    const r = await canaryRouting(fakeApi([]), manifests.slice(0, 1), signal);
    assert.deepEqual(r, { ok: false, reason: 'the manifests hold no Service that selects the Deployment' });
  });
});
