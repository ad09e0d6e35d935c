import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpDir, write } from './helpers.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('@kubernetes/client-node is loaded on first use', () => {
  it('no core module imports it eagerly (only `import type` or a dynamic import)', () => {
    const offenders: string[] = [];
    for (const file of tsFiles(src)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /^\s*(import|export)\s+(?!type\b)[^;]*?from\s+['"]@kubernetes\/client-node['"]/gm,
      )) {
        offenders.push(`${path.relative(src, file)}: ${m[0].trim()}`);
      }
    }
    // Loading client-node costs more than the rest of core together: use `import type` and loadClientNode().
    assert.deepEqual(
      offenders,
      [],
      'eager imports of @kubernetes/client-node (use import type + loadClientNode())',
    );
  });

  it('static and exec contexts never load it; one with an auth-provider user loads it before the fan-out', () => {
    const dir = tmpDir();
    const kubeconfig = write(
      dir,
      'config',
      `clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
users:
- {name: tok, user: {token: t}}
- {name: cert, user: {client-certificate-data: Qw==, client-key-data: Sw==}}
- {name: exec, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x, interactiveMode: Never}}}
- {name: oidc, user: {auth-provider: {name: oidc, config: {client-id: k, id-token: t, idp-issuer-url: "https://127.0.0.1:1"}}}}
contexts:
- {name: tok, context: {cluster: c, user: tok}}
- {name: cert, context: {cluster: c, user: cert}}
- {name: exec, context: {cluster: c, user: exec}}
- {name: oidc, context: {cluster: c, user: oidc}}
`,
    );
    // a fresh process: is client-node resolved (module.registerHooks sees require and import alike)?
    const url = (f: string) => pathToFileURL(path.join(src, f)).href;
    const script = `
      import module from 'node:module';
      let loaded = false;
      module.registerHooks({ resolve(spec, ctx, next) {
        if (spec === '@kubernetes/client-node') loaded = true;
        return next(spec, ctx);
      } });
      const { loadKubeconfig } = await import(${JSON.stringify(url('kubeconfig/index.ts'))});
      const { createConnection, preloadTransport } = await import(${JSON.stringify(url('transport/index.ts'))});
      const kc = loadKubeconfig({ kubeconfig: ${JSON.stringify(kubeconfig)} });
      const seen = [];
      for (const ctx of [['tok', 'cert'], ['exec'], ['oidc']]) {
        preloadTransport(kc, ctx);
        for (const c of ctx) (await createConnection(kc, c)).close();
        seen.push(loaded);
      }
      console.log(JSON.stringify(seen));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(out), [false, false, true]);
  });
});
