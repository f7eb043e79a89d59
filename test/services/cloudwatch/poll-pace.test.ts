import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  formatWait,
  MAX_BACKOFF_MS,
  POLL_INTERVAL_MS,
} from '../../../src/services/cloudwatch/poll-pace.js';

describe('poll pace', () => {
  it('waits the metrics period when nothing failed', () => {
    expect(backoffDelay(0, () => 0.9)).toBe(POLL_INTERVAL_MS);
  });

  it('doubles after each failure, with up to half again of jitter, never under a minute', () => {
    expect(backoffDelay(1, () => 0)).toBe(60_000);
    expect(backoffDelay(1, () => 1)).toBe(90_000);
    expect(backoffDelay(2, () => 0.5)).toBe(150_000);
    expect(backoffDelay(3, () => 0)).toBe(240_000);
  });

  it('stops growing at 15 minutes', () => {
    expect(backoffDelay(5, () => 0)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(30, () => 1)).toBe(MAX_BACKOFF_MS);
  });

  it('says a wait in seconds and minutes', () => {
    expect(formatWait(44_100)).toBe('45s');
    expect(formatWait(120_000)).toBe('2m');
    expect(formatWait(90_000)).toBe('1m 30s');
    expect(formatWait(-5)).toBe('0s');
  });
});
