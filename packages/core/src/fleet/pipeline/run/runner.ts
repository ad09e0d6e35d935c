/**
 * A run from its record: stage after stage (asking approval where needed), each stage's failure rolled
 * back unless told not to, an abort ending the run `interrupted`, and at the end the clusters still
 * running this run's canary promoted. The record is written at every change; events are yielded as they
 * happen, from every cluster of a parallel stage.
 */
import { UsageError } from '../../../errors.js';
import { raceAbort } from '../../../util/abort.js';
import { defaultRolloutSettings, gateChecker } from '../gates/index.js';
import type { Site } from './kube.js';
import { defaultStateDir, newRunId, ownerAlive, ownerString, readRun, writeRecord } from './records.js';
import { deploymentOf, markState, promote } from './stage.js';
import { errorText, rollbackStage, runStage, type StageContext } from './stage-run.js';
import type {
  ClusterRecord,
  PipelineRunOptions,
  RunEvent,
  RunRecord,
  RunStatus,
  StartPipelineRunOptions,
} from './types.js';

/** Start a run: writes its record, then yields events until it ends; returns the final record. */
export async function* startRun(opts: StartPipelineRunOptions): AsyncGenerator<RunEvent, RunRecord> {
  deploymentOf(opts.objects);
  const now = new Date();
  const record: RunRecord = {
    id: newRunId(now),
    version: 1,
    pipeline: opts.pipeline,
    objects: opts.objects,
    manifestFiles: opts.manifestFiles,
    status: 'running',
    stage: 0,
    stages: opts.pipeline.stages.map((s) => ({
      name: s.name,
      status: 'pending',
      clusters: s.clusters.map((c) => ({ context: c.context, status: 'pending' })),
    })),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    owner: ownerString(),
    options: {
      gateDurationScale: opts.gateDurationScale ?? 1,
      noRollback: !!opts.noRollback,
      pauseBefore: opts.pauseBefore ?? [],
    },
  };
  return yield* drive(record, opts, false);
}

/** Continue run `id` from the stage it stopped in (that stage starts over). */
export async function* resumeRun(id: string, opts: PipelineRunOptions): AsyncGenerator<RunEvent, RunRecord> {
  const record = await readRun(id, opts.stateDir ?? defaultStateDir());
  if (record.status === 'succeeded' || record.status === 'failed')
    throw new UsageError(`run ${id} has ended (${record.status}); it cannot be resumed`);
  if (record.status === 'running' && ownerAlive(record.owner))
    throw new UsageError(`run ${id} is running (${record.owner})`);
  record.owner = ownerString();
  record.status = 'running';
  delete record.message;
  record.options = {
    gateDurationScale: opts.gateDurationScale ?? record.options.gateDurationScale,
    noRollback: opts.noRollback ?? record.options.noRollback,
    pauseBefore: opts.pauseBefore ?? record.options.pauseBefore,
  };
  return yield* drive(record, opts, true);
}

