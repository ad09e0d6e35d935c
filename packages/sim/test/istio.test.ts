import assert from 'node:assert/strict';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startFleet, type Fleet, type SimCluster } from '../src/index.js';
import { get, type Reply } from './helpers.js';

/** A request with a body, as the admin (token) of `c` or with `token`. */
function send(
  fleet: Fleet,
  c: SimCluster,
  method: string,
  path: string,
  body: string,
  contentType: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${c.server}${path}`,
      {
        method,
        ca: fleet.caPem,
        agent: false,
        headers: {
          Authorization: `Bearer ${c.token}`,
          'Content-Type': contentType,
          Accept: 'application/json',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const PROM = '/api/v1/namespaces/monitoring/services/prometheus:9090/proxy/api/v1/query';
const VS = {
  apiVersion: 'networking.istio.io/v1beta1',
  kind: 'VirtualService',
  metadata: { name: 'web', namespace: 'default' },
  spec: { hosts: ['web'], http: [{ route: [{ destination: { host: 'web' } }] }] },
};

describe('Istio and Prometheus in the simulator (istio)', function () {
  this.timeout(30_000);
  let fleet: Fleet;
  let a: SimCluster;
  let b: SimCluster;
  before(async () => {
    fleet = await startFleet({ clusters: ['a', 'b', 'c'], podsPerCluster: 6, istio: ['a', 'c'] });
    a = fleet.cluster('a');
    b = fleet.cluster('b');
  });
  after(() => fleet.stop());

  it('serves networking.istio.io at v1 (preferred) and v1beta1, and its CRDs, on istio clusters only', async () => {
    const g = (await get(fleet, a, '/apis/networking.istio.io')).json();
    assert.deepEqual(
      g.versions.map((v: { version: string }) => v.version),
      ['v1', 'v1beta1'],
    );
    assert.equal(g.preferredVersion.version, 'v1');
    const list = (await get(fleet, a, '/apis/networking.istio.io/v1beta1')).json();
    assert.deepEqual(
      list.resources.map((r: { name: string; shortNames: string[] }) => [r.name, r.shortNames]),
      [
        ['virtualservices', ['vs']],
        ['destinationrules', ['dr']],
      ],
    );
    const crds = (await get(fleet, a, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).json();
    assert.deepEqual(
      crds.items.map((i: { metadata: { name: string } }) => i.metadata.name),
      ['destinationrules.networking.istio.io', 'virtualservices.networking.istio.io'],
    );
    assert.equal((await get(fleet, b, '/apis/networking.istio.io')).status, 404);
    assert.equal(
      (await get(fleet, b, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).status,
      404,
    );
    assert.equal((await get(fleet, b, '/api/v1/namespaces/monitoring')).status, 404);
    assert.equal((await get(fleet, a, '/api/v1/namespaces/monitoring/services/prometheus')).status, 200);
  });

  it('creates with POST, stores at v1 and answers each version with its apiVersion', async () => {
    const base = '/apis/networking.istio.io/v1beta1/namespaces/default/virtualservices';
    const made = await send(fleet, a, 'POST', base, JSON.stringify(VS), 'application/json');
    assert.equal(made.status, 201, made.text);
    assert.equal(made.json().apiVersion, 'networking.istio.io/v1beta1');
    assert.equal(made.json().metadata.generation, 1);
    assert.equal(a.store.get('virtualservices', 'default', 'web')!.apiVersion, 'networking.istio.io/v1');
    const v1 = await get(fleet, a, '/apis/networking.istio.io/v1/namespaces/default/virtualservices/web');
    assert.equal(v1.json().apiVersion, 'networking.istio.io/v1');
    const beta = await get(fleet, a, `${base}/web`);
    assert.equal(beta.json().apiVersion, 'networking.istio.io/v1beta1');
    assert.equal(Number(beta.headers['content-length'] ?? beta.text.length), Buffer.byteLength(beta.text));
    const again = await send(fleet, a, 'POST', base, JSON.stringify(VS), 'application/json');
    assert.equal(again.status, 409);
    assert.match(again.json().message, /virtualservices.networking.istio.io "web" already exists/);
    const wrongNs = await send(
      fleet,
      a,
      'POST',
      '/apis/networking.istio.io/v1/namespaces/kube-system/virtualservices',
      JSON.stringify(VS),
      'application/json',
    );
    assert.equal(wrongNs.status, 400);
  });

  it('answers Prometheus queries behind the service proxy, under each name of the service', async () => {
    for (const svc of ['prometheus:9090', 'prometheus:http', 'http:prometheus:9090', 'prometheus']) {
      const path = `/api/v1/namespaces/monitoring/services/${svc}/proxy/api/v1/query`;
      const r = await get(
        fleet,
        a,
        `${path}?query=${encodeURIComponent('sum(rate(http_requests_total[1m]))')}&time=1700000000.5`,
      );
      assert.equal(r.status, 200, `${svc}: ${r.text}`);
      const body = r.json();
      assert.equal(body.status, 'success');
      assert.equal(body.data.resultType, 'vector');
      assert.equal(body.data.result.length, 1);
      assert.equal(body.data.result[0].value[0], 1700000000.5);
      assert.ok(Number(body.data.result[0].value[1]) > 0);
    }
    const form = await send(
      fleet,
      a,
      'POST',
      PROM,
      'query=sum%28rate%28http_requests_total%5B1m%5D%29%29',
      'application/x-www-form-urlencoded',
    );
    assert.equal(form.status, 200, form.text);
    assert.equal(form.json().data.result.length, 1);
    const bad = await get(fleet, a, `${PROM}?query=${encodeURIComponent('irate(x[1m])')}`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json().status, 'error');
    assert.equal(bad.json().errorType, 'bad_data');
    assert.match(bad.json().error, /^invalid parameter "query": .*irate/);
    const none = await get(fleet, a, `${PROM}?query=${encodeURIComponent('sum(rate(nothing[1m]))')}`);
    assert.deepEqual(none.json().data.result, []);
  });

  it('authorizes the proxy as services/proxy and refuses other services and clusters', async () => {
    const restricted = await get(fleet, a, `${PROM}?query=x`, { token: restrictedToken(fleet) });
    assert.equal(restricted.status, 403);
    assert.match(
      restricted.json().message,
      /cannot get resource "services\/proxy" in API group "" in the namespace "monitoring"/,
    );
    assert.equal((await get(fleet, b, `${PROM}?query=x`)).status, 404);
    fleet.setFault('a', 'forbid');
    try {
      assert.equal((await get(fleet, a, `${PROM}?query=x`)).status, 403);
    } finally {
      fleet.setFault('a', undefined);
    }
    assert.equal((await get(fleet, a, `${PROM}?query=x`)).status, 400);
    const other = await get(fleet, a, '/api/v1/namespaces/kube-system/services/kube-dns:53/proxy/');
    assert.equal(other.status, 503, other.text);
  });
});

function restrictedToken(fleet: Fleet): string {
  const kc = parse(readFileSync(fleet.kubeconfigPath, 'utf8')) as {
    users: { name: string; user: { token?: string } }[];
  };
  return kc.users.find((u) => u.name === 'restricted')!.user.token!;
}
