/** SelfSubjectAccessReview, as `kubectl auth can-i` posts it (Kubernetes protobuf) and as JSON. */
import assert from 'node:assert/strict';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { startFleet, type Fleet, type SimCluster } from '../src/index.js';

/** What kubectl 1.32 sent for `kubectl auth can-i list pods` (from its -v=9 log). */
const KUBECTL_LIST_PODS = Buffer.from(
  '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f76311217' +
    '53656c665375626a656374416363657373526576696577123d0a100a0012001a00' +
    '22002a00320038004200121f0a1d0a0764656661756c7412046c6973741a002200' +
    '2a04706f647332003a001a08080012001a0020001a002200',
  'hex',
);

function post(c: SimCluster, ca: string, token: string, body: Buffer, type: string) {
  return new Promise<{ status: number; json: () => { status?: { allowed?: boolean } } }>(
    (resolve, reject) => {
      const req = https.request(
        `${c.server}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
        {
          method: 'POST',
          ca,
          agent: false,
          headers: { 'Content-Type': type, Accept: 'application/json', Authorization: `Bearer ${token}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(text) as never });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    },
  );
}

const json = (attrs: Record<string, string>) =>
  Buffer.from(
    JSON.stringify({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      spec: { resourceAttributes: attrs },
    }),
  );

describe('simulated API server: SelfSubjectAccessReview', function () {
  this.timeout(20_000);
  let fleet: Fleet;
  let east: SimCluster;
  let admin: string;
  let restricted: string;

  before(async () => {
    fleet = await startFleet({ clusters: ['us-east-prod'], podsPerCluster: 2 });
    east = fleet.cluster('us-east-prod');
    const kc = parse(await readFile(fleet.kubeconfigPath, 'utf8'));
    const token = (name: string) =>
      kc.users.find((u: { name: string }) => u.name === name).user.token as string;
    admin = token('us-east-prod-admin');
    restricted = token('restricted');
  });
  after(() => fleet?.stop());

  it("reads kubectl's protobuf review", async () => {
    const pb = 'application/vnd.kubernetes.protobuf';
    const r = await post(east, fleet.caPem, restricted, KUBECTL_LIST_PODS, pb);
    assert.equal(r.status, 201);
    assert.equal(r.json().status?.allowed, true);
  });

  it('allows admins anything, the restricted user get/list/watch in default but not secrets', async () => {
    const ask = async (token: string, attrs: Record<string, string>) => {
      const r = await post(east, fleet.caPem, token, json(attrs), 'application/json');
      assert.equal(r.status, 201);
      return r.json().status?.allowed;
    };
    assert.equal(await ask(admin, { verb: 'delete', resource: 'nodes' }), true);
    assert.equal(await ask(restricted, { verb: 'list', resource: 'pods', namespace: 'default' }), true);
    assert.equal(
      await ask(restricted, { verb: 'get', resource: 'deployments', group: 'apps', namespace: 'default' }),
      true,
    );
    assert.equal(await ask(restricted, { verb: 'list', resource: 'secrets', namespace: 'default' }), false);
    assert.equal(await ask(restricted, { verb: 'list', resource: 'pods', namespace: 'kube-system' }), false);
    assert.equal(await ask(restricted, { verb: 'create', resource: 'pods', namespace: 'default' }), false);
    assert.equal(await ask(restricted, { verb: 'list', resource: 'nodes' }), false);
  });

  it('answers 400 to a body that is not a review', async () => {
    const r = await post(east, fleet.caPem, admin, Buffer.from('{"kind":"Pod"}'), 'application/json');
    assert.equal(r.status, 400);
  });
});
