/**
 * Which kubectl command lines only read. `kubectl mc foreach` asks before anything else, so this errs on
 * the side of "can change": an unknown verb (a plugin), an unknown subcommand, or a flag before the verb
 * whose arity is unknown all count as changing.
 */

/** Global kubectl flags that take a value as the next argument when written without `=`. */
const VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '-s',
  '--server',
  '--user',
  '--cluster',
  '--context',
  '--kubeconfig',
  '--token',
  '--as',
  '--as-group',
  '--as-uid',
  '--request-timeout',
  '-v',
  '--v',
  '--vmodule',
  '--cache-dir',
  '--certificate-authority',
  '--client-certificate',
  '--client-key',
  '--tls-server-name',
  '--password',
  '--username',
  '--profile',
  '--profile-output',
  '--log-flush-frequency',
]);

/** Global boolean kubectl flags (no value argument). */
const BOOL_FLAGS = new Set([
  '--insecure-skip-tls-verify',
  '--match-server-version',
  '--warnings-as-errors',
  '--disable-compression',
  '-h',
  '--help',
]);

/** Verbs that only read, whatever follows them. */
const READ_ONLY_VERBS = new Set([
  'get',
  'describe',
  'logs',
  'events',
  'explain',
  'api-resources',
  'api-versions',
  'version',
  'cluster-info',
  'diff',
  'wait',
  'kustomize',
  'completion',
  'options',
  'help',
]);

/** Verbs with subcommands, and the subcommands that only read. */
const READ_ONLY_SUBCOMMANDS: Record<string, ReadonlySet<string>> = {
  auth: new Set(['can-i', 'whoami']),
  rollout: new Set(['status', 'history']),
  top: new Set(['node', 'nodes', 'no', 'pod', 'pods', 'po']),
  config: new Set(['view', 'current-context', 'get-contexts', 'get-clusters', 'get-users']),
  apply: new Set(['view-last-applied']),
  plugin: new Set(['list']),
  certificate: new Set([]),
};

/** Verbs that do not change anything with `--dry-run=client|server`. */
const DRY_RUN_VERBS = new Set([
  'apply',
  'create',
  'delete',
  'replace',
  'patch',
  'label',
  'annotate',
  'scale',
  'autoscale',
  'expose',
  'run',
  'set',
  'drain',
  'cordon',
  'uncordon',
  'taint',
]);

export interface VerbClass {
  /** The verb and, for verbs with subcommands, the subcommand (`rollout restart`); '' when none. */
  verb: string;
  readOnly: boolean;
}

/** The kubectl command a list of arguments runs (`rollout status`, `get`, a plugin's name, …). */
export function kubectlVerb(args: readonly string[]): { verb: string; sub?: string; unsure: boolean } {
  let i = 0;
  let unsure = false;
  while (i < args.length) {
    const a = args[i] as string;
    if (a === '--') return { verb: '', unsure: true };
    if (!a.startsWith('-') || a === '-') break;
    if (a.includes('=') || BOOL_FLAGS.has(a)) i += 1;
    else if (VALUE_FLAGS.has(a)) i += 2;
    else if (/^-[a-zA-Z]$/.test(a)) {
      unsure = true; // an unknown short flag: takes a value or not
      i += 1;
    } else if (/^-[nsv]./.test(a))
      i += 1; // -nkube-system, -v6
    else {
      unsure = true;
      i += 1;
    }
  }
  const verb = args[i] ?? '';
  if (verb === '' || !Object.hasOwn(READ_ONLY_SUBCOMMANDS, verb)) return { verb, unsure };
  // the subcommand: the next argument that is not a flag (flags between them are rare; stay strict)
  const sub = args[i + 1];
  return sub === undefined || sub.startsWith('-') ? { verb, unsure } : { verb, sub, unsure };
}

function dryRun(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const own = end === -1 ? args : args.slice(0, end);
  return own.some((a) => a === '--dry-run=client' || a === '--dry-run=server' || a === '--dry-run');
}

/** Classify a kubectl command line: read-only, or one that can change something (ask first). */
export function classifyKubectlArgs(args: readonly string[]): VerbClass {
  const end = args.indexOf('--');
  const own = end === -1 ? args : args.slice(0, end);
  const { verb, sub, unsure } = kubectlVerb(args);
  const name = sub === undefined ? verb : `${verb} ${sub}`;
  if (verb === '') {
    // `kubectl --help` prints help; anything else without a verb is not understood
    return { verb: name, readOnly: !unsure && (own.includes('--help') || own.includes('-h')) };
  }
  if (unsure) return { verb: name, readOnly: false };
  if (own.includes('--help') || own.includes('-h')) return { verb: name, readOnly: true };
  if (READ_ONLY_VERBS.has(verb)) return { verb: name, readOnly: true };
  const subs = READ_ONLY_SUBCOMMANDS[verb];
  if (subs !== undefined) {
    if (sub !== undefined && subs.has(sub)) return { verb: name, readOnly: true };
    // `kubectl rollout` / `kubectl auth` alone print help
    if (sub === undefined && own.length === 1) return { verb: name, readOnly: true };
  }
  if (DRY_RUN_VERBS.has(verb) && dryRun(args)) return { verb: name, readOnly: true };
  return { verb: name, readOnly: false };
}
