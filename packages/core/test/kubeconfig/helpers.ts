import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];
process.once('exit', () => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the test process exits. */
export function tmpDir(prefix = 'kmc-kc-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** A kubeconfig with one cluster, user and context per name. */
export function kubeconfigYaml(
  names: string[],
  opts: { current?: string; server?: (n: string) => string; userExtra?: string } = {},
): string {
  const lines = ['apiVersion: v1', 'kind: Config'];
  if (opts.current) lines.push(`current-context: ${opts.current}`);
  lines.push('clusters:');
  for (const n of names) {
    lines.push(
      `- name: ${n}`,
      '  cluster:',
      `    server: ${opts.server ? opts.server(n) : `https://${n}.example:6443`}`,
    );
  }
  lines.push('users:');
  for (const n of names) {
    lines.push(`- name: ${n}`, '  user:', `    token: token-of-${n}`);
    if (opts.userExtra) lines.push(opts.userExtra);
  }
  lines.push('contexts:');
  for (const n of names) lines.push(`- name: ${n}`, '  context:', `    cluster: ${n}`, `    user: ${n}`);
  return lines.join('\n') + '\n';
}
