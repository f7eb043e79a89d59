import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert-state.js';
import { alertTransitions } from '../../src/alerts/alert-transitions.js';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'error-rate@production',
    rule: 'error-rate',
    env: 'production',
    severity: 'critical',
    state: 'firing',
    since: T0,
    value: '12 %',
    threshold: '> 5 % for 5m',
    history: [],
    ...overrides,
  };
}

const kinds = (previous: Alert[], next: Alert[], now = T0 + 60_000) =>
  alertTransitions(previous, next, now).map((t) => [t.transition, t.at]);

describe('alert transitions', () => {
  it('a new alert has fired at its own time', () => {
    expect(kinds([], [alert()])).toEqual([['fired', T0]]);
  });

  it('an acknowledgement is taken at the moment it is seen, a resolution at its own time', () => {
    expect(kinds([alert()], [alert({ state: 'acknowledged' })])).toEqual([['acknowledged', T0 + 60_000]]);
    expect(kinds([alert()], [alert({ state: 'resolved', resolvedAt: T0 + 30_000 })])).toEqual([
      ['resolved', T0 + 30_000],
    ]);
  });

  it('an alert that fires again after it resolved is a new firing', () => {
    const resolved = alert({ state: 'resolved', resolvedAt: T0 + 30_000 });
    expect(kinds([resolved], [alert({ since: T0 + 90_000 })], T0 + 90_000)).toEqual([['fired', T0 + 90_000]]);
  });

  it('nothing changed, only the value moved, or an alert already resolved when first seen: no transition', () => {
    expect(kinds([alert()], [alert({ value: '14 %' })])).toEqual([]);
    expect(kinds([], [alert({ state: 'resolved', resolvedAt: T0 })])).toEqual([]);
  });

  it('an alarm moving from warning to critical is a new firing', () => {
    expect(kinds([alert({ severity: 'warning' })], [alert({ severity: 'critical' })])).toEqual([['fired', T0]]);
  });
});
