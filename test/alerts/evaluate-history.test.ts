import { describe, expect, it } from 'vitest';
import { evaluateFromHistory } from '../../src/alerts/evaluate-history.js';
import { DEFAULT_RULES } from '../../src/alerts/default-rules.js';
import type { EnvironmentSnapshot } from '../../src/services/ports.js';
import { formatLogLine } from '../../src/logs/log-line.js';

const env = (dynos: EnvironmentSnapshot['dynos'] = []): EnvironmentSnapshot => ({
  name: 'staging',
  app: 'shop-staging',
  stage: 'staging',
  url: 'http://127.0.0.1:1/',
  maintenance: false,
  formation: { web: 1 },
  dynos,
  release: { id: 'r', version: 3, status: 'succeeded', description: '', user: 'u', createdAt: 0, current: true },
});

const now = Date.UTC(2026, 10, 26, 9, 0, 0);
const router = (time: number, serviceMs: number, status = 200) =>
  formatLogLine({
    time,
    source: 'heroku',
    dyno: 'router',
    text: `at=info method=GET path="/" host=x request_id=1 fwd="1.1.1.1" dyno=web.1 connect=0ms service=${serviceMs}ms status=${status} bytes=10 protocol=http`,
  });

describe('alerts from recent history', () => {
  it('slow requests over the whole window fire the p95 rule; a short burst does not', () => {
    const slow = Array.from({ length: 400 }, (_, i) => router(now - 7 * 60_000 + i * 1000, 1800));
    const alerts = evaluateFromHistory([{ env: env(), lines: slow }], DEFAULT_RULES, now);
    expect(alerts.find((a) => a.rule === 'p95-latency')).toMatchObject({
      state: 'firing',
      env: 'staging',
      value: '1,800 ms',
    });

    const burst = Array.from({ length: 60 }, (_, i) => router(now - 60_000 + i * 1000, 1800));
    expect(
      evaluateFromHistory([{ env: env(), lines: burst }], DEFAULT_RULES, now).find((a) => a.rule === 'p95-latency'),
    ).toBeUndefined();
  });

  it('a crashed dyno right now is a critical alert', () => {
    const alerts = evaluateFromHistory(
      [{ env: env([{ name: 'web.1', type: 'web', state: 'crashed', startedAt: 0 }]), lines: [] }],
      DEFAULT_RULES,
      now,
    );
    expect(alerts).toMatchObject([{ rule: 'crashed', severity: 'critical', state: 'firing' }]);
  });
});
