/**
 * Protected contexts: clusters a mutating verb (apply, delete, scale, label, annotate, rollout …) only
 * changes after the user typed the environment's name. A context is protected when `.kubectl-mc.yaml`
 * names it under `protected:` (a name glob, optionally with its environment) or when a topology file
 * (`topology:` in the same file, or `--topology`) gives its cluster `environment: production` (or
 * `purpose: production`).
 *
 * ```yaml
 * protected:
 *   - "*-prod"                 # environment: production unless the topology says otherwise
 *   - context: "pci-*"
 *     environment: pci
 * topology: topology.yaml      # or a list; relative to this file
 * ```
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../errors.js';
import { globToRegExp } from '../kubeconfig/select.js';
import { buildModel, isProductionValue } from '../topology/model.js';
import { parseFile } from '../topology/parse.js';
import { findLintConfig } from '../topology/workspace/config.js';

export interface ProtectedRule {
  /** A context name glob (`*`, `?`). */
  context: string;
  /** The name the user types (default: the topology's environment, else `production`). */
  environment?: string;
}

export interface Protection {
  rules: ProtectedRule[];
  /** Environment of each context (and cluster name) the topology files declare. */
  environments: Map<string, { environment: string; production: boolean }>;
  /** The config file read, if any. */
  file?: string;
}

export interface ProtectedContext {
  context: string;
  /** What the user must type. */
  environment: string;
  /** Why: `.kubectl-mc.yaml: *-prod` or `topology.yaml: environment production`. */
  reason: string;
}

export interface LoadProtectionOptions {
  /** Where `.kubectl-mc.yaml` is looked for (here, else at the git root). Default: `process.cwd()`. */
  cwd?: string;
  /** An explicit config file instead of the search. */
  configFile?: string;
  /** More topology files (`--topology`). */
  topology?: string[];
}

const DEFAULT_ENVIRONMENT = 'production';
const MAX_CONFIG_BYTES = 1024 * 1024;

async function readText(file: string, what: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (text.length > MAX_CONFIG_BYTES) throw new UsageError(`${what} ${file} is larger than 1 MiB`);
  return text;
}

function parseRules(value: unknown, file: string): ProtectedRule[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((v) => {
    if (typeof v === 'string' && v) return { context: v };
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const unknownKey = Object.keys(o).find((k) => k !== 'context' && k !== 'environment');
      if (unknownKey === undefined && typeof o['context'] === 'string' && o['context']) {
        const env = o['environment'];
        if (env === undefined || (typeof env === 'string' && env.trim())) {
          return { context: o['context'], ...(typeof env === 'string' ? { environment: env.trim() } : {}) };
        }
      }
    }
    throw new UsageError(
      `${file}: each entry of \`protected\` is a context name glob or {context: GLOB, environment: NAME}`,
    );
  });
}

function stringList(value: unknown, key: string, file: string): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (!list.every((v): v is string => typeof v === 'string' && v.length > 0))
    throw new UsageError(`${file}: \`${key}\` is a file name or a list of file names`);
  return list;
}

/** The environments a topology file gives its clusters, by context and by cluster name. */
async function readTopology(file: string, into: Protection['environments']): Promise<void> {
  const parsed = parseFile({ path: file, text: await readText(file, 'topology') });
  const model = buildModel(parsed.docs, parsed.problems);
  for (const c of model.clusters) {
    const environment = (c.environment ?? c.purpose ?? '').trim();
    const entry = { environment: environment || DEFAULT_ENVIRONMENT, production: isProductionValue(c.value) };
    if (!environment && !entry.production) continue;
    for (const key of [c.context, c.name]) if (!into.has(key)) into.set(key, entry);
  }
}

/** Read `.kubectl-mc.yaml` (found from `cwd`) and the topology files it and `opts.topology` name. */
export async function loadProtection(opts: LoadProtectionOptions = {}): Promise<Protection> {
  const cwd = opts.cwd ?? process.cwd();
  const file = opts.configFile ?? (await findLintConfig(cwd));
  const protection: Protection = { rules: [], environments: new Map() };
  const topologies = (opts.topology ?? []).map((t) => resolve(cwd, t));
  if (file) {
    protection.file = file;
    let doc: unknown;
    try {
      doc = parseYaml(await readText(file, 'config'));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${file}: invalid YAML: ${e instanceof Error ? e.message.split('\n')[0] : ''}`);
    }
    if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
      const o = doc as Record<string, unknown>;
      protection.rules = parseRules(o['protected'], file);
      for (const t of stringList(o['topology'], 'topology', file)) topologies.push(resolve(dirname(file), t));
    }
  }
  for (const t of topologies) await readTopology(t, protection.environments);
  return protection;
}

/** The protected contexts among `contexts`, each with the name to type, in the order given. */
export function protectedContexts(contexts: readonly string[], protection: Protection): ProtectedContext[] {
  const out: ProtectedContext[] = [];
  const where = protection.file ?? '.kubectl-mc.yaml';
  for (const context of contexts) {
    const topo = protection.environments.get(context);
    const rule = protection.rules.find((r) => globToRegExp(r.context).test(context));
    if (rule) {
      out.push({
        context,
        environment: rule.environment ?? topo?.environment ?? DEFAULT_ENVIRONMENT,
        reason: `${where}: protected ${rule.context}`,
      });
    } else if (topo?.production) {
      out.push({
        context,
        environment: topo.environment,
        reason: `topology: environment ${topo.environment}`,
      });
    }
  }
  return out;
}
