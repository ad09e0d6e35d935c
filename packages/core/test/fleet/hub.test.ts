import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClusterError, UsageError } from '../../src/errors.js';
import {
  connectionConfigOf,
  HubKubeconfig,
  loadProviders,
  matchesSelector,
  parseClusterSelector,
  parseProfile,
  parseProviders,
  selectHubContexts,
  type ProvidersConfig,
} from '../../src/fleet/index.js';
import { loadKubeconfigFromString } from '../../src/kubeconfig/load.js';

const EXEC = 'client.authentication.k8s.io/exec';

function profileObj(over: Record<string, unknown> = {}) {
  return {
    apiVersion: 'multicluster.x-k8s.io/v1alpha1',
    kind: 'ClusterProfile',
    metadata: { name: 'c1', namespace: 'fleet', labels: { env: 'prod', region: 'eu' } },
    spec: { displayName: 'Cluster one', clusterManager: { name: 'ocm' } },
    status: {
      properties: [{ name: 'region', value: 'eu-west-1' }],
      conditions: [{ type: 'ControlPlaneHealthy', status: 'False', reason: 'Down', message: 'x' }],
      accessProviders: [
        {
          name: 'ocm',
          cluster: {
            server: 'https://10.0.0.1:6443/',
            'certificate-authority-data': 'Q0E=',
            extensions: [
              { name: EXEC, extension: { clusterName: 'c1' } },
              { name: 'clusterprofiles.multicluster.x-k8s.io/exec/additional-args', extension: ['--c1'] },
              {
                name: 'clusterprofiles.multicluster.x-k8s.io/exec/additional-envs',
                extension: { MINE: 'theirs', EXTRA: 'e' },
              },
            ],
          },
        },
      ],
      credentialProviders: [{ name: 'google', cluster: { server: 'https://gke' } }],
    },
    ...over,
  };
}

const providers = (text: string): ProvidersConfig => ({
  file: '/home/u/.kube/p.json',
  providers: parseProviders(text, '/home/u/.kube/p.json'),
});

