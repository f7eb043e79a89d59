// What the deck measures from an environment's log stream and health checks.

/** One parsed Heroku router line. Empty fields (`dyno= connect=`) come back undefined. */
export interface RouterEvent {
  kind: 'router';
  time: number;
  at: 'info' | 'warning' | 'error';
  code?: string;
  method?: string;
  path?: string;
  dyno?: string;
  connectMs?: number;
  serviceMs?: number;
  status?: number;
  bytes?: number;
}

/** One parsed platform line (heroku[web.1]: ...) that matters for health. */
export type PlatformEvent =
  | { kind: 'memory'; time: number; dyno: string; rssMb: number; totalMb?: number; quotaMb?: number }
  | { kind: 'load'; time: number; dyno: string; load1m: number }
  | { kind: 'crash'; time: number; dyno: string }
  | { kind: 'error-code'; time: number; dyno: string; code: string /* R10, R14, R15, L10 ... */; message: string }
  | { kind: 'release-failed'; time: number; text: string };

/** A synthetic health check's result. */
export interface CheckResult {
  time: number;
  ok: boolean;
  status?: number;
  latencyMs: number;
  error?: string;
}

/** The numbers one environment's alert rules and sparklines read, over a window ending now. */
export interface MetricsSnapshot {
  /** Requests per second over the window. */
  rps: number;
  p50: number | undefined;
  p95: number | undefined;
  p99: number | undefined;
  /** Share of responses with status 5xx, 0..1 (undefined with no requests). */
  errorRate: number | undefined;
  requests: number;
  hCodes: Record<string, number>;
  /** Highest memory_rss / quota seen per dyno in the window, MB. */
  memoryMb: Record<string, number>;
  load1m: Record<string, number>;
  crashes: number;
  /** Each R/L error code seen in the window with its count. */
  errorCodes: Record<string, number>;
}
