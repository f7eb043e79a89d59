import { describe, expect, it } from 'vitest';
import {
  coveredSince,
  lookbackMs,
  replaySpanMs,
  unknownRules,
  type LogHistory,
} from '../../src/alerts/history-coverage.js';
import { DEFAULT_RULES } from '../../src/alerts/default-rules.js';
import type { AlertRule } from '../../src/alerts/rules.js';
import { formatLogLine } from '../../src/logs/log-line.js';
import { evaluateFromHistory } from '../../src/alerts/evaluate-history.js';
import type { EnvironmentSnapshot } from '../../src/services/ports.js';

const MINUTE = 60_000;
const now = Date.UTC(2026, 10, 26, 9, 0, 0);
const appLine = (time: number) => formatLogLine({ time, source: 'app', dyno: 'web.1', text: 'GET /' });
const router = (time: number, status: number) =>
  formatLogLine({
    time,
    source: 'heroku',
    dyno: 'router',
    text: `at=info method=GET path="/" host=x request_id=1 fwd="1.1.1.1" dyno=web.1 connect=0ms service=20ms status=${status} bytes=10 protocol=http`,
  });
const errorRate = (forMs: number): AlertRule => ({
  name: 'slow-errors',
  kind: 'error-rate',
  abovePercent: 5,
  forMs,
  severity: 'critical',
});
const names = (u: Array<{ rule: string }>) => u.map((x) => x.rule).sort();
const logRules = DEFAULT_RULES.filter((r) => r.kind !== 'health-check');

describe('what the one-shot alert check can tell', () => {
  it('reaches back over the longest window of the configured rules', () => {
    expect(lookbackMs(errorRate(10 * MINUTE))).toBe(20 * MINUTE);
    expect(replaySpanMs(DEFAULT_RULES)).toBe(15 * MINUTE);
    expect(replaySpanMs([...DEFAULT_RULES, errorRate(30 * MINUTE)])).toBe(60 * MINUTE);
  });

  it('a session that gave fewer lines than asked gave all it had', () => {
    const lines = [appLine(now - 2 * MINUTE)];
    expect(coveredSince({ lines, requested: 1500 }, now)).toBe(Number.NEGATIVE_INFINITY);
    expect(coveredSince({ lines, requested: 1 }, now)).toBe(now - 2 * MINUTE);
  });

  it('a log that cannot be read makes every rule that reads the log unknown, with the reason', () => {
    const unknown = unknownRules({
      rules: DEFAULT_RULES,
      env: 'production',
      history: { error: 'the log session answered HTTP 503' },
      check: { time: now, ok: true, status: 200, latencyMs: 3 },
      firing: new Set(),
      now,
    });
    expect(names(unknown)).toEqual(logRules.map((r) => r.name).sort());
    expect(unknown[0]).toMatchObject({
      env: 'production',
      reason: 'the log could not be read: the log session answered HTTP 503',
    });
  });

  it('too few lines to cover a window make its rules unknown; the rules they cover stay quiet', () => {
    // 1,500 lines in the last 8 minutes: enough for a 1-minute rule, not for the 5-minute 5xx rule (10 minutes).
    const lines = Array.from({ length: 1500 }, (_, i) => appLine(now - 8 * MINUTE + i * 320));
    const history: LogHistory = { lines, requested: 1500 };
    const unknown = unknownRules({
      rules: [errorRate(MINUTE), errorRate(5 * MINUTE), ...DEFAULT_RULES.filter((r) => r.kind === 'crashed')].map(
        (r, i) => ({ ...r, name: `${r.name}-${i}` }),
      ),
      env: 'production',
      history,
      check: undefined,
      firing: new Set(),
      now,
    });
    expect(names(unknown)).toEqual(['slow-errors-1']);
    expect(unknown[0]!.reason).toBe('the last 1500 log lines reach back 8m; this rule needs 10m');
  });

  it('a rule that fired is firing, whatever the history does not cover', () => {
    const unknown = unknownRules({
      rules: [errorRate(5 * MINUTE)],
      env: 'production',
      history: { error: 'gone' },
      check: undefined,
      firing: new Set(['slow-errors']),
      now,
    });
    expect(unknown).toEqual([]);
  });

  it('one failed health check cannot tell a rule that wants three in a row; a passing one can', () => {
    const rules = DEFAULT_RULES.filter((r) => r.kind === 'health-check');
    const complete: LogHistory = { lines: [], requested: 1500 };
    const failed = unknownRules({
      rules,
      env: 'staging',
      history: complete,
      check: { time: now, ok: false, status: 503, latencyMs: 3, error: 'HTTP 503' },
      firing: new Set(),
      now,
    });
    expect(failed).toMatchObject([
      {
        rule: 'health-check',
        reason: 'the health check failed (HTTP 503); one check cannot tell whether 3 fail in a row',
      },
    ]);
    const passed = unknownRules({
      rules,
      env: 'staging',
      history: complete,
      check: { time: now, ok: true, status: 200, latencyMs: 3 },
      firing: new Set(),
      now,
    });
    expect(passed).toEqual([]);
  });

  it('a window longer than 15 minutes is replayed whole, so a rule over it can fire', () => {
    const rule = errorRate(20 * MINUTE);
    const env: EnvironmentSnapshot = {
      name: 'production',
      app: 'shop-production',
      stage: 'production',
      url: 'http://127.0.0.1:1/',
      maintenance: false,
      formation: { web: 1 },
      dynos: [],
      release: { id: 'r', version: 3, status: 'succeeded', description: '', user: 'u', createdAt: 0, current: true },
    };
    // Half the requests fail, every 5 seconds for the last 45 minutes.
    const lines = Array.from({ length: 540 }, (_, i) => router(now - 45 * MINUTE + i * 5000, i % 2 ? 500 : 200));
    const alerts = evaluateFromHistory([{ env, lines }], [rule], now, replaySpanMs([rule]));
    expect(alerts).toMatchObject([{ rule: 'slow-errors', state: 'firing' }]);
  });
});