/** Run in the background, yielding its events as they come. */
async function* drive(
  record: RunRecord,
  opts: PipelineRunOptions,
  resumed: boolean,
): AsyncGenerator<RunEvent, RunRecord> {
  const queue: RunEvent[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const work = execute(record, opts, resumed, (e) => {
    queue.push(e);
    wake?.();
  }).finally(() => {
    done = true;
    wake?.();
  });
  work.catch(() => undefined);
  for (;;) {
    while (queue.length > 0) yield queue.shift()!;
    if (done) break;
    await new Promise<void>((r) => (wake = r));
    wake = undefined;
  }
  return await work;
}

async function execute(
  record: RunRecord,
  opts: PipelineRunOptions,
  resumed: boolean,
  out: (e: RunEvent) => void,
): Promise<RunRecord> {
  const dir = opts.stateDir ?? defaultStateDir();
  let saving: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    record.updatedAt = new Date().toISOString();
    const snapshot = structuredClone(record);
    saving = saving.then(() => writeRecord(dir, snapshot));
    return saving;
  };
  const emit = (e: RunEvent) => {
    out(e);
    void save().catch(() => undefined);
  };
  const finish = async (status: RunStatus, message?: string): Promise<RunRecord> => {
    record.status = status;
    if (message) record.message = message;
    else delete record.message;
    out({ type: 'run-finished', status, ...(message ? { message } : {}) });
    await save();
    return record;
  };
  await save();
  out({ type: 'run-started', run: structuredClone(record), resumed });
  const signal = opts.signal ?? new AbortController().signal;
  const scale = record.options.gateDurationScale;
  const settings = opts.settings ?? (opts.gates ? undefined : defaultRolloutSettings());
  const intervalMs = (settings?.intervalMs ?? 10_000) * scale;
  const deploy = deploymentOf(record.objects);
  const namespace = deploy.metadata?.namespace ?? 'default';
  const sites = new Map<string, Site>();
  const siteOf = async (context: string): Promise<Site> => {
    let s = sites.get(context);
    if (!s) {
      const api = await opts.fleet.api(context);
      const fieldManager = opts.fieldManager ?? 'kubectl-mc';
      s = { api, context, namespace, name: deploy.metadata!.name!, signal, fieldManager };
      sites.set(context, s);
    }
    return s;
  };
  const stages = record.pipeline.stages;
  /** The routing saved by the latest canary stage before `index` on `context` not yet promoted. */
  const priorRouting = (index: number, context: string): ClusterRecord['savedRouting'] => {
    let saved: ClusterRecord['savedRouting'];
    for (let i = 0; i < index; i++) {
      if (!stages[i]!.clusters.some((c) => c.context === context)) continue;
      if (stages[i]!.traffic >= 100) saved = undefined;
      else saved ??= record.stages[i]!.clusters.find((c) => c.context === context)?.savedRouting;
    }
    return saved;
  };
  const current = () => stages[record.stage]?.name ?? '';
  try {
    for (let i = record.stage; i < stages.length; i++) {
      record.stage = i;
      const stage = stages[i]!;
      const srec = record.stages[i]!;
      const reason =
        stage.approval === 'manual'
          ? ('manual' as const)
          : record.options.pauseBefore.includes(stage.name)
            ? ('pause-before' as const)
            : undefined;
      if (reason && !(record.approved ?? []).includes(stage.name)) {
        emit({ type: 'approval-needed', stage: i, name: stage.name, reason });
        const yes = opts.approve ? await raceAbort(opts.approve(stage, reason), signal) : false;
        if (!yes) {
          const message = `stage ${stage.name} needs approval`;
          record.status = 'paused';
          emit({ type: 'paused', stage: i, name: stage.name, message });
          return await finish('paused', message);
        }
        record.approved = [...(record.approved ?? []), stage.name];
        emit({ type: 'approved', stage: i, name: stage.name });
      }
      srec.status = 'running';
      srec.startedAt = new Date().toISOString();
      delete srec.finishedAt;
      for (const c of srec.clusters) {
        c.status = 'pending';
        delete c.message;
      }
      for (const c of srec.clusters) await siteOf(c.context);
      emit({ type: 'stage-started', stage: i, name: stage.name });
      const ctx: StageContext = {
        stage,
        record: srec,
        runId: record.id,
        objects: record.objects,
        sites,
        priorRouting: (context) => priorRouting(i, context),
        checker: opts.gates ?? gateChecker(stage.gates, settings ?? defaultRolloutSettings()),
        windowMs: stage.durationMs * scale,
        intervalMs,
        signal,
        emit,
        changed: new Set(),
      };
      const result = await runStage(ctx);
      srec.finishedAt = new Date().toISOString();
      if (!result.ok) {
        srec.status = 'failed';
        const message = `stage ${stage.name}: ${result.message ?? 'failed'}`;
        if (!record.options.noRollback) {
          await rollbackStage(ctx);
          if (ctx.changed.size > 0) srec.status = 'rolled-back';
        }
        // every Deployment this run annotated says it failed: none is left `running` to block the next run
        for (const site of sites.values()) await markState(site, record.id, 'failed').catch(() => undefined);
        return await finish('failed', message);
      }
      srec.status = 'passed';
      emit({ type: 'stage-passed', stage: i, name: stage.name });
    }
    // every cluster still running this run's canary gets the release
    const last = stages.length - 1;
    for (const context of new Set(stages.flatMap((s) => s.clusters.map((c) => c.context)))) {
      const saved = priorRouting(stages.length, context);
      const hadCanary = stages.some((s) => s.traffic < 100 && s.clusters.some((c) => c.context === context));
      const site = await siteOf(context);
      if (hadCanary && saved !== undefined) {
        await withContext(
          context,
          promote(
            {
              site,
              runId: record.id,
              stage: stages[last]!.name,
              traffic: 100,
              objects: record.objects,
              record: { context, status: 'pending' },
              priorRouting: saved,
              emit: (e) => {
                if (e.type === 'promoted') emit({ type: 'promoted', stage: last, context });
              },
            },
            await site.api.resolve('deployments.apps', signal),
            deploy,
          ),
        );
      }
      await markState(site, record.id, 'done');
    }
    return await finish('succeeded');
  } catch (e) {
    if (signal.aborted) return await finish('interrupted', `interrupted in stage ${current()}`);
    for (const site of sites.values()) await markState(site, record.id, 'failed').catch(() => undefined);
    return await finish('failed', `stage ${current()}: ${errorText(e)}`);
  }
}

/** `p`, its failure prefixed with the cluster's name. */
async function withContext<T>(context: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Error && !e.message.startsWith(`${context}: `)) e.message = `${context}: ${e.message}`;
    throw e;
  }
}
