export type * from './types.js';
export {
  fanOut,
  collect,
  fanOutCollect,
  toClusterError,
  DEFAULT_CONCURRENCY,
  PROCESS_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
} from './fanout.js';
export type { FanOut } from './fanout.js';
