/** What a credential plugin's failure may show. */

/**
 * Output of a credential plugin (exec, auth provider) made safe to show: such output may carry the very
 * credential the plugin was producing, which is in no kubeconfig and so cannot be redacted by value.
 * Keeps the first line, masks `key=value` / `key: value` pairs whose key names a credential, and masks
 * long opaque runs (tokens, JWTs, base64 keys).
 */
export function scrubPluginOutput(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return first
    .replace(
      /\b(token|access[_-]?token|id[_-]?token|refresh[_-]?token|password|passwd|secret|client[_-]?key|key|bearer|authorization)(["']?\s*[=:]\s*|\s+)("[^"]*"|'[^']*'|\S+)/gi,
      (_m, k: string, sep: string) => `${k}${sep}[redacted]`,
    )
    .replace(/[A-Za-z0-9+/_\-.=]{24,}/g, '[redacted]');
}
