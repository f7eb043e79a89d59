import { describe, expect, it } from 'vitest';
import { computeOutcomes } from '../../src/outcomes/compute-outcomes.js';
import { DAY, HOUR, MIN, PERIOD, T0, month, release, sha } from './history.js';

describe('the outcome report over a fixed month of production history', () => {
  const report = computeOutcomes(month());

  it('counts deploys and promotions that went live, and rollbacks apart', () => {
    expect(report.deploymentFrequency).toEqual({
      count: 6,
      perWeek: 1.5,
      band: 'high',
      deploys: 3,
      promotions: 3,
      rollbacks: 1,
    });
  });

  it('measures lead time from each released commit to the release that first carried it, merges and unreleased commits left out', () => {
    // 0.5, 2, 5, 10, 24, 24.5, 48 hours
    expect(report.leadTime).toEqual({ medianHours: 10, p90Hours: 33.9, band: 'elite', changes: 7 });
  });

  it('fails a change that was rolled back, whose release failed, or that a critical alert followed within 24 hours', () => {
    expect(report.changeFailureRate).toMatchObject({ deploys: 7, failures: 4, rate: 0.571, band: 'low' });
    expect(report.changeFailureRate.failedChanges.map((f) => [f.version, f.reason])).toEqual([
      [3, 'rolled back by v4 (Rollback to v2)'],
      [6, 'release v6 failed: release phase failed'],
      [8, `critical alert error-rate fired at ${new Date(T0 + 15 * DAY + HOUR).toISOString()}`],
      [9, `critical alert crashed fired at ${new Date(T0 + 22 * DAY + 10 * MIN).toISOString()}`],
    ]);
  });

  it('times restores from a failed release to the next good one and from an alert to its resolution, or to the next release when the history lacks it', () => {
    expect(report.timeToRestore).toMatchObject({ medianMinutes: 30, band: 'elite', restored: 3, open: 1 });
    expect(report.timeToRestore.incidents.map((i) => [i.what, i.minutes, i.restoredBy])).toEqual([
      ['v6 failed (Promote shop-staging v7)', 30, 'release'],
      ['critical alert error-rate', 20, 'resolution'],
      ['critical alert crashed', 3 * 24 * 60 - 10, 'release'],
      ['critical alert health-check', null, null],
    ]);
  });

  it('gives lead time per ticket and the median by complexity, with too few tickets not given', () => {
    expect(report.byComplexity).toEqual({
      trivial: { tickets: 3, medianLeadTimeHours: 10 },
      standard: { tickets: 1, medianLeadTimeHours: null },
      complex: { tickets: 0, medianLeadTimeHours: null },
    });
    expect(report.tickets.map((t) => [t.id, t.release, t.leadTimeHours])).toEqual([
      ['SHOP-1', 2, 5],
      ['SHOP-2', 3, 10],
      ['SHOP-3', 7, 24.5],
      ['SHOP-4', 8, 72],
    ]);
  });

  it('splits every figure by week for the sparklines', () => {
    expect(report.weeks.map((w) => w.from)).toEqual([0, 7, 14, 21].map((d) => new Date(T0 + d * DAY).toISOString()));
    expect(report.weeks.map((w) => w.deployments)).toEqual([2, 1, 1, 2]);
    expect(report.weeks.map((w) => w.leadTimeMedianHours)).toEqual([7.5, 12.5, 48, 13]);
    expect(report.weeks.map((w) => w.changeFailureRate)).toEqual([0.5, 0.5, 1, 0.5]);
    expect(report.weeks.map((w) => w.restoreMedianMinutes)).toEqual([null, 30, 20, 4310]);
  });

  it('reads overrides and attempts that made no release from the audit log, for this environment only', () => {
    expect(report.audit).toEqual({ overrides: 1, failedAttempts: 1 });
  });

  it('states the period and the failure window', () => {
    expect(report.period).toEqual({
      from: new Date(PERIOD.from).toISOString(),
      to: new Date(PERIOD.to).toISOString(),
      days: 28,
    });
    expect(report.failureWindowHours).toBe(24);
  });
});

