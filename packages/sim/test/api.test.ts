import assert from 'node:assert/strict';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { startFleet, type Fleet, type SimCluster } from '../src/index.js';
import { get, watch } from './helpers.js';

const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('simulated API server', function () {
  this.timeout(20_000);
  let fleet: Fleet;
  let east: SimCluster;
  let eu: SimCluster;

  before(async () => {
    fleet = await startFleet({
      clusters: ['us-east-prod', 'eu-west-prod', 'ap-south-prod'],
      podsPerCluster: 60,
      bookmarkIntervalMs: 100,
    });
    east = fleet.cluster('us-east-prod');
    eu = fleet.cluster('eu-west-prod');
  });
  after(() => fleet?.stop());

  describe('kubeconfig', () => {
    it('has one context per cluster plus the restricted one, the CA, a token and a client certificate', async () => {
      const kc = parse(await readFile(fleet.kubeconfigPath, 'utf8'));
      assert.deepEqual(
        kc.contexts.map((c: { name: string }) => c.name),
        ['us-east-prod', 'eu-west-prod', 'ap-south-prod', 'us-east-prod-restricted'],
      );
      assert.equal(kc['current-context'], 'us-east-prod');
      for (const c of kc.clusters) {
        assert.equal(Buffer.from(c.cluster['certificate-authority-data'], 'base64').toString(), fleet.caPem);
        assert.match(c.cluster.server, /^https:\/\/127\.0\.0\.1:\d+$/);
      }
      const users = Object.fromEntries(kc.users.map((u: { name: string; user: object }) => [u.name, u.user]));
      assert.equal(users['us-east-prod-admin'].token, east.token);
      assert.ok(
        users['eu-west-prod-admin']['client-certificate-data'],
        'second cluster uses a client certificate',
      );
      assert.equal(eu.token, undefined);
      assert.equal(eu.auth, 'client-certificate');
      assert.equal(kc.contexts[0].context.namespace, 'default');
    });
  });

  describe('authentication and authorization', () => {
    it('answers 401 with a Status when there is no or a wrong token', async () => {
      for (const token of [null, 'wrong-token']) {
        const r = await get(fleet, east, '/api/v1/pods', { token });
        assert.equal(r.status, 401);
        assert.deepEqual(r.json(), {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'Unauthorized',
          reason: 'Unauthorized',
          code: 401,
        });
      }
    });

    it('accepts the client certificate on the certificate cluster, and refuses requests without it', async () => {
      const ok = await get(fleet, eu, '/api/v1/namespaces');
      assert.equal(ok.status, 200);
      const none = await get(fleet, eu, '/api/v1/namespaces', { token: null });
      assert.equal(none.status, 401);
      // a token of another cluster is not valid here
      const other = await get(fleet, eu, '/api/v1/namespaces', { token: east.token });
      assert.equal(other.status, 401);
    });

    it('lets the restricted user list in default only, with kube-apiserver forbidden messages', async () => {
      const kc = parse(await readFile(fleet.kubeconfigPath, 'utf8'));
      const token = kc.users.find((u: { name: string }) => u.name === 'restricted').user.token as string;
      const all = await get(fleet, east, '/api/v1/pods', { token });
      assert.equal(all.status, 403);
      assert.equal(
        all.json().message,
        'pods is forbidden: User "restricted" cannot list resource "pods" in API group "" at the cluster scope',
      );
      assert.equal(all.json().reason, 'Forbidden');
      const secrets = await get(fleet, east, '/api/v1/namespaces/default/secrets', { token });
      assert.equal(secrets.status, 403);
      assert.match(
        secrets.json().message,
        /cannot list resource "secrets" in API group "" in the namespace "default"/,
      );
      const other = await get(fleet, east, '/apis/apps/v1/namespaces/production/deployments', { token });
      assert.equal(other.status, 403);
      assert.match(
        other.json().message,
        /^deployments\.apps is forbidden: .* in API group "apps" in the namespace "production"$/,
      );
      const mine = await get(fleet, east, '/api/v1/namespaces/default/pods', { token });
      assert.equal(mine.status, 200);
      assert.ok(mine.json().items.length > 0);
    });
  });

  describe('discovery', () => {
    it('serves /version, health endpoints, /api and /apis', async () => {
      assert.equal((await get(fleet, east, '/version')).json().gitVersion, 'v1.32.4-sim');
      for (const p of ['/healthz', '/livez', '/readyz']) assert.equal((await get(fleet, east, p)).text, 'ok');
      const api = (await get(fleet, east, '/api')).json();
      assert.equal(api.kind, 'APIVersions');
      assert.deepEqual(api.versions, ['v1']);
      const apis = (await get(fleet, east, '/apis')).json();
      assert.equal(apis.kind, 'APIGroupList');
      assert.deepEqual(
        apis.groups.map((g: { name: string }) => g.name),
        ['apps', 'types.kubefed.io', 'discovery.k8s.io', 'metrics.k8s.io'],
      );
    });

    it('serves aggregated discovery with the negotiated Content-Type', async () => {
      const r = await get(fleet, east, '/apis', { accept: AGGREGATED });
      assert.equal(
        r.headers['content-type'],
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      );
      const body = r.json();
      assert.equal(body.kind, 'APIGroupDiscoveryList');
      const apps = body.items.find((i: { metadata: { name?: string } }) => i.metadata.name === 'apps');
      const deploy = apps.versions[0].resources.find(
        (x: { resource: string }) => x.resource === 'deployments',
      );
      assert.deepEqual(deploy.shortNames, ['deploy']);
      assert.equal(deploy.scope, 'Namespaced');
      assert.deepEqual(deploy.responseKind, { group: 'apps', version: 'v1', kind: 'Deployment' });
      const core = await get(fleet, east, '/api', {
        accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
      });
      assert.equal(
        core.headers['content-type'],
        'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
      );
      const pods = core
        .json()
        .items[0].versions[0].resources.find((x: { resource: string }) => x.resource === 'pods');
      assert.deepEqual(pods.shortNames, ['po']);
      assert.deepEqual(pods.categories, ['all']);
    });

    it('lists resources per group version with short names, singular names and verbs', async () => {
      const core = (await get(fleet, east, '/api/v1')).json();
      const byName = Object.fromEntries(core.resources.map((r: { name: string }) => [r.name, r]));
      assert.deepEqual(
        Object.fromEntries(
          ['pods', 'services', 'nodes', 'namespaces', 'configmaps', 'events'].map((n) => [
            n,
            byName[n].shortNames[0],
          ]),
        ),
        { pods: 'po', services: 'svc', nodes: 'no', namespaces: 'ns', configmaps: 'cm', events: 'ev' },
      );
      assert.equal(byName.pods.singularName, 'pod');
      assert.deepEqual(byName.pods.verbs, ['get', 'list', 'patch', 'watch']);
      assert.equal(byName.nodes.namespaced, false);
      const apps = (await get(fleet, east, '/apis/apps/v1')).json();
      assert.deepEqual(apps.resources.map((r: { shortNames: string[] }) => r.shortNames[0]).sort(), [
        'deploy',
        'ds',
        'rs',
        'sts',
      ]);
      const fed = (await get(fleet, east, '/apis/types.kubefed.io/v1beta1')).json();
      assert.equal(fed.resources[0].name, 'federateddeployments');
      assert.deepEqual(fed.resources[0].shortNames, ['fdeploy']);
    });
  });

  describe('list and get', () => {
    it('lists full objects with a list kind and resourceVersion, across and within namespaces', async () => {
      const all = (await get(fleet, east, '/api/v1/pods')).json();
      assert.equal(all.kind, 'PodList');
      assert.match(all.metadata.resourceVersion, /^\d+$/);
      assert.equal(all.items.length, 60);
      assert.ok(all.items.every((p: { kind: string }) => p.kind === 'Pod'));
      const prod = (await get(fleet, east, '/api/v1/namespaces/production/pods')).json();
      assert.ok(prod.items.length > 0 && prod.items.length < 60);
      assert.ok(
        prod.items.every((p: { metadata: { namespace: string } }) => p.metadata.namespace === 'production'),
      );
      const deploys = (await get(fleet, east, '/apis/apps/v1/deployments')).json();
      assert.equal(deploys.kind, 'DeploymentList');
      const payment = deploys.items.find(
        (d: { metadata: { name: string } }) => d.metadata.name === 'payment',
      );
      assert.equal(
        payment.spec.replicas,
        5,
        'us-east-prod runs 5 payment replicas (the seed KubeFed override)',
      );
      assert.equal(payment.spec.template.spec.containers[0].image, 'registry.example.com/payment:v2.1.0');
    });

    it("gets one object, and 404s with kube-apiserver's message", async () => {
      const list = (await get(fleet, east, '/api/v1/namespaces/production/pods')).json();
      const name = list.items[0].metadata.name;
      const one = await get(fleet, east, `/api/v1/namespaces/production/pods/${name}`);
      assert.equal(one.status, 200);
      assert.equal(one.json().metadata.name, name);
      const missing = await get(fleet, east, '/api/v1/namespaces/production/pods/nope');
      assert.equal(missing.status, 404);
      assert.equal(missing.json().message, 'pods "nope" not found');
      assert.equal(missing.json().reason, 'NotFound');
      const ns = await get(fleet, east, '/api/v1/namespaces/production');
      assert.equal(ns.json().kind, 'Namespace');
      const fd = await get(
        fleet,
        east,
        '/apis/types.kubefed.io/v1beta1/namespaces/production/federateddeployments/payment-service',
      );
      assert.equal(fd.json().spec.template.spec.replicas, 3);
      const gone = await get(fleet, east, '/apis/apps/v1/namespaces/production/deployments/x');
      assert.equal(gone.json().message, 'deployments.apps "x" not found');
      assert.equal((await get(fleet, east, '/api/v1/widgets')).status, 404);
    });

    it("serves pods as a Table with kube-apiserver's columns and PartialObjectMetadata rows", async () => {
      const r = await get(fleet, east, '/api/v1/pods', { accept: TABLE });
      assert.equal(r.headers['content-type'], 'application/json;as=Table;v=v1;g=meta.k8s.io');
      const t = r.json();
      assert.equal(t.kind, 'Table');
      assert.equal(t.apiVersion, 'meta.k8s.io/v1');
      assert.deepEqual(
        t.columnDefinitions.map((c: { name: string; priority: number }) => `${c.name}:${c.priority}`),
        [
          'Name:0',
          'Ready:0',
          'Status:0',
          'Restarts:0',
          'Age:0',
          'IP:1',
          'Node:1',
          'Nominated Node:1',
          'Readiness Gates:1',
        ],
      );
      assert.equal(t.columnDefinitions[0].format, 'name');
      assert.equal(t.rows.length, 60);
      const row = t.rows[0];
      assert.equal(row.cells.length, 9);
      assert.equal(row.object.kind, 'PartialObjectMetadata');
      assert.equal(row.object.metadata.name, row.cells[0]);
      assert.equal(row.object.spec, undefined);
      const statuses = new Set(t.rows.map((x: { cells: string[] }) => x.cells[2]));
      assert.ok(statuses.has('Running'));
      for (const x of t.rows) {
        assert.match(x.cells[1], /^\d+\/\d+$/);
        assert.match(x.cells[4], /^\d+[smhdy]/);
        assert.match(x.cells[3], /^(0|\d+ \(\d+[smhd]\w* ago\))$/);
      }
      assert.ok(
        t.rows.some((x: { cells: string[] }) => x.cells[3] !== '0'),
        'some pods have restarts',
      );
    });

    it('honours includeObject=Object and None', async () => {
      const full = (
        await get(fleet, east, '/api/v1/namespaces/production/pods?includeObject=Object', { accept: TABLE })
      ).json();
      assert.equal(full.rows[0].object.kind, 'Pod');
      assert.ok(full.rows[0].object.spec);
      const none = (
        await get(fleet, east, '/api/v1/namespaces/production/pods?includeObject=None', { accept: TABLE })
      ).json();
      assert.equal(none.rows[0].object, undefined);
      const bad = await get(fleet, east, '/api/v1/pods?includeObject=All', { accept: TABLE });
      assert.equal(bad.status, 400);
    });

    it('prints deployments, nodes and services with their wide columns', async () => {
      const d = (
        await get(fleet, east, '/apis/apps/v1/namespaces/production/deployments', { accept: TABLE })
      ).json();
      assert.deepEqual(
        d.columnDefinitions.map((c: { name: string }) => c.name),
        ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector'],
      );
      const payment = d.rows.find((r: { cells: string[] }) => r.cells[0] === 'payment');
      assert.equal(payment.cells[6], 'registry.example.com/payment:v2.1.0');
      assert.match(payment.cells[1], /^\d\/5$/);
      assert.match(payment.cells[7], /app=payment/);
      const n = (await get(fleet, east, '/api/v1/nodes', { accept: TABLE })).json();
      assert.deepEqual(
        n.columnDefinitions.map((c: { name: string }) => c.name),
        [
          'Name',
          'Status',
          'Roles',
          'Age',
          'Version',
          'Internal-IP',
          'External-IP',
          'OS-Image',
          'Kernel-Version',
          'Container-Runtime',
        ],
      );
      assert.ok(n.rows.some((r: { cells: string[] }) => r.cells[2] === 'control-plane'));
      const s = (await get(fleet, east, '/api/v1/namespaces/default/services', { accept: TABLE })).json();
      const k = s.rows.find((r: { cells: string[] }) => r.cells[0] === 'kubernetes');
      assert.deepEqual(k.cells.slice(1, 5), ['ClusterIP', '10.96.0.1', '<none>', '443/TCP']);
    });

    it('negotiates the first supported alternative, and answers 406 when none is', async () => {
      const partial = await get(fleet, east, '/api/v1/namespaces', {
        accept:
          'application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json',
      });
      assert.equal(partial.json().kind, 'PartialObjectMetadataList');
      const none = await get(fleet, east, '/api/v1/namespaces', {
        accept: 'application/vnd.kubernetes.protobuf',
      });
      assert.equal(none.status, 406);
      assert.equal(none.json().kind, 'Status');
    });
  });

  describe('pod logs', () => {
    const running = async () => {
      const list = (
        await get(fleet, east, '/api/v1/namespaces/production/pods?fieldSelector=status.phase%3DRunning')
      ).json();
      return list.items.find(
        (p: { status: { containerStatuses: { ready: boolean }[] } }) => p.status.containerStatuses[0]!.ready,
      );
    };

    it("serves a running container's log as text, honouring tailLines and timestamps", async () => {
      const pod = await running();
      const path = `/api/v1/namespaces/production/pods/${pod.metadata.name}/log`;
      const all = await get(fleet, east, path);
      assert.equal(all.status, 200);
      assert.equal(all.headers['content-type'], 'text/plain');
      const lines = all.text.trimEnd().split('\n');
      const ageMin = Math.floor(
        (Date.now() - Date.parse(pod.status.containerStatuses[0].state.running.startedAt)) / 60_000,
      );
      // (the server counted a moment earlier: allow a minute boundary in between)
      assert.ok(
        [Math.min(40, ageMin + 1), Math.min(40, ageMin)].includes(lines.length),
        `a line a minute, at most 40: ${lines.length}`,
      );
      assert.match(lines[0]!, new RegExp(`INFO ${pod.spec.containers[0].name} starting `));
      assert.equal((await get(fleet, east, path)).text, all.text, 'deterministic');
      const tail = (await get(fleet, east, `${path}?tailLines=3`)).text.trimEnd().split('\n');
      assert.deepEqual(tail, lines.slice(-3));
      const stamped = (await get(fleet, east, `${path}?tailLines=1&timestamps=true`)).text;
      assert.match(stamped, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S/);
    });

    it('follows the log: new lines keep coming until the client goes away', async () => {
      const pod = await running();
      const url = `${east.server}/api/v1/namespaces/production/pods/${pod.metadata.name}/log?follow=true&tailLines=0`;
      const first = await new Promise<string>((resolve, reject) => {
        const req = https.get(
          url,
          { ca: fleet.caPem, agent: false, headers: { Authorization: `Bearer ${east.token}` } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => {
              text += d;
              if (text.includes('\n')) {
                req.destroy();
                resolve(text);
              }
            });
            res.on('end', () => reject(new Error(`log ended: ${text}`)));
          },
        );
        req.on('error', () => undefined);
      });
      assert.match(
        first,
        /^\S+Z (INFO|ERROR) \S+ request method=GET path=\S+ status=\d{3} duration=\d+ms\n$/,
      );
    });

    it('answers 404 for a missing pod, 400 for an unknown container, 403 for the restricted user elsewhere', async () => {
      const pod = await running();
      assert.equal(
        (await get(fleet, east, '/api/v1/namespaces/production/pods/nope/log')).json().message,
        'pods "nope" not found',
      );
      const bad = await get(
        fleet,
        east,
        `/api/v1/namespaces/production/pods/${pod.metadata.name}/log?container=sidecar`,
      );
      assert.equal(bad.status, 400);
      assert.equal(bad.json().message, `container sidecar is not valid for pod ${pod.metadata.name}`);
      const kc = parse(await readFile(fleet.kubeconfigPath, 'utf8'));
      const token = kc.users.find((u: { name: string }) => u.name === 'restricted').user.token as string;
      const denied = await get(fleet, east, `/api/v1/namespaces/production/pods/${pod.metadata.name}/log`, {
        token,
      });
      assert.equal(denied.status, 403);
      assert.match(
        denied.json().message,
        /cannot get resource "pods\/log" in API group "" in the namespace "production"$/,
      );
    });
  });

  describe('selectors', () => {
    it('filters by label selector', async () => {
      const r = (
        await get(fleet, east, `/api/v1/pods?labelSelector=${encodeURIComponent('app=payment')}`)
      ).json();
      assert.equal(r.items.length, 5);
      const notin = (
        await get(fleet, east, `/api/v1/pods?labelSelector=${encodeURIComponent('app notin (payment),tier')}`)
      ).json();
      assert.ok(notin.items.length > 0);
      assert.ok(
        notin.items.every(
          (p: { metadata: { labels: Record<string, string> } }) =>
            p.metadata.labels.app !== 'payment' && 'tier' in p.metadata.labels,
        ),
      );
    });

    it('filters by field selector on phase, node, name and namespace', async () => {
      const running = (await get(fleet, east, '/api/v1/pods?fieldSelector=status.phase%3DRunning')).json();
      assert.ok(running.items.length > 0);
      assert.ok(running.items.every((p: { status: { phase: string } }) => p.status.phase === 'Running'));
      const notRunning = (
        await get(fleet, east, '/api/v1/pods?fieldSelector=status.phase!%3DRunning')
      ).json();
      assert.equal(running.items.length + notRunning.items.length, 60);
      const node = running.items[0].spec.nodeName;
      const onNode = (await get(fleet, east, `/api/v1/pods?fieldSelector=spec.nodeName%3D${node}`)).json();
      assert.ok(onNode.items.every((p: { spec: { nodeName: string } }) => p.spec.nodeName === node));
      const byName = (
        await get(fleet, east, '/api/v1/namespaces?fieldSelector=metadata.name%3Dstaging')
      ).json();
      assert.deepEqual(
        byName.items.map((n: { metadata: { name: string } }) => n.metadata.name),
        ['staging'],
      );
    });

    it('answers 400 BadRequest for an unsupported field or a malformed selector', async () => {
      const r = await get(fleet, east, '/api/v1/pods?fieldSelector=spec.color%3Dblue');
      assert.equal(r.status, 400);
      assert.equal(r.json().reason, 'BadRequest');
      assert.equal(r.json().message, 'field label not supported: spec.color');
      const bad = await get(
        fleet,
        east,
        `/api/v1/pods?labelSelector=${encodeURIComponent('app in payment')}`,
      );
      assert.equal(bad.status, 400);
    });
  });

  describe('pagination', () => {
    it('pages with limit/continue and remainingItemCount, covering every item once', async () => {
      const seen: string[] = [];
      let cont: string | undefined;
      let first = true;
      do {
        const q = `/api/v1/pods?limit=25${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`;
        const page = (await get(fleet, east, q)).json();
        if (first) assert.equal(page.metadata.remainingItemCount, 35);
        first = false;
        seen.push(
          ...page.items.map(
            (p: { metadata: { namespace: string; name: string } }) =>
              `${p.metadata.namespace}/${p.metadata.name}`,
          ),
        );
        cont = page.metadata.continue;
      } while (cont);
      assert.equal(seen.length, 60);
      assert.equal(new Set(seen).size, 60);
      assert.deepEqual(seen, [...seen].sort());
    });

    it('continues a list from the snapshot of its first page, whatever changed since', async () => {
      const c = fleet.cluster('eu-west-prod');
      const before = (await get(fleet, c, '/api/v1/namespaces/production/configmaps')).json();
      const names = (items: { metadata: { name: string } }[]) => items.map((i) => i.metadata.name);
      const page1 = (await get(fleet, c, '/api/v1/namespaces/production/configmaps?limit=1')).json();
      // after the first page: one item added, one changed, one deleted
      c.store.add('configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'zz-new', namespace: 'production' },
      });
      c.store.modify('configmaps', 'production', 'payment-config', (o) => {
        o['data'] = { changed: 'yes' };
      });
      c.store.delete('configmaps', 'production', 'kube-root-ca.crt');
      const page2 = (
        await get(
          fleet,
          c,
          `/api/v1/namespaces/production/configmaps?continue=${encodeURIComponent(page1.metadata.continue)}`,
        )
      ).json();
      assert.deepEqual([...names(page1.items), ...names(page2.items)], names(before.items));
      const payment = page2.items.find(
        (i: { metadata: { name: string } }) => i.metadata.name === 'payment-config',
      );
      assert.notDeepEqual(payment.data, { changed: 'yes' });
      assert.equal(page2.metadata.resourceVersion, page1.metadata.resourceVersion);
    });

    it('pages Tables too', async () => {
      const t = (await get(fleet, east, '/api/v1/pods?limit=10', { accept: TABLE })).json();
      assert.equal(t.rows.length, 10);
      assert.ok(t.metadata.continue);
    });

    it('answers 410 Expired for a continue token older than a compaction, and 400 for a forged one', async () => {
      const c = fleet.cluster('ap-south-prod');
      const page = (await get(fleet, c, '/api/v1/pods?limit=5')).json();
      c.store.compact();
      const r = await get(
        fleet,
        c,
        `/api/v1/pods?limit=5&continue=${encodeURIComponent(page.metadata.continue)}`,
      );
      assert.equal(r.status, 410);
      assert.equal(r.json().reason, 'Expired');
      const forged = await get(fleet, c, '/api/v1/pods?limit=5&continue=garbage');
      assert.equal(forged.status, 400);
    });
  });

  describe('watch', () => {
    const cm = (name: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default' },
      data: { a: '1' },
    });

    it('streams ADDED, MODIFIED and DELETED as they happen', async () => {
      const list = (await get(fleet, east, '/api/v1/namespaces/default/configmaps')).json();
      const w = watch(
        fleet,
        east,
        `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${list.metadata.resourceVersion}`,
      );
      assert.equal(await w.status, 200);
      east.store.add('configmaps', cm('live-1'));
      east.store.modify('configmaps', 'default', 'live-1', (o) => {
        o['data'] = { a: '2' };
      });
      east.store.delete('configmaps', 'default', 'live-1');
      const events = await w.next(3);
      w.close();
      assert.deepEqual(
        events.map((e) => [e.type, e.object.metadata.name]),
        [
          ['ADDED', 'live-1'],
          ['MODIFIED', 'live-1'],
          ['DELETED', 'live-1'],
        ],
      );
      assert.deepEqual(events[1].object.data, { a: '2' });
      assert.ok(
        Number(events[2].object.metadata.resourceVersion) > Number(events[0].object.metadata.resourceVersion),
      );
    });

    it('replays events after the given resourceVersion', async () => {
      const rv = east.store.resourceVersion;
      east.store.add('configmaps', cm('replayed'));
      const w = watch(fleet, east, `/api/v1/configmaps?watch=true&resourceVersion=${rv}`);
      const [ev] = await w.next(1);
      w.close();
      assert.equal(ev.type, 'ADDED');
      assert.equal(ev.object.metadata.name, 'replayed');
    });

    it('starts with synthetic ADDED events when no resourceVersion is given, honouring selectors', async () => {
      const w = watch(fleet, east, `/api/v1/pods?watch=1&labelSelector=app%3Dpayment`);
      const events = await w.next(5);
      w.close();
      assert.ok(events.every((e) => e.type === 'ADDED' && e.object.metadata.labels.app === 'payment'));
    });

    it('turns label changes into ADDED/DELETED for a watch with a selector', async () => {
      const c = fleet.cluster('ap-south-prod');
      c.store.add('configmaps', {
        ...cm('moving'),
        metadata: { name: 'moving', namespace: 'default', labels: { stage: 'a' } },
      });
      const w = watch(
        fleet,
        c,
        `/api/v1/configmaps?watch=1&labelSelector=stage%3Db&resourceVersion=${c.store.resourceVersion}`,
      );
      assert.equal(await w.status, 200);
      const relabel = (stage: string) =>
        c.store.modify('configmaps', 'default', 'moving', (o) => {
          o.metadata.labels = { stage };
        });
      relabel('b'); // starts matching
      relabel('b'); // still matching
      relabel('c'); // stops matching
      relabel('d'); // not matching: nothing
      c.store.add('configmaps', {
        ...cm('marker'),
        metadata: { name: 'marker', namespace: 'default', labels: { stage: 'b' } },
      });
      const events = await w.next(4);
      w.close();
      assert.deepEqual(
        events.map((e) => `${e.type} ${e.object.metadata.name} ${e.object.metadata.labels.stage}`),
        ['ADDED moving b', 'MODIFIED moving b', 'DELETED moving c', 'ADDED marker b'],
      );
    });

    it('sends the initial state then an initial-events-end BOOKMARK for sendInitialEvents=true', async () => {
      const w = watch(
        fleet,
        east,
        '/api/v1/namespaces?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan',
      );
      const events = await w.next(6);
      w.close();
      assert.deepEqual(
        events.slice(0, 5).map((e) => `${e.type} ${e.object.metadata.name}`),
        ['ADDED default', 'ADDED kube-public', 'ADDED kube-system', 'ADDED production', 'ADDED staging'],
      );
      assert.equal(events[5].type, 'BOOKMARK');
      assert.deepEqual(events[5].object.metadata.annotations, { 'k8s.io/initial-events-end': 'true' });
    });

    it('sends an ERROR 410 Expired event for a compacted resourceVersion', async () => {
      const c = fleet.cluster('ap-south-prod');
      const rv = c.store.resourceVersion;
      c.store.add('configmaps', cm('after-rv'));
      c.store.compact();
      const w = watch(fleet, c, `/api/v1/configmaps?watch=1&resourceVersion=${rv}`);
      const [ev] = await w.next(1);
      assert.equal(ev.type, 'ERROR');
      assert.equal(ev.object.code, 410);
      assert.equal(ev.object.reason, 'Expired');
      assert.equal(await w.ended, 'end');
    });

    it('sends BOOKMARK events when allowed', async () => {
      const w = watch(
        fleet,
        east,
        `/api/v1/namespaces?watch=1&resourceVersion=${east.store.resourceVersion}&allowWatchBookmarks=true`,
      );
      const [ev] = await w.next(1);
      w.close();
      assert.equal(ev.type, 'BOOKMARK');
      assert.equal(ev.object.kind, 'Namespace');
      assert.match(ev.object.metadata.resourceVersion, /^\d+$/);
    });

    it('ends the stream after timeoutSeconds', async () => {
      const w = watch(
        fleet,
        east,
        `/api/v1/namespaces?watch=1&resourceVersion=${east.store.resourceVersion}&timeoutSeconds=1`,
      );
      assert.equal(await w.ended, 'end');
    });

    it('sends Table rows in watch events when asked for a Table', async () => {
      const rv = east.store.resourceVersion;
      const w = watch(fleet, east, `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}`, {
        accept: TABLE,
      });
      east.store.add('configmaps', cm('as-table'));
      const [ev] = await w.next(1);
      w.close();
      assert.equal(ev.type, 'ADDED');
      assert.equal(ev.object.kind, 'Table');
      assert.deepEqual(
        ev.object.columnDefinitions.map((c: { name: string }) => c.name),
        ['Name', 'Data', 'Age'],
      );
      assert.equal(ev.object.rows[0].cells[0], 'as-table');
      assert.equal(ev.object.rows[0].cells[1], 1);
    });
  });
});
