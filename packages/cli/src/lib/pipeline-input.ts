// What `rollout plan` and `rollout run` share before they differ: the manifests and the linted pipeline
// (lint findings printed as `lint` prints them), and the plan printed with its errors named.
import { Flags } from '@oclif/core';
import { UsageError } from '@kubectl-mc/core/errors';
import {
  loadManifests,
  loadPipeline,
  PipelineError,
  type LoadedPipeline,
  type Manifest,
  type Pipeline,
  type PipelinePlan,
} from '@kubectl-mc/core/fleet';
import { formatText } from '../commands/lint.js';
import { clusterErrorText } from './fleet.js';
import { colorizer } from './output.js';
import { pipelinePlanText } from './pipeline-output.js';

/** The flags that name the manifests and the pipeline (`rollout plan`, `rollout run`). */
export const pipelineInputFlags = {
  filename: Flags.string({
    char: 'f',
    description: 'The manifests to roll out: a file, a directory of .yaml/.yml/.json files, or - for stdin.',
    multiple: true,
    required: true,
  }),
  recursive: Flags.boolean({ char: 'R', description: 'Process directories recursively.', default: false }),
  pipeline: Flags.string({
    description: 'The pipeline file (default: the one pipeline document found in --topology paths).',
  }),
  topology: Flags.string({
    description: 'Files or directories with the topology and the other documents (default: .); repeatable.',
    multiple: true,
  }),
  namespace: Flags.string({
    char: 'n',
    description: "Namespace for objects that name none (default: the context's, else default).",
  }),
};

export interface PipelineInputFlags {
  filename: string[];
  recursive: boolean;
  pipeline?: string | undefined;
  topology?: string[] | undefined;
}

export interface PipelineInput {
  manifests: Manifest[];
  pipeline: Pipeline;
  loaded: LoadedPipeline;
}

/**
 * Load the manifests and the pipeline; undefined (after printing the findings and `error: the pipeline
 * has lint errors; fix them before VERB a rollout`) when the pipeline's file has lint errors.
 */
export async function loadPipelineInput(
  flags: PipelineInputFlags,
  verb: 'planning' | 'running',
  errLine: (line: string) => void,
): Promise<PipelineInput | undefined> {
  const manifests = await loadManifests(flags.filename, { recursive: flags.recursive });
  if (!manifests.length) throw new UsageError('no objects passed to roll out');
  let loaded;
  try {
    loaded = await loadPipeline({
      cwd: process.cwd(),
      ...(flags.pipeline !== undefined ? { pipeline: flags.pipeline } : {}),
      ...(flags.topology?.length ? { paths: flags.topology } : {}),
    });
  } catch (e) {
    if (e instanceof PipelineError) throw new UsageError(e.message);
    throw e;
  }
  if (!loaded.pipeline) {
    process.stderr.write(formatText(loaded.blocking, loaded.workspace.documents, colorizer(process.stderr)));
    errLine(`error: the pipeline has lint errors; fix them before ${verb} a rollout`);
    return undefined;
  }
  return { manifests, pipeline: loaded.pipeline, loaded };
}

/** Print the plan to stdout and its errors to stderr; true when anything would fail. */
export function printPipelinePlan(plan: PipelinePlan, errLine: (line: string) => void): boolean {
  const out = pipelinePlanText(plan);
  process.stdout.write(out.text);
  let failed = out.objectErrors;
  for (const c of out.failed) {
    failed = true;
    if (!c.result.ok) errLine(`error: ${clusterErrorText(c.result.error)}`);
  }
  for (const line of out.unroutable) {
    failed = true;
    errLine(line);
  }
  return failed;
}
