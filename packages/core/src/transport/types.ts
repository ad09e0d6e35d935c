export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Query parameters; undefined values are dropped. */
  query?: Record<string, string | number | boolean | undefined>;
  /** The Accept header (default `application/json`). */
  accept?: string;
  body?: unknown;
  /** The body's Content-Type (default `application/json`, `application/merge-patch+json` for PATCH). */
  contentType?: string;
  signal?: AbortSignal;
  /** Retry 429 / 5xx with backoff honouring Retry-After, bounded by `signal` (default true for GET). */
  retry?: boolean;
  /**
   * `stream` only: yield each line as text (`TextLine`, a log) instead of parsed JSON; a line over
   * `maxLineBytes` (default 64 KiB) is cut there and flagged, the rest of it skipped.
   */
  text?: { maxLineBytes?: number };
  /** `request` only: the body as received (a `Buffer`, after gzip), not parsed (`kubectl get --raw`). */
  raw?: boolean;
  /** `stream` only: called once the response head has arrived (before any line). */
  onResponse?: () => void;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body. */
  body: T;
  /** Estimated memory the parsed body holds (bytes); see `retain`. */
  cost?: number;
}

/**
 * One cluster's HTTP connection: auth and TLS from that context's kubeconfig, one keep-alive pool per
 * cluster reused across the process. Non-2xx answers and network failures throw `ClusterError` with the
 * kind mapped from the status (401 Unauthorized, 403 Forbidden, 404 NotFound, 410 Expired, 429 Throttled,
 * 5xx ServerError), the server's `Status.message` in the message; bodies that are not JSON throw
 * `InvalidResponse`; bodies over the response-size cap throw `InvalidResponse` naming the cap.
 */
export interface ClusterConnection {
  readonly context: string;
  readonly server: string;
  request<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** A streamed response of newline-delimited JSON objects (watch). Ends when the server closes. */
  stream<T = unknown>(path: string, options?: RequestOptions): AsyncIterable<T>;
  close(): void;
}

/** A line of a text stream (`RequestOptions.text`), without its newline. */
export interface TextLine {
  text: string;
  /** The line was longer than the cap and is cut. */
  cut: boolean;
}
