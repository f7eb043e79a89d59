import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/alerts/default-rules.js';
import { alertsSchema, rulesFromConfig } from '../../src/alerts/rule-schema.js';

function problems(input: unknown): Array<{ path: string; message: string }> {
  const result = alertsSchema.safeParse(input);
  return (result.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('the alerts: section', () => {
  it('defaults are on without configuration and a configured rule of the same name replaces one', () => {
    expect(rulesFromConfig(undefined)).toEqual(DEFAULT_RULES);
    expect(rulesFromConfig(alertsSchema.parse(undefined))).toEqual(DEFAULT_RULES);
    expect(DEFAULT_RULES.map((r) => `${r.name} ${r.severity}`)).toEqual([
      'p95-latency warning',
      'error-rate critical',
      'crashed critical',
      'restart-loop critical',
      'memory warning',
      'release-failed warning',
      'health-check critical',
    ]);

    const rules = rulesFromConfig(
      alertsSchema.parse({
        rules: [
          { name: 'p95-latency', metric: 'p95_ms', above: 500, for: '1m', env: 'production', severity: 'critical' },
          { name: 'timeouts', metric: 'log_pattern', pattern: 'ETIMEDOUT', count: 5, within: 90 },
        ],
      }),
    );
    expect(rules).toHaveLength(DEFAULT_RULES.length + 1);
    expect(rules[0]).toEqual({
      name: 'p95-latency',
      kind: 'p95',
      env: 'production',
      aboveMs: 500,
      forMs: 60_000,
      severity: 'critical',
    });
    expect(rules.slice(1, -1)).toEqual(DEFAULT_RULES.slice(1));
    expect(rules.at(-1)).toEqual({
      name: 'timeouts',
      kind: 'log-pattern',
      pattern: 'ETIMEDOUT',
      count: 5,
      withinMs: 90_000,
      severity: 'warning',
    });
  });

  it('turning defaults off leaves only the configured rules, filled in with the built-in values', () => {
    const rules = rulesFromConfig(
      alertsSchema.parse({
        defaults: false,
        rules: [
          { name: 'loop', metric: 'restart_loop' },
          { name: 'slow', metric: 'p95_ms' },
        ],
      }),
    );
    expect(rules).toEqual([
      { name: 'loop', kind: 'restart-loop', crashes: 3, withinMs: 600_000, severity: 'critical' },
      { name: 'slow', kind: 'p95', aboveMs: 1000, forMs: 300_000, severity: 'warning' },
    ]);
  });

  it('notify and checks have their defaults', () => {
    expect(alertsSchema.parse({})).toEqual({
      defaults: true,
      notify: { terminal: true, bell: true },
      checks: { interval: 10 },
      rules: [],
    });
  });

  it('a bad for: value is rejected with the allowed values', () => {
    expect(problems({ rules: [{ name: 'slow', metric: 'p95_ms', for: '2m' }] })).toEqual([
      { path: 'rules.0.for', message: 'expected one of 1m, 5m, 10m, or a number of seconds (1 to 86400)' },
    ]);
    expect(problems({ rules: [{ name: 'slow', metric: 'p95_ms', for: -5 }] })[0]?.message).toMatch(/1m, 5m, 10m/);
    expect(
      rulesFromConfig(alertsSchema.parse({ rules: [{ name: 'slow', metric: 'p95_ms', for: 90 }] })).at(-1),
    ).toMatchObject({ forMs: 90_000 });
  });

  it('an invalid regex in a log_pattern rule is rejected', () => {
    expect(problems({ rules: [{ name: 'oops', metric: 'log_pattern', pattern: '(unclosed' }] })).toEqual([
      { path: 'rules.0.pattern', message: 'expected a valid regular expression (unterminated group)' },
    ]);
    expect(problems({ rules: [{ name: 'oops', metric: 'log_pattern' }] })).toEqual([
      { path: 'rules.0.pattern', message: 'expected a regular expression (text): log_pattern rules need one' },
    ]);
  });

  it('rejects what a rule cannot use, values out of range, unknown keys and repeated names', () => {
    expect(problems({ rules: [{ name: 'slow', metric: 'p95_ms', pattern: 'x', above: 20 }] })).toEqual([
      { path: 'rules.0.pattern', message: 'expected no pattern on a p95_ms rule (only log_pattern use it)' },
      { path: 'rules.0.above', message: "expected milliseconds, at least 50 (Heroku's minimum)" },
    ]);
    expect(problems({ rules: [{ name: 'e', metric: 'error_rate_percent', above: 150 }] })).toEqual([
      { path: 'rules.0.above', message: 'expected a percentage (0 to 100)' },
    ]);
    expect(problems({ rules: [{ name: 'x', metric: 'latency' }] })[0]?.message).toBe(
      'expected one of p95_ms, error_rate_percent, crashed, restart_loop, memory, release_failed, health_check, log_pattern',
    );
    expect(problems({ notify: { beep: true } })[0]).toMatchObject({ path: 'notify' });
    expect(
      problems({
        rules: [
          { name: 'a', metric: 'crashed' },
          { name: 'a', metric: 'memory' },
        ],
      }),
    ).toEqual([{ path: 'rules.1.name', message: 'expected a name no other rule here uses' }]);
  });
});
