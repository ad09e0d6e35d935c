/**
 * A hostile server that echoes the credentials it receives — the Authorization header (bearer tokens from
 * an exec plugin, a token file and the kubeconfig; basic auth as base64 and decoded) and the client
 * certificate — in Status messages, text bodies and response headers. None of them reaches a byte of
 * stdout or stderr, at any `-v` level; a 401 reads as kubectl's line; the well-behaved context prints.
 * The kubeconfig's literal values are not enough to know what was sent (exec and token-file tokens are in
 * no kubeconfig): redaction knows what the process sent.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { assertBuilt, assertNoSecrets, assertNoStack, cliEnv, runCli } from './helpers.js';
import { startHostileServer, type HostileServer } from './hostile-server.js';

const MODES = ['echo401', 'echo403', 'echo500', 'echo200'] as const;
const USERS = ['exec', 'tokenfile', 'static', 'basic', 'cert'] as const;

describe('reliability: a server that echoes the credentials it got', function () {
  this.timeout(180_000);
  let server: HostileServer;
  let env: NodeJS.ProcessEnv;
  const secrets: string[] = [];
  const contexts: string[] = [];

  before(async () => {
    assertBuilt();
    server = await startHostileServer();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kmc-rel-echo-'));
    const execToken = `exec-token-${'x'.repeat(24)}`;
    const fileToken = `file-token-${'f'.repeat(24)}`;
    const staticToken = `static-token-${'s'.repeat(24)}`;
    const password = `basic-pass-${'b'.repeat(16)}`;
    const tokenFile = path.join(dir, 'token');
    writeFileSync(tokenFile, `${fileToken}\n`);
    const plugin = path.join(dir, 'plugin.sh');
    writeFileSync(
      plugin,
      `#!/bin/sh\ncat <<'JSON'\n{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${execToken}"}}\nJSON\n`,
    );
    chmodSync(plugin, 0o755);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path.join(dir, 'ckey.pem'),
        '-out',
        path.join(dir, 'ccert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=client',
      ],
      { stdio: 'ignore' },
    );
    const certPem = readFileSync(path.join(dir, 'ccert.pem'), 'utf8');
    const keyPem = readFileSync(path.join(dir, 'ckey.pem'), 'utf8');
    const der = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    secrets.push(
      execToken,
      fileToken,
      staticToken,
      password,
      `admin:${password}`,
      Buffer.from(`admin:${password}`).toString('base64'),
      der(certPem),
      der(keyPem),
      ...keyPem.split('\n').filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l)),
    );
    const users = {
      exec: {
        exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' },
      },
      tokenfile: { tokenFile },
      static: { token: staticToken },
      basic: { username: 'admin', password },
      cert: {
        'client-certificate-data': Buffer.from(certPem).toString('base64'),
        'client-key-data': Buffer.from(keyPem).toString('base64'),
      },
    };
    const ca = Buffer.from(server.caPem).toString('base64');
    const clusters = [...MODES, 'ok'].map((m) => ({
      name: m,
      cluster: { server: `${server.url}/${m}`, 'certificate-authority-data': ca },
    }));
    const ctxs: Array<{ name: string; context: Record<string, string> }> = [];
    for (const m of MODES)
      for (const u of USERS) {
        ctxs.push({ name: `${m}-${u}`, context: { cluster: m, user: u, namespace: 'default' } });
        contexts.push(`${m}-${u}`);
      }
    ctxs.push({ name: 'ok-static', context: { cluster: 'ok', user: 'static', namespace: 'default' } });
    contexts.push('ok-static');
    const kubeconfig = path.join(dir, 'kubeconfig.yaml');
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters,
        users: Object.entries(users).map(([name, user]) => ({ name, user })),
        contexts: ctxs,
        'current-context': 'ok-static',
      }),
      { mode: 0o600 },
    );
    env = cliEnv({ KUBECONFIG: kubeconfig });
  });
  after(async () => {
    await server?.close();
  });

  const run = async (args: string[]) => {
    const r = await runCli(args, { env, timeoutMs: 60_000 });
    assertNoStack(r.stderr, args.join(' '));
    return r;
  };

  for (const v of [0, 6, 7, 8, 9]) {
    it(`get, get -o yaml, contexts --check at -v=${v}: no credential in any byte, kubectl's 401 line`, async () => {
      const verbose = v > 0 ? [`-v=${v}`] : [];
      const base = ['--clusters', contexts.join(','), '--request-timeout', '10s', ...verbose];
      const get = await run(['get', 'pods', ...base]);
      const yaml = await run(['get', 'pods', '-o', 'yaml', ...base]);
      const check = await run(['contexts', '--check', ...base]);
      const outputs = {
        'get stdout': get.out,
        'get stderr': get.err,
        'get -o yaml stdout': yaml.out,
        'get -o yaml stderr': yaml.err,
        'contexts stdout': check.out,
        'contexts stderr': check.err,
      };
      // the check itself must see the echoes: the server did send them back
      for (const m of MODES) assert.ok(server.count(m) > 0, m);
      assertNoSecrets(secrets, outputs);
      assert.equal(get.code, 1, get.stderr);
      assert.match(get.stdout, /^ok-static\s+hostile-pod\s/m, get.stdout);
      for (const u of USERS) {
        assert.match(
          get.stderr,
          new RegExp(
            `^error: context "echo401-${u}": You must be logged in to the server \\(the server has asked for the client to provide credentials\\)$`,
            'm',
          ),
          get.stderr,
        );
        // the 403's and 500's messages are shown, minus what was sent
        assert.match(
          get.stderr,
          new RegExp(`context "echo403-${u}": Error from server \\(Forbidden\\): pods is forbidden: got`),
          get.stderr,
        );
        // (a text body over 1 KiB, as the certificate's echo makes it, is not quoted at all)
        if (u !== 'cert')
          assert.match(
            get.stderr,
            new RegExp(`context "echo500-${u}": ServerError: server failure: got`),
            get.stderr,
          );
      }
      assert.match(get.stderr, /\[redacted\]/);
      // a credential in the data a cluster serves is redacted in stdout too; the rows still print
      for (const u of USERS)
        assert.match(get.stdout, new RegExp(`^echo200-${u}\\s+echo-pod\\s`, 'm'), get.stdout);
      assert.match(
        get.stdout,
        /^echo200-static\s+echo-pod\s+got Authorization "(Bearer )?\[redacted\]" \(param \[redacted\]\)/m,
      );
      assert.match(
        yaml.stdout,
        /seen: .*got Authorization .*\[redacted\].* \(param \[redacted\]\)/,
        yaml.stdout,
      );
      if (v >= 8) assert.match(get.stderr, /x-echo-authorization: (Bearer|Basic) \[redacted\]/i, get.stderr);
    });
  }
});
