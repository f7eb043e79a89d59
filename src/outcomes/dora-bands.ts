// Bands from DORA's published performance clusters, so a figure reads as "elite" or "low"
// rather than a bare number.
//
// Thresholds: the 2023 Accelerate State of DevOps Report (DORA, Google Cloud), the latest
// report with four clusters whose stability figures also rank in order:
//   deployment frequency   elite: on demand (several a day) · high: daily to weekly ·
//                          medium: weekly to monthly · low: less often
//   lead time for changes  elite: < 1 day · high: 1 day – 1 week · medium: 1 week – 1 month · low: longer
//   change failure rate    elite: 5 % · high: 10 % · medium: 15 % · low: 64 %
//   failed deployment      elite: < 1 hour · high: < 1 day · medium: 1 day – 1 week · low: longer
//   recovery time
// (summaries read: octopus.com/blog/software-delivery-performance-clusters-2023, and the 2024
// cluster summary at docs.periscope.sh/metrics/change-failure-rate: elite 0–5 %, high 5–10 %,
// medium 10–15 %, low above).
// The published ranges leave gaps and the low cluster overlaps medium in places; like DORA's
// own Four Keys dashboard (github.com/dora-team/fourkeys, METRICS.md: "WHEN median < 24h THEN
// 'One day' WHEN < 168h ...") each band here runs up to the next one's limit, so every
// value has exactly one band. A change failure rate is in the best band whose cluster value
// it does not exceed.

export const BANDS = ['elite', 'high', 'medium', 'low', 'not enough data'] as const;
export type Band = (typeof BANDS)[number];

export const NOT_ENOUGH = 'not enough data' as const;
/** A figure resting on fewer events than this is not banded (nor given), rather than misleading. */
export const MIN_EVENTS = 3;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** DORA's "month": 730 hours, as in the Four Keys dashboard. */
const MONTH = 730 * HOUR;

/** Deployments per week. */
export function deploymentFrequencyBand(perWeek: number | null): Band {
  if (perWeek === null) return NOT_ENOUGH;
  if (perWeek >= 7) return 'elite';
  if (perWeek >= 1) return 'high';
  if (perWeek >= WEEK / MONTH) return 'medium';
  return 'low';
}

export function leadTimeBand(medianMs: number | null): Band {
  if (medianMs === null) return NOT_ENOUGH;
  if (medianMs < DAY) return 'elite';
  if (medianMs < WEEK) return 'high';
  if (medianMs < MONTH) return 'medium';
  return 'low';
}

/** A share from 0 to 1. */
export function changeFailureBand(rate: number | null): Band {
  if (rate === null) return NOT_ENOUGH;
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

export function timeToRestoreBand(medianMs: number | null): Band {
  if (medianMs === null) return NOT_ENOUGH;
  if (medianMs < HOUR) return 'elite';
  if (medianMs < DAY) return 'high';
  if (medianMs < WEEK) return 'medium';
  return 'low';
}
