import type { Clock } from '../../domain/clock.js';

export interface Backend {
  /** 'web.1' */
  dyno: string;
  /** Port on 127.0.0.1. */
  port: number;
}

export interface FormationState {
  webQuantity: number;
  starting: number;
}

export interface RouterOptions {
  port: number;
  /** Lines say host=<appName>.localhost. */
  appName: string;
  /** One router line, without timestamp or `heroku[router]:` prefix. */
  onLine: (text: string) => void;
  /** Default 30 000 ms, then H12. */
  requestTimeoutMs?: number;
  /**
   * How long a kept-alive connection to a dyno may sit idle before the router closes it; default 1 000 ms.
   * Shorter still when the dyno announces its own keep-alive timeout.
   */
  upstreamIdleMs?: number;
  /** How long a request waits for a backend while none is available but web dynos are starting; default 5 000 ms. */
  bootGraceMs?: number;
  /** Timers only; durations in lines always come from performance.now(). */
  clock?: Clock;
}

export interface Router {
  readonly port: number;
  /** The web dynos that may receive requests now, and what the formation says, which decides H10 vs H14. */
  setBackends(backends: Backend[], state: FormationState): void;
  /** Answer every request with 503 and H80. */
  setMaintenance(on: boolean): void;
  /** Resolves when no request is in flight to any of these dynos that were taken out of rotation (used before stopping old dynos). */
  drain(dynos: string[]): Promise<void>;
  /** Client requests being handled, including those waiting for a dyno. */
  inFlight(): number;
  /** Stops accepting, waits for in-flight requests (at most 5 s), then closes. */
  close(): Promise<void>;
}
