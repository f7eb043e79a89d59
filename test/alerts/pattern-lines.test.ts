import { describe, expect, it } from 'vitest';
import { patternLineFilter } from '../../src/alerts/pattern-lines.js';
import type { AlertRule } from '../../src/alerts/rules.js';

const paymentErrors: AlertRule = {
  name: 'payments',
  kind: 'log-pattern',
  pattern: 'PaymentError',
  count: 3,
  withinMs: 60_000,
  severity: 'warning',
};
const lines = [
  '2026-12-02T10:00:00Z app[web.1]: PaymentError card declined',
  '2026-12-02T10:00:01Z heroku[router]: at=info method=GET path="/" status=200',
  '2026-12-02T10:00:02Z app[web.1]: GET / 200',
];

describe('the lines kept for log-pattern rules', () => {
  it('are those a rule watching the environment matches', () => {
    expect(patternLineFilter([paymentErrors], 'staging')(lines)).toEqual([lines[0]]);
  });

  it('are none when no log-pattern rule watches the environment', () => {
    const p95: AlertRule = { name: 'p95', kind: 'p95', aboveMs: 800, forMs: 60_000, severity: 'warning' };
    expect(patternLineFilter([p95], 'staging')(lines)).toEqual([]);
    expect(patternLineFilter([{ ...paymentErrors, env: 'production' }], 'staging')(lines)).toEqual([]);
  });

  it('match any of several rules, each line once', () => {
    const router: AlertRule = { ...paymentErrors, name: 'router', pattern: 'status=200' };
    const both: AlertRule = { ...paymentErrors, name: 'web', pattern: 'web\\.1' };
    expect(patternLineFilter([paymentErrors, router, both], 'staging')(lines)).toEqual(lines);
  });
});
