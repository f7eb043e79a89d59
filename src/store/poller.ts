// Runs a refresh on an interval; after failures it waits longer (exponential backoff)
// so a broken source is not hammered, and returns to the normal pace after a success.
import type { Clock } from '../services/ports.js';

export interface PollerOptions {
  /** A function lets the pace follow something else, such as the API budget left. */
  intervalMs: number | (() => number);
  maxBackoffMs?: number;
  clock: Clock;
  /** Resolves on success, rejects on failure. */
  run: () => Promise<void>;
  /** 0..1, for the jitter of retries after failures (injectable so tests see exact delays). */
  random?: () => number;
}

export interface Poller {
  start(): void;
  stop(): void;
  /**
   * Refresh soon: after `settleMs` (default 150 ms, so a burst of file events becomes one
   * read); coalesces with a run in flight.
   */
  poke(settleMs?: number): void;
  /** The delay before the next run after `failures` consecutive failures. */
  readonly failures: number;
}

export function nextDelay(intervalMs: number, failures: number, maxBackoffMs: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(intervalMs * 2 ** failures, Math.max(maxBackoffMs, intervalMs));
}

/** Retries spread out by up to ±20 %, so many clients that failed together do not retry together. */
export function withJitter(delay: number, failures: number, random: () => number): number {
  if (failures <= 0) return delay;
  return Math.round(delay * (0.8 + 0.4 * random()));
}

export function createPoller(opts: PollerOptions): Poller {
  const maxBackoff = opts.maxBackoffMs ?? 5 * 60_000;
  let timer: unknown;
  let running = false;
  let stopped = true;
  let pokedWhileRunning = false;
  let failures = 0;

  function schedule(ms: number) {
    if (stopped) return;
    if (timer !== undefined) opts.clock.clearTimeout(timer);
    timer = opts.clock.setTimeout(tick, ms);
  }

  async function tick() {
    timer = undefined;
    if (stopped) return;
    if (running) {
      pokedWhileRunning = true;
      return;
    }
    running = true;
    try {
      await opts.run();
      failures = 0;
    } catch {
      failures += 1; // the run itself records what went wrong for the user
    } finally {
      running = false;
    }
    if (pokedWhileRunning) {
      pokedWhileRunning = false;
      schedule(0);
    } else {
      const interval = typeof opts.intervalMs === 'function' ? opts.intervalMs() : opts.intervalMs;
      schedule(withJitter(nextDelay(interval, failures, maxBackoff), failures, opts.random ?? Math.random));
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) opts.clock.clearTimeout(timer);
      timer = undefined;
    },
    poke(settleMs = 150) {
      if (stopped) return;
      if (running) pokedWhileRunning = true;
      else schedule(settleMs);
    },
    get failures() {
      return failures;
    },
  };
}
