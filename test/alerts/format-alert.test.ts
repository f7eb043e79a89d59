import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/alerts/default-rules.js';
import { formatAge, formatThreshold, formatValue } from '../../src/alerts/format-alert.js';

describe('alerts in words', () => {
  it('says values the way a person would', () => {
    expect(formatValue({ kind: 'p95', ms: 1840.4 })).toBe('1,840 ms');
    expect(formatValue({ kind: 'p95', ms: undefined })).toBe('no requests');
    expect(formatValue({ kind: 'error-rate', percent: 12.345, requests: 1 })).toBe('12.3 % of 1 request');
    expect(formatValue({ kind: 'crashed', dynos: ['web.1', 'web.2'] })).toBe('web.1, web.2 crashed');
    expect(formatValue({ kind: 'restart-loop', crashes: 1, withinMs: 600_000 })).toBe('1 crash in 10m');
    expect(formatValue({ kind: 'health-check', failing: 0, passing: 2 })).toBe('2 passing checks in a row');
  });

  it('says every default threshold', () => {
    expect(DEFAULT_RULES.map(formatThreshold)).toEqual([
      '> 1,000 ms for 5m',
      '> 5 % for 5m (at least 20 requests)',
      'any dyno crashed',
      '3 crashes within 10m',
      'R14/R15 or memory above quota',
      'a failed release',
      '3 failed checks in a row',
    ]);
  });

  it('says ages coarsely', () => {
    expect([0, 45_000, 300_000, 7_500_000, 7_200_000, 200_000_000].map(formatAge)).toEqual([
      '0s',
      '45s',
      '5m',
      '2h 5m',
      '2h',
      '2d',
    ]);
  });
});
