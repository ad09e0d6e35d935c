/** `.kubectl-mc.yaml`: per-rule severity overrides (`rules: {id: off|info|warning|error}`). */
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { UsageError } from '../errors.js';
import { rules as registry } from './rules/index.js';
import { suggest } from './suggest.js';
import type { LintConfig, Position, RuleSetting } from './types.js';

/** Keys of `.kubectl-mc.yaml` that are not the linter's: protected contexts, topologies, rollout gates. */
const OTHER_KEYS = new Set(['protected', 'topology', 'rollout']);

const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

/**
 * An unusable lint config: a usage error whose message is `file:line:col: reason`, with the parts kept
 * apart so an editor can put the problem on the config file itself.
 */
export class LintConfigError extends UsageError {
  constructor(
    readonly file: string,
    readonly position: Position,
    readonly reason: string,
  ) {
    super(`${file}:${position.line}:${position.column}: ${reason}`);
  }
}

/** Parse a lint config; throws `LintConfigError` (a `UsageError`) naming file:line for anything unusable. */
export function parseLintConfig(text: string, file: string): LintConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const fail = (offset: number | undefined, reason: string): never => {
    const p = lc.linePos(offset ?? 0);
    throw new LintConfigError(file, { line: p.line, column: p.col }, reason);
  };
  const err = doc.errors[0];
  if (err) fail(err.pos[0], `invalid YAML in lint config: ${err.message.split('\n')[0]}`);
  const root = doc.contents;
  const config: LintConfig = { rules: {}, file };
  if (root === null || (isScalar(root) && root.value === null)) return config;
  if (!isMap(root)) return fail(root.range?.[0], 'lint config must be a mapping with a `rules:` key');
  const known = new Set([...registry.map((r) => r.id)]);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (OTHER_KEYS.has(key)) continue; // read by the mutating verbs (protected contexts), not by lint
    if (key !== 'rules') {
      fail(
        isScalar(pair.key) ? pair.key.range?.[0] : 0,
        `unknown key "${key}" in lint config (expected \`rules\`)`,
      );
    }
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
    if (!isMap(pair.value))
      return fail(
        isScalar(pair.key) ? pair.key.range?.[0] : 0,
        '`rules` must be a mapping of rule id to off|info|warning|error',
      );
    for (const rp of pair.value.items) {
      const id = isScalar(rp.key) ? String(rp.key.value) : '';
      const pos = isScalar(rp.key) ? rp.key.range?.[0] : 0;
      if (!known.has(id)) {
        const s = suggest(id, known);
        fail(pos, `unknown rule "${id}" in lint config${s ? ` (did you mean "${s}"?)` : ''}`);
      }
      const v = isScalar(rp.value) ? String(rp.value.value).toLowerCase() : '';
      if (!(SETTINGS as readonly string[]).includes(v)) {
        fail(
          isScalar(rp.value) ? rp.value.range?.[0] : pos,
          `rule "${id}" must be one of off, info, warning, error`,
        );
      }
      config.rules[id] = v as RuleSetting;
    }
  }
  return config;
}
