/**
 * `label` and `annotate` across the fleet, with kubectl's syntax (`key=value` sets, `key-` removes,
 * `--overwrite` to change a value already there) and its checks of keys and label values; the change is
 * a JSON merge patch of `metadata.labels` or `metadata.annotations`.
 */
import { mergePatchObject } from '../../api/mutate.js';
import { FIELD_MANAGER } from '../apply/plan.js';
import { ClusterError, UsageError } from '../../errors.js';
import type { FanOut } from '../../fanout/fanout.js';
import type { Fleet } from '../fleet.js';
import {
  planTargets,
  runChanges,
  type Changed,
  type MutatePlanOptions,
  type PlanRow,
  type RunChangesOptions,
} from './plan.js';
import type { TargetSpec } from './targets.js';

export type MetadataField = 'labels' | 'annotations';

export interface MetadataChanges {
  field: MetadataField;
  set: Record<string, string>;
  remove: string[];
  /** Change values already there (kubectl's --overwrite). */
  overwrite: boolean;
  /** Only when the object's resourceVersion is this one. */
  resourceVersion?: string;
}

/** `key=value` or `key-`: kubectl tells a change from a resource argument by these. */
export function isMetadataChange(arg: string): boolean {
  return arg.includes('=') || (arg.endsWith('-') && arg.length > 1);
}

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A qualified name (`[prefix/]name`) as the API validates label and annotation keys; the problem or undefined. */
function keyProblem(key: string): string | undefined {
  const i = key.lastIndexOf('/');
  const prefix = i < 0 ? undefined : key.slice(0, i);
  const name = i < 0 ? key : key.slice(i + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return 'prefix part must be a lowercase RFC 1123 subdomain';
  if (!name || name.length > 63 || !NAME.test(name))
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/** Parse kubectl's `key=value` / `key-` arguments; usage errors as kubectl words them. */
export function parseMetadataChanges(
  field: MetadataField,
  args: string[],
  overwrite: boolean,
): Pick<MetadataChanges, 'field' | 'set' | 'remove' | 'overwrite'> {
  const what = field === 'labels' ? 'label' : 'annotation';
  if (!args.length) throw new UsageError(`at least one ${what} update is required`);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const a of args) {
    if (a.includes('=')) {
      const i = a.indexOf('=');
      const key = a.slice(0, i);
      const value = a.slice(i + 1);
      const bad = keyProblem(key);
      if (bad) throw new UsageError(`invalid ${what} spec: ${a}: ${bad}`);
      if (field === 'labels' && value && (value.length > 63 || !NAME.test(value)))
        throw new UsageError(
          `invalid label value: "${a}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        );
      set[key] = value;
    } else {
      const key = a.slice(0, -1);
      const bad = keyProblem(key);
      if (bad) throw new UsageError(`invalid ${what} spec: ${a}: ${bad}`);
      remove.push(key);
    }
  }
  const both = remove.find((k) => k in set);
  if (both)
    throw new UsageError(
      `can not both modify and remove the following ${what}(s) in the same command: ${both}`,
    );
  return { field, set, remove, overwrite };
}

/** `app=web, tier-`: the changes an object gets, or an error when one needs --overwrite. */
export function planMetadata(
  fleet: Fleet,
  spec: TargetSpec,
  changes: MetadataChanges,
  opts: MutatePlanOptions = {},
): FanOut<PlanRow<Record<string, string | null>>[]> {
  return planTargets<Record<string, string | null>>(
    fleet,
    spec,
    (api, t) => {
      if (!t.live) return Promise.resolve({ note: 'not found' });
      const now = t.live.metadata?.[changes.field] ?? {};
      const rv = t.live.metadata?.resourceVersion;
      if (changes.resourceVersion !== undefined && changes.resourceVersion !== rv)
        throw new ClusterError(
          'ServerError',
          api.context,
          `the object has been modified: resourceVersion is ${rv ?? ''}, not ${changes.resourceVersion}`,
          { reason: 'Conflict' },
        );
      const patch: Record<string, string | null> = {};
      const shown: string[] = [];
      for (const [k, v] of Object.entries(changes.set)) {
        if (now[k] === v) continue;
        if (now[k] !== undefined && !changes.overwrite)
          throw new ClusterError(
            'ServerError',
            api.context,
            `'${k}' already has a value (${now[k]}), and --overwrite is false`,
            { reason: 'Conflict' },
          );
        patch[k] = v;
        shown.push(`${k}=${v}`);
      }
      for (const k of changes.remove) {
        if (now[k] === undefined) continue;
        patch[k] = null;
        shown.push(`${k}-`);
      }
      const verb = changes.field === 'labels' ? 'label' : 'annotate';
      if (!shown.length) return Promise.resolve({ note: 'unchanged' });
      return Promise.resolve({ action: `${verb} ${shown.join(' ')}`, payload: patch });
    },
    opts,
  );
}

export interface RunMetadataOptions extends RunChangesOptions<Record<string, string | null>> {
  dryRun?: boolean;
}

export function runMetadata(
  fleet: Fleet,
  plans: Map<string, PlanRow<Record<string, string | null>>[]>,
  changes: MetadataChanges,
  opts: RunMetadataOptions = {},
): FanOut<Changed<Record<string, string | null>>[]> {
  const done = changes.field === 'labels' ? 'labeled' : 'annotated';
  return runChanges(
    fleet,
    plans,
    async (api, row, signal) => {
      const { resource, name, namespace } = row.target;
      const rv = changes.resourceVersion;
      await mergePatchObject(
        api.conn,
        resource,
        name,
        { metadata: { [changes.field]: row.payload ?? {}, ...(rv ? { resourceVersion: rv } : {}) } },
        {
          fieldManager: FIELD_MANAGER,
          ...(namespace ? { namespace } : {}),
          ...(opts.dryRun ? { dryRun: true } : {}),
          signal,
        },
      );
      return opts.dryRun ? `${done} (server dry run)` : done;
    },
    opts,
  );
}
