// A fixed month of production history with known answers, shared by the outcome tests.
import type {
  AlertTransition,
  OutcomeAuditEntry,
  OutcomeCommit,
  OutcomeInputs,
  OutcomeRelease,
  OutcomeTicket,
} from '../../src/outcomes/outcome-types.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** Monday 2 November 2026, 00:00 UTC. */
export const T0 = Date.UTC(2026, 10, 2);
export const PERIOD = { from: T0, to: T0 + 28 * DAY };

const sha = (c: string) => c.repeat(40);

export function release(
  version: number,
  description: string,
  at: number,
  extra: Partial<OutcomeRelease> = {},
): OutcomeRelease {
  return { version, description, createdAt: at, status: 'succeeded', ...extra };
}

export const RELEASES: OutcomeRelease[] = [
  release(1, 'Deploy 1111111', T0 - 2 * DAY, { commit: sha('1') }),
  release(2, 'Promote shop-staging v5', T0 + 1 * DAY, { commit: sha('2') }),
  release(3, 'Promote shop-staging v6', T0 + 3 * DAY, { commit: sha('3') }),
  release(4, 'Rollback to v2', T0 + 3 * DAY + 2 * HOUR, { commit: sha('2') }),
  release(5, 'Set FEATURE_X config vars', T0 + 4 * DAY, { commit: sha('2') }),
  release(6, 'Promote shop-staging v7', T0 + 8 * DAY, {
    commit: sha('4'),
    status: 'failed',
    failure: 'release phase failed',
  }),
  release(7, 'Promote shop-staging v8', T0 + 8 * DAY + 30 * MIN, { commit: sha('5') }),
  release(8, 'Deploy 6666666', T0 + 15 * DAY, { commit: sha('6') }),
  release(9, 'Deploy 7777777', T0 + 22 * DAY, { commit: sha('7') }),
  release(10, 'Deploy 8888888', T0 + 25 * DAY, { commit: sha('8') }),
];

export const COMMITS: OutcomeCommit[] = [
  { sha: sha('1'), committedAt: T0 - 3 * DAY, releasedIn: 1 },
  { sha: sha('2'), committedAt: T0 + 1 * DAY - 5 * HOUR, releasedIn: 2 },
  { sha: sha('3'), committedAt: T0 + 3 * DAY - 10 * HOUR, releasedIn: 3 },
  { sha: sha('4'), committedAt: T0 + 7 * DAY, releasedIn: 7 },
  { sha: sha('5'), committedAt: T0 + 8 * DAY, releasedIn: 7 },
  { sha: sha('m'), committedAt: T0 + 8 * DAY, releasedIn: 7, merge: true },
  { sha: sha('6'), committedAt: T0 + 13 * DAY, releasedIn: 8 },
  { sha: sha('7'), committedAt: T0 + 21 * DAY, releasedIn: 9 },
  { sha: sha('8'), committedAt: T0 + 24 * DAY + 22 * HOUR, releasedIn: 10 },
  // never released
  { sha: sha('9'), committedAt: T0 + 26 * DAY },
  // "carried" by the failed release only: it never went live there
  { sha: sha('a'), committedAt: T0 + 7 * DAY, releasedIn: 6 },
];

const alert = (
  at: number,
  transition: AlertTransition['transition'],
  rule: string,
  extra: Partial<AlertTransition> = {},
): AlertTransition => ({ at, transition, rule, env: 'production', severity: 'critical', ...extra });

export const ALERTS: AlertTransition[] = [
  alert(T0 + 15 * DAY + HOUR, 'fired', 'error-rate'),
  alert(T0 + 15 * DAY + HOUR + 5 * MIN, 'acknowledged', 'error-rate'),
  alert(T0 + 15 * DAY + HOUR + 20 * MIN, 'resolved', 'error-rate'),
  // resolved by the next release: the history has no resolution
  alert(T0 + 22 * DAY + 10 * MIN, 'fired', 'crashed'),
  // two days after v10: outside the failure window, and still open
  alert(T0 + 27 * DAY, 'fired', 'health-check'),
  // not critical, or not production: neither fails a change nor is an incident
  alert(T0 + 9 * DAY, 'fired', 'p95-latency', { severity: 'warning' }),
  alert(T0 + 9 * DAY, 'fired', 'error-rate', { env: 'staging' }),
];

export const TICKETS: OutcomeTicket[] = [
  { id: 'SHOP-1', complexity: 'trivial', firstCommitAt: T0 + 1 * DAY - 5 * HOUR, tipSha: sha('2') },
  { id: 'SHOP-2', complexity: 'trivial', firstCommitAt: T0 + 3 * DAY - 10 * HOUR, releasedIn: 3 },
  { id: 'SHOP-3', complexity: 'trivial', firstCommitAt: T0 + 7 * DAY, tipSha: sha('5') },
  { id: 'SHOP-4', complexity: 'standard', firstCommitAt: T0 + 12 * DAY, tipSha: sha('6') },
  { id: 'SHOP-5', complexity: 'complex', firstCommitAt: T0 + 20 * DAY, tipSha: sha('9') },
  { id: 'SHOP-6', complexity: 'complex', tipSha: sha('7') },
];

export const AUDIT: OutcomeAuditEntry[] = [
  { when: T0 + 15 * DAY, what: 'promote', target: 'production', result: 'started', detail: { override: true } },
  { when: T0 + 16 * DAY, what: 'promote', target: 'production', result: 'failed', detail: { reason: 'refused' } },
  { when: T0 + 16 * DAY, what: 'promote', target: 'staging', result: 'failed', detail: {} },
  { when: T0 + 16 * DAY, what: 'scale', target: 'production', result: 'failed', detail: {} },
];

export function month(overrides: Partial<OutcomeInputs> = {}): OutcomeInputs {
  return {
    env: 'production',
    period: PERIOD,
    releases: RELEASES,
    commits: COMMITS,
    alerts: ALERTS,
    audit: AUDIT,
    tickets: TICKETS,
    ...overrides,
  };
}

export { sha };
