export type * from './types.js';
export {
  createConnection,
  insecureSkipTlsWarning,
  HttpConnection,
  DEFAULT_MAX_RESPONSE_BYTES,
  MAX_STREAM_LINE_BYTES,
} from './connection.js';
export {
  DEFAULT_MEMORY_BUDGET,
  DEFAULT_PROCESS_MEMORY_BUDGET,
  MemoryBudget,
  boundProcessMemory,
  memoryBudget,
  setMemoryBudget,
} from './budget.js';
export type { Reservation } from './budget.js';
export { MAX_JSON_DEPTH } from './json.js';
export type { ConnectionOptions, HttpClusterConnection } from './connection.js';
export { getConnection, closeAllConnections } from './cache.js';
export { preloadTransport } from './credentials.js';
export { formatRequestLog, setRequestLogger } from './request-log.js';
export type { RequestLogEntry, RequestLogger } from './request-log.js';
