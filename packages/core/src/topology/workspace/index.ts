/** The workspace lint: config lookup, directory walk, reading and linting in canonical order. */
export { nodeWorkspaceFs, type WorkspaceDirent, type WorkspaceFs } from './fs.js';
export {
  LINT_CONFIG_NAME,
  WorkspaceError,
  collectYaml,
  isLintedFileName,
  isSkippedDirectory,
  isWalkedFile,
  type WalkOptions,
} from './walk.js';
export { findLintConfig, readLintConfig, type ReadConfigOptions } from './config.js';
export {
  STDIN_PATH,
  displayPath,
  lintWorkspace,
  lintWorkspaceFiles,
  loadWorkspaceConfig,
  readWorkspace,
  type Workspace,
  type WorkspaceConfig,
  type WorkspaceLint,
  type WorkspaceOptions,
} from './lint.js';
