/**
 * `kubectl mc rollout plan` end to end: the seed's regional pipeline and topology, the built CLI against
 * a simulated fleet, the real kubectl as the oracle that nothing was changed; lint refusal; a down cluster.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFleet } from '@kubectl-mc/sim';
import { bin, run, root } from './helpers/run.js';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels: {app: checkout}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      containers:
        - name: checkout
          image: registry.example.com/checkout:1.4.0
---
apiVersion: v1
kind: Service
metadata:
  name: checkout
  namespace: default
spec:
  selector: {app: checkout}
  ports:
    - port: 80
`;

describe('kubectl mc rollout plan (seed pipeline, simulated fleet, real kubectl)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging'];
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    fleet = await startFleet({ clusters: CLUSTERS, podsPerCluster: 2 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-rollout-plan-'));
    await cp(path.join(root, 'examples', 'regional'), path.join(dir, 'infra'), { recursive: true });
    await writeFile(path.join(dir, 'app.yaml'), APP);
    env = {
      ...process.env,
      KUBECONFIG: fleet.kubeconfigPath,
      PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const mc = (...args: string[]) => run(bin, args, env, dir);
  const kubectl = (...args: string[]) => run('kubectl', args, env, dir);

  it("prints the stages, the canary routing and each cluster's dry-run changes, and changes nothing", async () => {
    const r = await mc(
      'rollout',
      'plan',
      '-f',
      'app.yaml',
      '--pipeline',
      'infra/progressive-pipeline.yaml',
      '--topology',
      'infra',
    );
    assert.match(r.stdout, /^Pipeline infra\/progressive-pipeline\.yaml: 3 stages, 3 clusters$/m);
    assert.match(
      r.stdout,
      /^1 deploy-canary\s+us-east-prod\s+5%\s+-\s+auto\s+15m\s+pods ready, no new restarts; error rate ≤ 0\.1%; p99 latency ≤ 500ms$/m,
    );
    assert.match(
      r.stdout,
      /^3 deploy-secondary-regions\s+eu-west-prod, ap-south-prod\s+100%\s+one by one\s+auto\s+15m\s/m,
    );
    // The simulator serves no Istio API, so the canary stage cannot split traffic: said, and exit 1.
    assert.match(
      r.stdout,
      /^1 deploy-canary\s+us-east-prod\s+none: the cluster does not serve Istio VirtualServices/m,
    );
    assert.match(
      r.stderr,
      /stage "deploy-canary" sends 5% of the traffic but a cluster has no canary routing/,
    );
    for (const ctx of ['us-east-prod', 'eu-west-prod', 'ap-south-prod']) {
      assert.match(r.stdout, new RegExp(`^${ctx}\\s+deployment\\.apps/checkout\\s+default\\s+created`, 'm'));
      assert.match(r.stdout, new RegExp(`^${ctx}\\s+service/checkout\\s+default\\s+created`, 'm'));
    }
    assert.doesNotMatch(r.stdout, /^staging\s/m, 'a cluster outside the pipeline is not planned');
    assert.equal(r.code, 1);
    for (const ctx of ['us-east-prod', 'eu-west-prod', 'ap-south-prod']) {
      const k = await kubectl('get', 'deploy', 'checkout', '--context', ctx, '-n', 'default');
      assert.equal(k.code, 1, `${ctx}: the plan applied something`);
      assert.match(k.stderr, /NotFound/);
    }
  });

  it('plans a pipeline with no partial-traffic stage, exit 0, showing changed fields of a live object', async () => {
    await kubectl(
      'apply',
      '--server-side',
      '--field-manager',
      'kubectl-mc',
      '-f',
      'app.yaml',
      '--context',
      'eu-west-prod',
    );
    const text = (await readFile(path.join(dir, 'infra', 'progressive-pipeline.yaml'), 'utf8'))
      .replace('traffic: 5%', 'traffic: 100%')
      .replace(
        'name: deploy-primary-region\n      cluster: us-east-prod',
        'name: deploy-primary-region\n      cluster: staging',
      );
    await writeFile(path.join(dir, 'infra', 'progressive-pipeline.yaml'), text);
    await writeFile(
      path.join(dir, 'infra', 'staging.yaml'),
      'topology:\n  clusters:\n    - name: staging\n      region: us-east-1\n      environment: staging\n',
    );
    await writeFile(path.join(dir, 'v2.yaml'), APP.replace('checkout:1.4.0', 'checkout:1.5.0'));
    const r = await mc('rollout', 'plan', '-f', 'v2.yaml', '--topology', 'infra');
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^eu-west-prod\s+deployment\.apps\/checkout\s+default\s+configured\s+spec\.template\.spec\.containers/m,
    );
    assert.match(r.stdout, /^eu-west-prod\s+service\/checkout\s+default\s+unchanged/m);
    assert.match(r.stdout, /^staging\s+deployment\.apps\/checkout\s+default\s+created/m);
    assert.doesNotMatch(r.stdout, /CANARY ROUTING/);
    const k = await kubectl(
      'get',
      'deploy',
      'checkout',
      '--context',
      'eu-west-prod',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    );
    assert.equal(k.stdout, 'registry.example.com/checkout:1.4.0');
  });

  it('refuses a pipeline with lint errors, printing the findings as lint does', async () => {
    await writeFile(
      path.join(dir, 'bad.yaml'),
      'pipeline:\n  stages:\n    - name: one\n      cluster: us-est-prod\n      traffic: 5%\n',
    );
    const r = await mc('rollout', 'plan', '-f', 'app.yaml', '--pipeline', 'bad.yaml', '--topology', 'infra');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^bad\.yaml:4:\d+\s+error\s+.*us-est-prod.*\[/m);
    assert.match(r.stderr, /the pipeline has lint errors; fix them before planning a rollout/);
  });

  it('names a down cluster and still plans the others', async () => {
    const down = await startFleet({
      clusters: ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'staging'],
      faults: { 'ap-south-prod': 'down' },
    });
    try {
      const r = await run(
        bin,
        ['rollout', 'plan', '-f', 'app.yaml', '--topology', 'infra', '--request-timeout', '5s'],
        { ...env, KUBECONFIG: down.kubeconfigPath },
        dir,
      );
      assert.equal(r.code, 1);
      assert.match(r.stderr, /error: .*ap-south-prod/);
      assert.match(r.stdout, /^us-east-prod\s+deployment\.apps\/checkout\s+default\s+created/m);
      assert.doesNotMatch(r.stdout, /^ap-south-prod\s/m);
    } finally {
      await down.stop();
    }
  });

  it('names a stage cluster whose context the kubeconfig lacks (usage error, nothing asked)', async () => {
    await writeFile(
      path.join(dir, 'ghost.yaml'),
      'topology:\n  clusters:\n    - name: ghost\n      context: ghost-ctx\n      region: us-east-1\n---\npipeline:\n  stages:\n    - name: one\n      cluster: ghost\n      validation:\n        error_rate_threshold: 1%\n        duration: 1m\n',
    );
    const r = await mc(
      'rollout',
      'plan',
      '-f',
      'app.yaml',
      '--pipeline',
      'ghost.yaml',
      '--topology',
      'ghost.yaml',
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no kubeconfig context for "ghost-ctx"/);
  });
});
