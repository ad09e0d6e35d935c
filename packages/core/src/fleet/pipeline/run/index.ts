export * from './types.js';
export { defaultStateDir, isRunId, listRuns, readRun } from './records.js';
export { resumeRun, startRun } from './runner.js';
