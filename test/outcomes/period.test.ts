import { describe, expect, it } from 'vitest';
import { parseSince, weekIndex, weeksOf } from '../../src/outcomes/period.js';

const NOW = Date.UTC(2026, 11, 1, 12);
const DAY = 86_400_000;

describe('the report period', () => {
  it('reads spans in hours, days and weeks, and dates', () => {
    expect(parseSince('30d', NOW)).toEqual({ ok: true, from: NOW - 30 * DAY });
    expect(parseSince('12h', NOW)).toEqual({ ok: true, from: NOW - 12 * 3_600_000 });
    expect(parseSince('6w', NOW)).toEqual({ ok: true, from: NOW - 42 * DAY });
    expect(parseSince('2026-11-01', NOW)).toEqual({ ok: true, from: Date.UTC(2026, 10, 1) });
  });

  it('says what it expected for anything else', () => {
    expect(parseSince('month', NOW)).toEqual({
      ok: false,
      error: '--since "month": expected a span such as 30d, 12h or 6w, or a date such as 2026-11-01',
    });
    expect(parseSince('0d', NOW).ok).toBe(false);
    expect(parseSince('2027-01-01', NOW)).toEqual({
      ok: false,
      error: '--since "2027-01-01": the date is not in the past',
    });
    expect(parseSince('400d', NOW)).toEqual({ ok: false, error: '--since "400d": at most 366 days' });
  });

  it('counts weeks back from the end, the first one cut short', () => {
    const weeks = weeksOf({ from: NOW - 30 * DAY, to: NOW });
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual({ from: NOW - 30 * DAY, to: NOW - 28 * DAY });
    expect(weeks[4]).toEqual({ from: NOW - 7 * DAY, to: NOW });
    expect(weekIndex(weeks, NOW)).toBe(4);
    expect(weekIndex(weeks, NOW - 7 * DAY)).toBe(4);
    expect(weekIndex(weeks, NOW - 7 * DAY - 1)).toBe(3);
    expect(weekIndex(weeks, NOW - 31 * DAY)).toBe(-1);
  });
});
