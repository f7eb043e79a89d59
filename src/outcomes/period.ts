// The period a report covers ("--since 30d") and its weeks, counted back from the end so
// the last week is always the latest seven days.
import { DAY_MS, HOUR_MS, WEEK_MS } from './statistics.js';

export type SinceResult = { ok: true; from: number } | { ok: false; error: string };

const SPAN = /^(\d+)([hdw])$/;
const UNIT_MS: Record<string, number> = { h: HOUR_MS, d: DAY_MS, w: WEEK_MS };
const DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** Heroku keeps release history far longer, but a report over more than this reads too many releases. */
export const MAX_PERIOD_DAYS = 366;

/** "30d", "12h", "6w", or a date ("2026-11-01", read as UTC) up to `now`. */
export function parseSince(text: string, now: number): SinceResult {
  const expected = 'expected a span such as 30d, 12h or 6w, or a date such as 2026-11-01';
  const span = SPAN.exec(text.trim());
  let from: number;
  if (span) {
    const amount = Number(span[1]);
    if (amount === 0) return { ok: false, error: `--since "${text}": the period is empty (${expected})` };
    from = now - amount * UNIT_MS[span[2]!]!;
  } else if (DATE.test(text.trim())) {
    from = Date.parse(text.trim());
    if (!Number.isFinite(from)) return { ok: false, error: `--since "${text}": not a real date (${expected})` };
    if (from >= now) return { ok: false, error: `--since "${text}": the date is not in the past` };
  } else {
    return { ok: false, error: `--since "${text}": ${expected}` };
  }
  if (now - from > MAX_PERIOD_DAYS * DAY_MS)
    return { ok: false, error: `--since "${text}": at most ${MAX_PERIOD_DAYS} days` };
  return { ok: true, from };
}

export interface Week {
  from: number;
  to: number;
}

/** Seven-day weeks ending at `to`, oldest first; the first is cut short at `from`. */
export function weeksOf(period: { from: number; to: number }): Week[] {
  const count = Math.max(1, Math.ceil((period.to - period.from) / WEEK_MS));
  return Array.from({ length: count }, (_, i) => ({
    from: Math.max(period.from, period.to - (count - i) * WEEK_MS),
    to: period.to - (count - 1 - i) * WEEK_MS,
  }));
}

/** Index of the week holding `at`, or -1 outside the period. The period's end belongs to the last week. */
export function weekIndex(weeks: readonly Week[], at: number): number {
  for (let i = 0; i < weeks.length; i++) {
    const w = weeks[i]!;
    if (at >= w.from && (at < w.to || (i === weeks.length - 1 && at === w.to))) return i;
  }
  return -1;
}

export function inPeriod(period: { from: number; to: number }, at: number): boolean {
  return at >= period.from && at <= period.to;
}
