// Restart delays after consecutive crashes: 1 s, 2 s, 4 s ... capped at 60 s.

export const MAX_BACKOFF_MS = 60_000;
/** A process that stayed up this long is healthy again: its next crash starts over at 1 s. */
export const STABLE_AFTER_MS = 60_000;

export function crashBackoffMs(consecutiveCrashes: number): number {
  return Math.min(1000 * 2 ** Math.max(0, consecutiveCrashes - 1), MAX_BACKOFF_MS);
}
