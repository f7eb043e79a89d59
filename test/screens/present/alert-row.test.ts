import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/alerts/alert-state.js';
import { alertRow } from '../../../src/screens/present/alert-row.js';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);

function alert(overrides: Partial<Alert>): Alert {
  return {
    id: 'error-rate@staging',
    rule: 'error-rate',
    env: 'staging',
    severity: 'critical',
    state: 'firing',
    since: NOW - 3 * 60_000,
    value: '12 %',
    threshold: '> 5 % for 5m',
    history: [{ at: NOW - 3 * 60_000, state: 'firing', value: '12 %' }],
    ...overrides,
  };
}

describe('an alert row', () => {
  it('shows the reading that fired it and the reading now apart when they differ', () => {
    const row = alertRow(alert({ value: '0 %' }), NOW);
    expect(row.reading).toBe('fired at 12 % · now 0 % (> 5 % for 5m)');
    expect(row.state).toBe('firing');
  });

  it('shows one reading while it is still the one that fired it', () => {
    expect(alertRow(alert({}), NOW).reading).toBe('12 % (> 5 % for 5m)');
  });

  it('takes the latest firing when an alert fired again', () => {
    const history: Alert['history'] = [
      { at: NOW - 60 * 60_000, state: 'firing', value: '40 %' },
      { at: NOW - 50 * 60_000, state: 'resolved', value: '1 %' },
      { at: NOW - 60_000, state: 'firing', value: '9 %' },
    ];
    expect(alertRow(alert({ history, value: '7 %' }), NOW).reading).toBe('fired at 9 % · now 7 % (> 5 % for 5m)');
  });
});