describe('edge cases', () => {
  it('a rollback of a rollback blames the same change once, with both reasons', () => {
    const report = computeOutcomes(
      month({
        alerts: [],
        releases: [
          release(1, 'Deploy 1111111', T0 + HOUR),
          release(2, 'Deploy 2222222', T0 + 2 * HOUR),
          release(3, 'Rollback to v1', T0 + 3 * HOUR),
          release(4, 'Rollback to v3', T0 + 4 * HOUR),
          release(5, 'Deploy 5555555', T0 + 10 * HOUR),
        ],
      }),
    );
    expect(report.deploymentFrequency).toMatchObject({ count: 3, rollbacks: 2 });
    expect(report.changeFailureRate).toMatchObject({ deploys: 3, failures: 1, rate: 0.333, band: 'low' });
    expect(report.changeFailureRate.failedChanges[0]!.reasons).toEqual([
      'rolled back by v3 (Rollback to v1)',
      'rolled back by v4 (Rollback to v3)',
    ]);
  });

  it('a release with no commit still counts as a deployment but gives no lead time', () => {
    const report = computeOutcomes(
      month({
        commits: [],
        releases: [1, 2, 3].map((v) => release(v, `Deploy ${v}`, T0 + v * DAY)),
      }),
    );
    expect(report.deploymentFrequency.count).toBe(3);
    expect(report.leadTime).toEqual({ medianHours: null, p90Hours: null, band: 'not enough data', changes: 0 });
  });

  it('commits that were never released give no lead time', () => {
    const report = computeOutcomes(
      month({ commits: [1, 2, 3].map((n) => ({ sha: sha(String(n)), committedAt: T0 + n * HOUR })) }),
    );
    expect(report.leadTime.changes).toBe(0);
    expect(report.leadTime.band).toBe('not enough data');
  });

  it('a period with one release says "not enough data" rather than a number', () => {
    const report = computeOutcomes(
      month({
        alerts: [],
        releases: [release(4, 'Promote shop-staging v9', T0 + DAY, { commit: sha('2') })],
        commits: [{ sha: sha('2'), committedAt: T0, releasedIn: 4 }],
      }),
    );
    expect(report.deploymentFrequency).toMatchObject({ count: 1, perWeek: null, band: 'not enough data' });
    expect(report.leadTime).toMatchObject({ medianHours: null, band: 'not enough data', changes: 1 });
    expect(report.changeFailureRate).toMatchObject({ deploys: 1, failures: 0, rate: null, band: 'not enough data' });
    expect(report.timeToRestore).toMatchObject({ medianMinutes: null, band: 'not enough data', restored: 0 });
    expect(report.weeks.map((w) => w.deployments)).toEqual([1, 0, 0, 0]);
  });

  it('a failed release is a failed change and an incident until the next release that went live, of any kind', () => {
    const report = computeOutcomes(
      month({
        alerts: [],
        releases: [
          release(1, 'Deploy 1111111', T0 + HOUR),
          release(2, 'Deploy 2222222', T0 + 2 * HOUR, { status: 'failed' }),
          release(3, 'Deploy 3333333', T0 + 3 * HOUR, { status: 'failed' }),
          release(4, 'Rollback to v1', T0 + 3 * HOUR + 45 * MIN),
        ],
      }),
    );
    expect(report.deploymentFrequency).toMatchObject({ count: 1, rollbacks: 1 });
    expect(report.changeFailureRate).toMatchObject({ deploys: 3, failures: 3, rate: 1 });
    expect(report.changeFailureRate.failedChanges.map((f) => f.reason)).toEqual([
      'rolled back by v4 (Rollback to v1)',
      'release v2 failed',
      'release v3 failed',
    ]);
    expect(report.timeToRestore.incidents.map((i) => i.minutes)).toEqual([105, 45]);
  });

  it('an alert the history never saw resolve is restored by the next release after it fired', () => {
    const report = computeOutcomes(
      month({
        releases: [release(1, 'Deploy 1111111', T0), release(2, 'Deploy 2222222', T0 + 2 * HOUR)],
        alerts: [{ at: T0 + HOUR, transition: 'fired', rule: 'crashed', env: 'production', severity: 'critical' }],
      }),
    );
    expect(report.timeToRestore.incidents).toEqual([
      {
        kind: 'alert',
        what: 'critical alert crashed',
        startedAt: new Date(T0 + HOUR).toISOString(),
        restoredAt: new Date(T0 + 2 * HOUR).toISOString(),
        restoredBy: 'release',
        minutes: 60,
      },
    ]);
  });

  it('an alert fired again after a restart of the deck is one incident, not two', () => {
    const fired = (at: number) =>
      ({ at, transition: 'fired', rule: 'crashed', env: 'production', severity: 'critical' }) as const;
    const report = computeOutcomes(
      month({
        releases: [],
        alerts: [
          fired(T0 + HOUR),
          fired(T0 + 2 * HOUR),
          { ...fired(T0 + 3 * HOUR), transition: 'resolved' },
          fired(T0 + 4 * HOUR),
          { ...fired(T0 + 4 * HOUR + 10 * MIN), transition: 'resolved' },
        ],
      }),
    );
    expect(report.timeToRestore.incidents.map((i) => i.minutes)).toEqual([120, 10]);
  });

  it('a critical alert more than the failure window after a change fails no change; the window is configurable', () => {
    const inputs = month({
      releases: [1, 2, 3].map((v) => release(v, `Deploy ${v}`, T0 + v * DAY)),
      alerts: [
        { at: T0 + 3 * DAY + 30 * HOUR, transition: 'fired', rule: 'x', env: 'production', severity: 'critical' },
      ],
    });
    expect(computeOutcomes(inputs).changeFailureRate.failures).toBe(0);
    const wider = computeOutcomes({ ...inputs, failureWindowMs: 48 * HOUR });
    expect(wider.changeFailureRate.failures).toBe(1);
    expect(wider.failureWindowHours).toBe(48);
  });

  it("a pull request's first commit, when known, starts the lead time instead of the commit", () => {
    const report = computeOutcomes(
      month({ pullRequests: [{ id: '#7', firstCommitAt: T0 + 20 * DAY, commits: [sha('7')] }] }),
    );
    // 0.5, 2, 5, 10, 24.5, 48, 48 hours
    expect(report.leadTime).toMatchObject({ medianHours: 10, p90Hours: 48 });
  });

  it('releases of other kinds (config changes) are neither deployments nor changes', () => {
    const report = computeOutcomes(
      month({ alerts: [], releases: [1, 2, 3].map((v) => release(v, `Set X${v} config vars`, T0 + v * DAY)) }),
    );
    expect(report.deploymentFrequency.count).toBe(0);
    expect(report.changeFailureRate.deploys).toBe(0);
  });
});
