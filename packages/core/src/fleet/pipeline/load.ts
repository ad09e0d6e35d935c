/**
 * Find a pipeline as `kubectl mc lint` finds documents (the workspace, the lint config), lint it, and
 * read it. A pipeline whose file has lint errors is not run: the findings are returned to be shown.
 */
import { resolve } from 'node:path';
import { displayPath, lintWorkspace, type Diagnostic, type WorkspaceLint } from '../../topology/index.js';
import { PipelineError, pipelineOf, type Pipeline } from './model.js';

export interface LoadPipelineOptions {
  cwd: string;
  /** The pipeline file (default: the one pipeline document of the workspace). */
  pipeline?: string;
  /** Where the topology and other documents are (default: the workspace, `.`). */
  paths?: string[];
}

export interface LoadedPipeline {
  /** Undefined when `blocking` is not empty. */
  pipeline?: Pipeline;
  /** The lint errors in the pipeline's file, which stop it from running. */
  blocking: Diagnostic[];
  workspace: WorkspaceLint;
}

export async function loadPipeline(opts: LoadPipelineOptions): Promise<LoadedPipeline> {
  const paths = [...(opts.paths ?? ['.'])];
  if (opts.pipeline !== undefined) paths.push(opts.pipeline);
  const workspace = await lintWorkspace({ cwd: opts.cwd, paths });
  const wanted =
    opts.pipeline !== undefined ? displayPath(resolve(opts.cwd, opts.pipeline), opts.cwd) : undefined;
  const decls = workspace.model.pipelines.filter((p) => wanted === undefined || p.src.file === wanted);
  if (decls.length === 0) {
    throw new PipelineError(
      wanted !== undefined
        ? `${wanted} holds no pipeline: document (a map with pipeline.stages)`
        : `no pipeline: document found in ${paths.join(', ')}; pass --pipeline FILE`,
    );
  }
  if (decls.length > 1) {
    const files = [...new Set(decls.map((d) => d.src.file))].join(', ');
    throw new PipelineError(
      `${decls.length} pipeline documents found (${files}); name one with --pipeline FILE`,
    );
  }
  const decl = decls[0]!;
  const blocking = workspace.diagnostics.filter((d) => d.severity === 'error' && d.file === decl.src.file);
  if (blocking.length > 0) return { blocking, workspace };
  return { pipeline: pipelineOf(workspace.model, decl), blocking, workspace };
}
