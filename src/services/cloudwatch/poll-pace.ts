// When CloudWatch may be asked again. Never sooner than the metrics' period (60 s): a datapoint
// a minute is all there is, and GetMetricData is billed per metric asked for. After throttling,
// a 5xx or a network failure the wait doubles (up to 15 minutes) with jitter, so many decks
// throttled together do not come back together. Pure.

export const POLL_INTERVAL_MS = 60_000;
export const MAX_BACKOFF_MS = 15 * 60_000;

/** The wait after `failures` consecutive failures that back off: 60-90 s, 120-180 s, ... up to 15 min. */
export function backoffDelay(failures: number, random: () => number): number {
  if (failures <= 0) return POLL_INTERVAL_MS;
  const base = Math.min(POLL_INTERVAL_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
  // Jitter only upwards: the floor is the metrics' period.
  return Math.min(Math.round(base * (1 + 0.5 * random())), MAX_BACKOFF_MS);
}

/** '45s', '2m', '1m 30s': for "retrying in ..." in the status line. */
export function formatWait(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m}m` : `${m}m ${s % 60}s`;
}
