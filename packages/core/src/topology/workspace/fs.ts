/**
 * The file system as the workspace lint sees it: a seam, so tests and editors can supply their own
 * (an editor's open, unsaved documents go through `WorkspaceOptions.textOf` instead).
 */
import { access, readFile, readdir, stat } from 'node:fs/promises';

export interface WorkspaceDirent {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface WorkspaceFs {
  /** The entries of a directory, symbolic links not followed (as `readdir` with `withFileTypes`). */
  readdir(dir: string): Promise<WorkspaceDirent[]>;
  readFile(file: string): Promise<Uint8Array>;
  /** Whether a path is a directory, following symbolic links; rejects when it does not exist. */
  isDirectory(path: string): Promise<boolean>;
  exists(path: string): Promise<boolean>;
}

export const nodeWorkspaceFs: WorkspaceFs = {
  readdir: (dir) => readdir(dir, { withFileTypes: true }),
  readFile: async (file) => new Uint8Array(await readFile(file)),
  isDirectory: async (path) => (await stat(path)).isDirectory(),
  exists: (path) =>
    access(path).then(
      () => true,
      () => false,
    ),
};

/** A short reason for a failed read: `no such file or directory`, `permission denied`, … */
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}