describe('hub: ClusterProfile fleets', () => {
  describe('parseClusterSelector / matchesSelector', () => {
    const c = { labels: { env: 'prod', tier: 'a' }, properties: { region: 'eu-west-1' } };
    const m = (s: string) => matchesSelector(c, parseClusterSelector(s));
    it('matches labels and property: keys with kubectl semantics', () => {
      assert.ok(m('env=prod'));
      assert.ok(m('env==prod,tier'));
      assert.ok(!m('env!=prod'));
      assert.ok(m('missing!=x'));
      assert.ok(m('property:region in (eu-west-1,us-east-1)'));
      assert.ok(!m('property:region notin (eu-west-1)'));
      assert.ok(m('!property:zone'));
      assert.ok(!m('region'), 'a bare key is a label, not a property');
      assert.ok(m(''));
    });
    it('refuses what it cannot parse', () => {
      assert.throws(() => parseClusterSelector('env=prod,,x'), UsageError);
      assert.throws(() => parseClusterSelector('property:=x'), UsageError);
      assert.throws(() => parseClusterSelector('a b c'), UsageError);
    });
  });

  describe('parseProviders', () => {
    it('reads the access.Config format, resolving relative commands against the file', () => {
      const [p] = parseProviders(
        JSON.stringify({
          providers: [
            {
              name: 'ocm',
              execConfig: {
                apiVersion: 'client.authentication.k8s.io/v1',
                command: './bin/cp-creds',
                args: null,
                env: null,
                provideClusterInfo: true,
              },
              profileSourcedCLIArgsPolicy: 'Append',
            },
          ],
        }),
        '/etc/kube/providers.json',
      );
      assert.equal(p?.exec.command, '/etc/kube/bin/cp-creds');
      assert.deepEqual(p?.exec.args, []);
      assert.equal(p?.cliArgsPolicy, 'Append');
      assert.equal(p?.envVarsPolicy, 'Ignore');
    });
    it('names what is wrong', () => {
      assert.throws(() => parseProviders('{}', 'f'), /expected \{"providers"/);
      assert.throws(
        () => parseProviders('{"providers":[{"name":"a"}]}', 'f'),
        /"a" has no execConfig.command/,
      );
      assert.throws(
        () =>
          parseProviders(
            '{"providers":[{"name":"a","execConfig":{"command":"x"},"profileSourcedEnvVarsPolicy":"All"}]}',
            'f',
          ),
        /unsupported profileSourcedEnvVarsPolicy "All"/,
      );
    });
    it('a missing default file means no providers; a missing named file is a usage error', () => {
      const home = mkdtempSync(path.join(os.tmpdir(), 'hub-home-'));
      assert.deepEqual(loadProviders(undefined, home), { providers: [] });
      assert.throws(() => loadProviders(path.join(home, 'nope.json')), UsageError);
      writeFileSync(path.join(home, 'p.yaml'), 'providers:\n- name: a\n  execConfig: {command: a}\n');
      assert.equal(loadProviders(path.join(home, 'p.yaml')).providers[0]?.name, 'a');
    });
  });

  describe('parseProfile / connectionConfigOf', () => {
    it('reads labels, properties, conditions and both provider lists', () => {
      const c = parseProfile(profileObj(), 'hub');
      assert.ok(c);
      assert.equal(c.id, 'fleet/c1');
      assert.deepEqual(c.properties, { region: 'eu-west-1' });
      assert.deepEqual(
        c.access.map((a) => a.name),
        ['ocm', 'google'],
      );
      assert.equal(parseProfile({ metadata: { name: 'x' } }, 'hub'), undefined);
    });

    it('builds the exec user from the provider, with the exec extension and policies applied', () => {
      const c = parseProfile(profileObj(), 'hub')!;
      const cfg = connectionConfigOf(
        c,
        providers(
          JSON.stringify({
            providers: [
              { name: 'other', execConfig: { command: 'o' } },
              {
                name: 'ocm',
                execConfig: {
                  apiVersion: 'client.authentication.k8s.io/v1',
                  command: '/bin/cp',
                  args: ['--a'],
                  env: [{ name: 'MINE', value: 'mine' }],
                  provideClusterInfo: true,
                },
                profileSourcedCLIArgsPolicy: 'Append',
                profileSourcedEnvVarsPolicy: 'AppendIfNotExists',
              },
            ],
          }),
        ),
      );
      assert.equal(cfg.cluster.server, 'https://10.0.0.1:6443');
      assert.equal(cfg.cluster.caData, 'Q0E=');
      const exec = cfg.user.exec as Record<string, unknown>;
      assert.deepEqual(exec['args'], ['--a', '--c1']);
      assert.deepEqual(exec['env'], [
        { name: 'MINE', value: 'mine' },
        { name: 'EXTRA', value: 'e' },
      ]);
      assert.deepEqual(cfg.execClusterConfig, { clusterName: 'c1' });
      assert.equal(exec['interactiveMode'], 'Never');
      assert.equal(exec['provideClusterInfo'], true);
    });

    it('ignores the profile’s args and env unless the provider allows them; Replace lets the profile win', () => {
      const c = parseProfile(profileObj(), 'hub')!;
      const base = { name: 'ocm', execConfig: { command: 'c', env: [{ name: 'MINE', value: 'mine' }] } };
      const ignored = connectionConfigOf(c, providers(JSON.stringify({ providers: [base] })));
      assert.deepEqual((ignored.user.exec as { args: string[] }).args, []);
      assert.deepEqual((ignored.user.exec as { env: unknown[] }).env, [{ name: 'MINE', value: 'mine' }]);
      const replaced = connectionConfigOf(
        c,
        providers(JSON.stringify({ providers: [{ ...base, profileSourcedEnvVarsPolicy: 'Replace' }] })),
      );
      assert.deepEqual((replaced.user.exec as { env: unknown[] }).env, [
        { name: 'MINE', value: 'theirs' },
        { name: 'EXTRA', value: 'e' },
      ]);
    });

    it('no configured provider is the cluster’s Auth error naming what it offers', () => {
      const c = parseProfile(profileObj(), 'hub')!;
      assert.throws(
        () => connectionConfigOf(c, providers('{"providers":[{"name":"aws","execConfig":{"command":"a"}}]}')),
        (e: unknown) =>
          e instanceof ClusterError &&
          e.kind === 'Auth' &&
          e.context === 'fleet/c1' &&
          /offers access provider "ocm", "google"; none is configured in \/home\/u\/.kube\/p.json/.test(
            e.message,
          ),
      );
    });
  });

  describe('a profile that asks to skip TLS verification', () => {
    it("is refused as that cluster's error: only the user's kubeconfig may turn verification off", () => {
      const obj = JSON.parse(
        JSON.stringify(profileObj()).replace(
          '"server":"https://10.0.0.1:6443/"',
          '"server":"https://10.0.0.1:6443/","insecure-skip-tls-verify":true',
        ),
      ) as Record<string, unknown>;
      const c = parseProfile(obj, 'hub')!;
      assert.throws(
        () => connectionConfigOf(c, providers('{"providers":[{"name":"ocm","execConfig":{"command":"c"}}]}')),
        (e: unknown) =>
          e instanceof ClusterError &&
          e.context === 'fleet/c1' &&
          /asks to skip TLS verification \(insecure-skip-tls-verify\); refused/.test(e.message),
      );
    });
  });

  describe('HubKubeconfig / selectHubContexts', () => {
    const base = loadKubeconfigFromString(
      'apiVersion: v1\nkind: Config\nclusters: [{name: h, cluster: {server: "https://h"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: hub, context: {cluster: h, user: u}}]\n',
    );
    const p = providers('{"providers":[{"name":"ocm","execConfig":{"command":"c"}}]}');
    const c1 = parseProfile(profileObj(), 'hub')!;
    const c2 = parseProfile(profileObj({ metadata: { name: 'c2', namespace: 'other' } }), 'hub')!;
    const down = new ClusterError('Unreachable', 'hub:h2', 'hub "h2": connection refused');

    it('selects every profile by default, globs on <namespace>/<name>, and always reports failed hubs', () => {
      const k = new HubKubeconfig(base, [c1, c2], [down], p);
      assert.deepEqual(selectHubContexts(k, {}), ['fleet/c1', 'other/c2', 'hub:h2']);
      assert.deepEqual(selectHubContexts(k, { clusters: ['fleet/*'] }), ['fleet/c1', 'hub:h2']);
      assert.deepEqual(selectHubContexts(k, { exclude: ['fleet/*'] }), ['other/c2', 'hub:h2']);
      assert.throws(() => k.connectionConfigFor('hub:h2'), /connection refused/);
      assert.equal(k.contexts.find((x) => x.name === 'fleet/c1')?.server, 'https://10.0.0.1:6443/');
      assert.equal(k.contexts.find((x) => x.name === 'fleet/c1')?.user, 'provider:ocm');
    });
    it('nothing selected is a selection error naming the selector', () => {
      const k = new HubKubeconfig(base, [], [], p);
      assert.throws(
        () => selectHubContexts(k, {}, 'env=x'),
        /no ClusterProfile on the hub matches --cluster-selector "env=x"/,
      );
    });
  });
});
