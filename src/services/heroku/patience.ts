// Waiting on Heroku during a deploy, a release or a promotion: polls paced by the API
// budget left (RateLimit-Remaining), a 429 waited out with backoff (Heroku sends no
// Retry-After), and an overall time limit after which the deck stops waiting and says so.
import type { Clock } from '../ports.js';

export interface Patience {
  clock: Clock;
  /** The pace of polls while the budget is more than half full. */
  intervalMs: number;
  /** Heroku's RateLimit-Remaining as last seen (undefined: unknown, poll at the normal pace). */
  budget(): number | undefined;
  /** The first wait after a 429 or a passing failure; it doubles each time up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** 0..1, for the jitter of waits after failures (injectable so tests see exact delays). */
  random(): number;
  /** Told why the deck waits, in words for the user ("rate limited (429): asking again in 10 s"). */
  onWait?(message: string): void;
}

/** When to stop waiting, and what for (in the user's words: "the build of 1a2b3c4"). */
export interface Deadline {
  at: number;
  limitMs: number;
  what: string;
}

/** How long the deck waits before it stops and says what it last saw. */
export interface WaitLimits {
  /** From the build request to the build's end (Heroku's builds rarely pass 15 min). */
  buildMs: number;
  /** From the build's end (or a rollback) to the release's end: Heroku stops a release phase after 1 h; then the dynos boot. */
  releaseMs: number;
  /** From the promotion request until its target has a release (then releaseMs applies). */
  promotionMs: number;
}

export const DEFAULT_WAIT_LIMITS: WaitLimits = {
  buildMs: 30 * 60_000,
  releaseMs: 65 * 60_000,
  promotionMs: 30 * 60_000,
};

/**
 * The real clock for waits the user is waiting on. Unlike systemClock its timers keep the
 * process alive: a headless deploy between two polls has nothing else that does.
 */
export const waitingClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The Patience of an action against `budget`, with the defaults filled in. */
export function patienceFor(
  budget: () => number | undefined,
  opts: { clock?: Clock; pollMs?: number; backoffMs?: number; random?: () => number; onWait?: (m: string) => void },
): Patience {
  return {
    clock: opts.clock ?? waitingClock,
    intervalMs: opts.pollMs ?? 1000,
    budget,
    backoffMs: opts.backoffMs ?? 5000,
    maxBackoffMs: 60_000,
    random: opts.random ?? Math.random,
    onWait: opts.onWait,
  };
}

export class TimeLimitReached extends Error {
  constructor(readonly deadline: Deadline) {
    super(`${deadline.what} did not finish within ${formatDuration(deadline.limitMs)}`);
  }
}

export function deadlineIn(clock: Clock, limitMs: number, what: string): Deadline {
  return { at: clock.now() + limitMs, limitMs, what };
}

/** The poll interval for the budget left: as given above half, then 2x, 4x, and at most once a minute near empty. */
export function pacedInterval(baseMs: number, remaining: number | undefined, capacity = 4500): number {
  if (remaining === undefined) return baseMs;
  const share = remaining / capacity;
  if (share > 0.5) return baseMs;
  if (share > 0.2) return baseMs * 2;
  if (share > 0.05) return baseMs * 4;
  return Math.max(baseMs * 12, 60_000);
}

/**
 * Whether a failure passes if waited out. A 429 always does: Heroku refused the request
 * before doing anything. For a read, so do a 5xx and a network failure (heroku-client has
 * already retried those); a write is never re-sent after them (see write-once.ts).
 */
export function isPassingFailure(error: unknown, kind: 'read' | 'write'): boolean {
  const e = error as { statusCode?: number; uncertain?: boolean };
  if (e?.uncertain) return false;
  if (e?.statusCode === 429) return true;
  if (kind === 'write') return false;
  if (typeof e?.statusCode === 'number') return e.statusCode >= 500;
  return error instanceof Error;
}

/** Sleeps on the clock for `ms`, or until `wake` settles. */
export function pause(clock: Clock, ms: number, wake?: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(resolve, Math.max(0, ms));
    wake?.then(
      () => (clock.clearTimeout(timer), resolve()),
      () => (clock.clearTimeout(timer), resolve()),
    );
  });
}

/** Calls `call` until it succeeds; passing failures wait (with backoff) and try again until the deadline. */
export async function patiently<T>(
  call: () => Promise<T>,
  kind: 'read' | 'write',
  deadline: Deadline,
  p: Patience,
): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await call();
    } catch (error) {
      if (!isPassingFailure(error, kind)) throw error;
      const left = deadline.at - p.clock.now();
      if (left <= 0) throw new TimeLimitReached(deadline);
      const wait = Math.min(left, backoff(p, failures));
      p.onWait?.(`${waitReason(error)}: asking again in ${formatDuration(wait)}`);
      await pause(p.clock, wait);
    }
  }
}

/**
 * Reads until `done` holds, paced by the budget left. While `streaming()` gives a promise
 * (an output stream that ends with the work), polls are 10x further apart and its end
 * wakes the next one. Past the deadline it throws TimeLimitReached, after one last read.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  deadline: Deadline,
  p: Patience,
  streaming?: () => Promise<unknown> | undefined,
): Promise<T> {
  for (;;) {
    const value = await patiently(read, 'read', deadline, p);
    if (done(value)) return value;
    const left = deadline.at - p.clock.now();
    if (left <= 0) throw new TimeLimitReached(deadline);
    const wake = streaming?.();
    const interval = pacedInterval(p.intervalMs, p.budget()) * (wake ? 10 : 1);
    await pause(p.clock, Math.min(left, interval), wake);
  }
}

function backoff(p: Patience, failures: number): number {
  const base = Math.min(p.backoffMs * 2 ** failures, Math.max(p.maxBackoffMs, p.backoffMs));
  return Math.round(base * (0.8 + 0.4 * p.random()));
}

function waitReason(error: unknown): string {
  const e = error as { statusCode?: number; message?: string };
  if (e?.statusCode === 429) return "Heroku's API rate limit is reached (429)";
  if (typeof e?.statusCode === 'number') return `Heroku answered ${e.statusCode}`;
  return `Heroku did not answer (${e?.message ?? String(error)})`;
}

/** "300 ms", "45 s", "30 min", "1 h 5 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
}
