// kubectl's spelling of boolean flags, which oclif reads differently; shared by every command.

/**
 * kubectl's `--flag=true|false` for boolean flags, as oclif reads them: `--flag`, and for `=false`
 * `--no-flag` (flags with `allowNo`) or nothing at all (`offByDefault`: flags that default to false).
 */
export function kubectlBooleans(argv: string[], names: string[], offByDefault: string[] = []): string[] {
  const out: string[] = [];
  for (const a of argv) {
    if (a === '--') {
      out.push(...argv.slice(argv.indexOf(a)));
      break;
    }
    const m = /^--([a-z-]+)=(true|false)$/.exec(a);
    const n = m?.[1];
    if (m && n !== undefined && (names.includes(n) || offByDefault.includes(n))) {
      if (m[2] === 'true') out.push(`--${n}`);
      else if (names.includes(n)) out.push(`--no-${n}`);
      continue;
    }
    out.push(a);
  }
  return out;
}
