/**
 * TLS verification is never turned off except by the kubeconfig's own `insecure-skip-tls-verify: true`,
 * and then a warning names the context. A source scan finds every place that could disable
 * verification; each must be on the reviewed list below, with its reason.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { assertBuilt, assertNoStack, cliEnv, root, runCli } from './helpers.js';

/** Patterns that can switch certificate verification off in Node. */
const DANGEROUS = [
  /rejectUnauthorized/,
  /NODE_TLS_REJECT_UNAUTHORIZED/,
  /checkServerIdentity/,
  /skipTLSVerify\s*[:=]\s*true/,
  /insecure-skip-tls-verify['"]?\s*[:=]\s*true/,
  /setDefaultResultOrder|secureOptions|SSL_OP_/,
  /getPeerCertificate/,
];

/** Reviewed occurrences: file → line patterns that are allowed there, with the reason. */
const REVIEWED: Array<{ file: string; line: RegExp; why: string }> = [
  {
    file: 'packages/core/src/transport/credentials.ts',
    line: /'servername' \| 'rejectUnauthorized'/,
    why: 'the type of the TLS options handed to node:https (through the proxy tunnel too: hpagent hands them on)',
  },
  {
    file: 'packages/core/src/transport/credentials.ts',
    line: /rejectUnauthorized: !cluster\.skipTLSVerify/,
    why: 'the one place verification is decided: off only when the kubeconfig says insecure-skip-tls-verify',
  },
  {
    file: 'packages/sim/src/server.ts',
    line: /rejectUnauthorized: false,/,
    why: 'the simulator (a server) asks for client certificates without requiring them; not a client option',
  },
  {
    file: 'packages/core/src/transport/exec-credentials.ts',
    line: /\.\.\.\(c\.skipTLSVerify && \{ 'insecure-skip-tls-verify': true \}\),/,
    why: 'tells an exec plugin (KUBERNETES_EXEC_INFO, provideClusterInfo) what the kubeconfig says, as client-go does; it decides nothing',
  },
  {
    file: 'packages/sim/src/routes/auth.ts',
    line: /const peer = sock\.getPeerCertificate\(\);/,
    why: "the simulator (a server) reads a client certificate's name to authenticate it; not a client option",
  },
  {
    file: 'packages/core/src/transport/proxy.ts',
    line: /getPeerCertificate|tls\.checkServerIdentity/,
    why: "node's host-name check gets the leaf certificate (all it reads) instead of the whole chain as objects; the check is node's own and still runs (transport test: a wrong tls-server-name is refused)",
  },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

describe('reliability: TLS verification', function () {
  this.timeout(60_000);
  let fleet: Fleet;

  before(async () => {
    assertBuilt();
    fleet = await startFleet({
      clusters: ['t-one', 't-two', 't-three', 't-four', 't-insecure'],
      podsPerCluster: 4,
      // the insecure cluster serves a certificate no CA in the kubeconfig signed
      faults: { 't-insecure': 'bad-cert' },
    });
  });
  after(async () => {
    await fleet?.stop();
  });

  it('no code path disables certificate verification except the reviewed, kubeconfig-driven one', () => {
    const dirs = [
      'packages/core/src',
      'packages/cli/src',
      'packages/vscode-ext/src',
      'packages/sim/src',
      'scripts',
      'bench',
    ];
    const hits: string[] = [];
    const used = new Set<number>();
    for (const d of dirs) {
      let files: string[];
      try {
        files = sourceFiles(path.join(root, d));
      } catch {
        continue;
      }
      for (const f of files) {
        const rel = path.relative(root, f);
        readFileSync(f, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (!DANGEROUS.some((re) => re.test(line))) return;
            const ok = REVIEWED.findIndex((r) => r.file === rel && r.line.test(line));
            if (ok >= 0) used.add(ok);
            else hits.push(`${rel}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    assert.deepEqual(hits, [], 'unreviewed code that can disable TLS verification');
    assert.ok(used.has(1), 'the kubeconfig-driven decision is still where the review says');
  });

  function insecureKubeconfig(): string {
    const kc = parse(readFileSync(fleet.kubeconfigPath, 'utf8')) as {
      clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
    };
    const c = kc.clusters.find((x) => x.name === 't-insecure')!;
    delete c.cluster['certificate-authority-data'];
    c.cluster['insecure-skip-tls-verify'] = true;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kmc-rel-tls-')), 'kubeconfig');
    writeFileSync(file, stringify(kc), { mode: 0o600 });
    return file;
  }
  const names = 't-one,t-two,t-three,t-four,t-insecure';

  it('verification is on by default; insecure-skip-tls-verify: true (and only it) lets the context connect', async () => {
    const strict = await runCli(['get', 'pods', '-A', '--clusters', names], {
      env: cliEnv({ KUBECONFIG: fleet.kubeconfigPath }),
    });
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /context "t-insecure": Unreachable: .*(certificate|x509)/);
    const r = await runCli(['get', 'pods', '-A', '--clusters', names], {
      env: cliEnv({ KUBECONFIG: insecureKubeconfig() }),
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^t-insecure\s/m, 'the insecure context answered');
    assertNoStack(r.stderr);
  });

  it('insecure-skip-tls-verify: a warning names the context on stderr (get -v=1, as kubectl; contexts)', async () => {
    const env = cliEnv({ KUBECONFIG: insecureKubeconfig() });
    const quiet = await runCli(['get', 'pods', '-A', '--clusters', names], { env });
    assert.doesNotMatch(quiet.stderr, /insecure-skip-tls-verify/, 'kubectl get says nothing without -v');
    const r = await runCli(['get', 'pods', '-A', '--clusters', names, '-v=1'], { env });
    assert.match(r.stderr, /^warning: .*"t-insecure".*(insecure-skip-tls-verify|TLS)/m, 'get: no warning');
    assert.doesNotMatch(r.stderr, /"t-(one|two|three|four)"/, 'only the insecure context is warned about');
    const k = await runCli(['contexts', '--check', '--clusters', names], { env });
    assert.match(
      k.stderr,
      /^warning: .*"t-insecure".*(insecure-skip-tls-verify|TLS)/m,
      'contexts: no warning',
    );
  });
});
