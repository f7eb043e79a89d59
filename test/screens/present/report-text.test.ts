import { describe, expect, it } from 'vitest';
import { computeOutcomes } from '../../../src/outcomes/compute-outcomes.js';
import { formatHours, formatMinutes, formatReport } from '../../../src/screens/present/report-text.js';
import { month, release, T0, DAY } from '../../outcomes/history.js';

describe('the report for people', () => {
  const text = formatReport(computeOutcomes(month()));
  const line = (start: string) => text.split('\n').find((l) => l.startsWith(start)) ?? '';

  it('gives each measure its value, its band and a sparkline with one block per week', () => {
    expect(line('deployment frequency')).toMatch(/1\.5 a week \(6 deployments\)\s+high\s+█▄▄█$/);
    expect(line('lead time for changes')).toMatch(/median 10 h, p90 33\.9 h \(7 commits\)\s+elite\s+▂▃█▃$/);
    expect(line('change failure rate')).toMatch(/57 % \(4 of 7 changes\)\s+low\s+▄▄█▄$/);
    // no restore in the first week: a gap, not a zero
    expect(line('time to restore')).toMatch(/median 30 min \(3 restored, 1 open\)\s+elite\s+ ▁▁█$/);
  });

  it('lists lead time by complexity, the failed changes with their reasons, the incidents and the tickets', () => {
    expect(line('  trivial')).toBe('  trivial   median 10 h (3 tickets)');
    expect(line('  standard')).toBe('  standard  not enough data (1 ticket)');
    expect(text).toContain('  v3  2026-11-05 00:00  Promote shop-staging v6: rolled back by v4 (Rollback to v2)');
    expect(text).toContain('  2026-11-24 00:10  critical alert crashed: 3 d (next good release)');
    expect(text).toContain('  2026-11-29 00:00  critical alert health-check: not restored yet');
    expect(text).toContain('  SHOP-4  standard  v8  3 d');
  });

  it('shows counts, not a number it cannot stand behind, when there is not enough data', () => {
    const thin = formatReport(
      computeOutcomes(month({ alerts: [], commits: [], releases: [release(1, 'Deploy 1', T0 + DAY)] })),
    );
    expect(thin).toMatch(/deployment frequency\s+1 deployment\s+not enough data/);
    expect(thin).toMatch(/change failure rate\s+0 of 1 change\s+not enough data/);
  });

  it('strips terminal control sequences from what the platform wrote', () => {
    const hostile = formatReport(
      computeOutcomes(
        month({
          alerts: [],
          releases: [1, 2, 3].map((v) =>
            release(v, `Deploy \u001b]0;owned\u0007${v}`, T0 + v * DAY, { status: 'failed' }),
          ),
        }),
      ),
    );
    expect(hostile).not.toContain('\u001b');
    expect(hostile).not.toContain('\u0007');
  });
});

describe('durations in words', () => {
  it('uses minutes under an hour, hours under two days, then days', () => {
    expect([0.5, 1, 33.9, 47.9, 72].map(formatHours)).toEqual(['30 min', '1 h', '33.9 h', '47.9 h', '3 d']);
    expect([20, 119, 4310].map(formatMinutes)).toEqual(['20 min', '119 min', '3 d']);
  });
});
