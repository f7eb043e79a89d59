import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMITS, formatLimit, timeLimits } from '../../../src/engine/platform/time-limits.js';

describe('time limits', () => {
  it("default to Heroku's: 15 minutes per build, an hour per release phase, 60 seconds per boot", () => {
    expect(timeLimits({ kind: 'local', boxes: 1 })).toEqual(DEFAULT_TIME_LIMITS);
    expect(Object.values(DEFAULT_TIME_LIMITS).map(formatLimit)).toEqual(['15m', '1h', '1m']);
  });

  it('come from dynodeck.yml, and a test override wins over it', () => {
    const platform = { kind: 'local' as const, boxes: 1, timeouts: { build: '20m', release: 90, boot: '2m' } };
    expect(timeLimits(platform)).toEqual({ buildMs: 1_200_000, releaseMs: 90_000, bootMs: 120_000 });
    expect(timeLimits(platform, { bootMs: 8000 }).bootMs).toBe(8000);
  });

  it('read in messages the way they are written in dynodeck.yml', () => {
    expect([3_600_000, 7_200_000, 900_000, 90_000, 1000].map(formatLimit)).toEqual(['1h', '2h', '15m', '90s', '1s']);
  });
});
