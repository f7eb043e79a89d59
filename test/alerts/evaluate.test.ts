import { describe, expect, it } from 'vitest';
import { createAlertEngine } from '../../src/alerts/evaluate.js';
import { HISTORY_LIMIT } from '../../src/alerts/alert-state.js';
import type { AlertRule } from '../../src/alerts/rules.js';
import { changesOf, deck, MINUTE, SECOND, snapshot } from './helpers.js';

const P95: AlertRule = { name: 'p95-latency', kind: 'p95', aboveMs: 1000, forMs: 5 * MINUTE, severity: 'warning' };
const ID = 'p95-latency@production';

/** A deck whose p95 alert has just fired, at 5 minutes. */
function firingP95() {
  const d = deck([P95]);
  d.state.metrics = snapshot({ p95: 1840, requests: 300 });
  d.tick();
  expect(changesOf(d.advance(5 * MINUTE))).toEqual([`fired ${ID}`]);
  return d;
}

describe('threshold rules', () => {
  it('p95 above the threshold fires only after the whole window', () => {
    const d = deck([P95]);
    d.state.metrics = snapshot({ p95: 1840, requests: 300 });
    expect(d.tick()).toEqual([]);
    expect(d.advance(5 * MINUTE - 5 * SECOND)).toEqual([]);
    const [change, ...rest] = d.advance(5 * SECOND);
    expect(rest).toEqual([]);
    expect(change?.change).toBe('fired');
    expect(change?.alert).toMatchObject({
      id: ID,
      rule: 'p95-latency',
      env: 'production',
      severity: 'warning',
      state: 'firing',
      since: 5 * MINUTE,
      value: '1,840 ms',
      threshold: '> 1,000 ms for 5m',
    });
    // The value read is the p95 over the rule's own window.
    expect(new Set(d.windows)).toEqual(new Set([5 * MINUTE]));
  });

  it('a value that dips below before the window is over starts the wait again', () => {
    const d = deck([P95]);
    d.state.metrics = snapshot({ p95: 1840 });
    expect(d.advance(4 * MINUTE)).toEqual([]);
    d.state.metrics = snapshot({ p95: 900 });
    expect(d.advance(5 * SECOND)).toEqual([]);
    d.state.metrics = snapshot({ p95: 1840 });
    // First seen above again one step later, so five minutes from there.
    expect(d.advance(5 * MINUTE)).toEqual([]);
    expect(changesOf(d.advance(5 * SECOND))).toEqual([`fired ${ID}`]);
  });

  it('a brief dip does not resolve a firing alert (no flapping)', () => {
    const d = firingP95();
    for (let i = 0; i < 3; i++) {
      d.state.metrics = snapshot({ p95: 400 });
      expect(d.advance(4 * MINUTE)).toEqual([]);
      d.state.metrics = snapshot({ p95: 1840 });
      expect(d.advance(10 * SECOND)).toEqual([]);
    }
    expect(d.engine.alerts()[0]?.state).toBe('firing');
  });

  it('it resolves after the condition has been clear for the window', () => {
    const d = firingP95();
    d.state.metrics = snapshot({ p95: 420, requests: 300 });
    expect(d.tick()).toEqual([]);
    expect(d.advance(5 * MINUTE - 5 * SECOND)).toEqual([]);
    expect(d.engine.alerts()[0]?.value).toBe('420 ms');
    const [change] = d.advance(5 * SECOND);
    expect(change?.change).toBe('resolved');
    expect(change?.alert).toMatchObject({ state: 'resolved', since: 5 * MINUTE, resolvedAt: 10 * MINUTE });
  });

  it('a resolved alert that fires again is refired', () => {
    const d = firingP95();
    d.state.metrics = snapshot({ p95: 420 });
    d.tick();
    expect(changesOf(d.advance(5 * MINUTE))).toEqual([`resolved ${ID}`]);
    d.state.metrics = snapshot({ p95: 2500 });
    const [change] = d.advance(5 * MINUTE + 5 * SECOND);
    expect(change?.change).toBe('refired');
    expect(change?.alert.resolvedAt).toBeUndefined();
    expect(change?.alert.history.map((h) => h.state)).toEqual(['firing', 'resolved', 'firing']);
  });

  it('a 5xx rate needs enough requests and holds for its window', () => {
    const rule: AlertRule = {
      name: 'error-rate',
      kind: 'error-rate',
      abovePercent: 5,
      forMs: MINUTE,
      minRequests: 20,
      severity: 'critical',
    };
    const d = deck([rule]);
    d.state.metrics = snapshot({ errorRate: 0.5, requests: 4 });
    expect(d.advance(10 * MINUTE)).toEqual([]);
    d.state.metrics = snapshot({ errorRate: 0.075, requests: 240 });
    const [change] = d.advance(MINUTE + 5 * SECOND);
    expect(change?.alert).toMatchObject({
      value: '7.5 % of 240 requests',
      threshold: '> 5 % for 1m (at least 20 requests)',
    });
  });
});

describe('acknowledging and silencing', () => {
  it('acknowledged alerts do not notify again until they resolve', () => {
    const d = firingP95();
    d.engine.acknowledge(ID, d.state.now);
    expect(d.advance(30 * MINUTE)).toEqual([]);
    expect(d.engine.alerts()[0]?.state).toBe('acknowledged');
    d.state.metrics = snapshot({ p95: 300 });
    d.tick();
    expect(changesOf(d.advance(5 * MINUTE))).toEqual([`resolved ${ID}`]);
    d.state.metrics = snapshot({ p95: 3000 });
    const [again] = d.advance(5 * MINUTE + 5 * SECOND);
    expect(again?.change).toBe('refired');
    expect(again?.alert.state).toBe('firing');
  });

  it('a silence expires and the alert notifies again if still firing', () => {
    const d = firingP95();
    const until = d.state.now + 10 * MINUTE;
    d.engine.silence(ID, until, d.state.now);
    expect(d.advance(10 * MINUTE - 5 * SECOND)).toEqual([]);
    const changes = d.advance(5 * SECOND);
    expect(changesOf(changes)).toEqual([`fired ${ID}`]);
    expect(changes[0]?.alert.silencedUntil).toBeUndefined();
    expect(changes[0]?.alert.history.map((h) => h.state)).toEqual(['firing', 'silenced', 'unsilenced']);
    expect(d.advance(10 * MINUTE)).toEqual([]);
  });

  it('a silenced alert that resolves during the silence says nothing, then or at its end', () => {
    const d = firingP95();
    d.engine.silence(ID, d.state.now + 20 * MINUTE, d.state.now);
    d.state.metrics = snapshot({ p95: 300 });
    expect(d.advance(30 * MINUTE)).toEqual([]);
    expect(d.engine.alerts()[0]).toMatchObject({ state: 'resolved' });
  });

  it('an acknowledged alert stays quiet when its silence ends', () => {
    const d = firingP95();
    d.engine.acknowledge(ID, d.state.now);
    d.engine.silence(ID, d.state.now + MINUTE, d.state.now);
    expect(d.advance(5 * MINUTE)).toEqual([]);
  });

  it('keeps only the last entries of an alert history', () => {
    const d = firingP95();
    for (let i = 0; i < 40; i++) {
      d.engine.silence(ID, d.state.now + 5 * SECOND, d.state.now);
      d.advance(5 * SECOND);
    }
    const history = d.engine.alerts()[0]?.history ?? [];
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history.at(-1)?.state).toBe('unsilenced');
  });
});

describe('event rules', () => {
  const CRASHED: AlertRule = { name: 'crashed', kind: 'crashed', severity: 'critical' };

  it('a crashed dyno fires at once', () => {
    const d = deck([CRASHED]);
    d.state.dynos = [
      { name: 'web.1', state: 'up' },
      { name: 'web.2', state: 'crashed' },
    ];
    const [change] = d.tick();
    expect(change).toMatchObject({
      change: 'fired',
      alert: { id: 'crashed@production', value: 'web.2 crashed', since: 0 },
    });

    d.state.dynos = [{ name: 'web.2', state: 'up' }];
    d.tick();
    expect(d.advance(55 * SECOND)).toEqual([]);
    expect(changesOf(d.advance(5 * SECOND))).toEqual(['resolved crashed@production']);
  });

  it('a crash event fires even when the dyno list has moved on', () => {
    const d = deck([CRASHED]);
    expect(changesOf(d.tick({ events: [{ kind: 'crash', time: 0, dyno: 'worker.1' }] }))).toEqual([
      'fired crashed@production',
    ]);
  });

  it('three crashes in ten minutes is a restart loop', () => {
    const rule: AlertRule = {
      name: 'restart-loop',
      kind: 'restart-loop',
      crashes: 3,
      withinMs: 10 * MINUTE,
      severity: 'critical',
    };
    const d = deck([rule]);
    const crashAt = (time: number) => d.tick({ events: [{ kind: 'crash', time, dyno: 'web.1' }] });

    // Spread out, they are separate crashes rather than a loop.
    for (const minute of [0, 6, 12]) {
      d.state.now = minute * MINUTE;
      expect(crashAt(d.state.now)).toEqual([]);
    }
    d.state.now = 14 * MINUTE;
    const [change] = crashAt(d.state.now);
    expect(change).toMatchObject({
      change: 'fired',
      alert: { value: '3 crashes in 10m', threshold: '3 crashes within 10m' },
    });

    // Resolves once a whole window passes without a crash, not as soon as the count dips.
    expect(d.advance(10 * MINUTE - 5 * SECOND)).toEqual([]);
    expect(changesOf(d.advance(5 * SECOND))).toEqual(['resolved restart-loop@production']);
  });

  it('memory errors fire at once and resolve after ten quiet minutes', () => {
    const d = deck([{ name: 'memory', kind: 'memory', severity: 'warning' }]);
    const [change] = d.tick({
      events: [{ kind: 'error-code', time: 0, dyno: 'web.1', code: 'R14', message: 'Memory quota exceeded' }],
    });
    expect(change?.alert.value).toBe('R14 on web.1');
    d.state.now = 5 * MINUTE;
    expect(d.tick({ events: [{ kind: 'memory', time: 5 * MINUTE, dyno: 'web.1', rssMb: 600, quotaMb: 512 }] })).toEqual(
      [],
    );
    expect(d.engine.alerts()[0]?.value).toBe('600 MB of 512 MB on web.1');
    expect(d.advance(10 * MINUTE - 5 * SECOND)).toEqual([]);
    expect(changesOf(d.advance(5 * SECOND))).toEqual(['resolved memory@production']);
  });

  it('a failed release resolves fifteen minutes after the last failure', () => {
    const d = deck([{ name: 'release-failed', kind: 'release-failed', severity: 'warning' }]);
    const [change] = d.tick({ events: [{ kind: 'release-failed', time: 0, text: 'v42: release command exited 1' }] });
    expect(change?.alert.value).toBe('release failed: v42: release command exited 1');
    expect(d.advance(15 * MINUTE - 5 * SECOND)).toEqual([]);
    expect(changesOf(d.advance(5 * SECOND))).toEqual(['resolved release-failed@production']);
  });

  it('a failed release resolves as soon as a later release serves, and not while the failed one is the newest', () => {
    const d = deck([{ name: 'release-failed', kind: 'release-failed', severity: 'warning' }]);
    d.state.servingVersion = 5;
    d.tick({ events: [{ kind: 'release-failed', time: 0, text: 'Release v6 failed: the release phase exited 1' }] });
    expect(d.advance(5 * MINUTE)).toEqual([]);
    d.state.servingVersion = 7;
    expect(changesOf(d.advance(5 * SECOND))).toEqual(['resolved release-failed@production']);
  });

  it('a log pattern seen N times in the window fires', () => {
    const rule: AlertRule = {
      name: 'timeouts',
      kind: 'log-pattern',
      pattern: 'ETIMEDOUT|timed out',
      count: 3,
      withinMs: 5 * MINUTE,
      severity: 'warning',
    };
    const d = deck([rule], 'staging', MINUTE);
    expect(d.tick({ logLines: ['GET / 200', 'db: connect ETIMEDOUT', 'redis timed out'] })).toEqual([]);
    d.advance(5 * MINUTE);
    // The first two have left the window.
    expect(d.tick({ logLines: ['db: connect ETIMEDOUT'] })).toEqual([]);
    d.advance(MINUTE);
    expect(d.tick({ logLines: ['GET /health 200'] })).toEqual([]);
    const [change] = d.tick({ logLines: ['db: connect ETIMEDOUT', 'db: connect ETIMEDOUT again'] });
    expect(change).toMatchObject({ change: 'fired', alert: { id: 'timeouts@staging', value: '3 matches in 5m' } });
  });

  it('health checks fire after consecutive failures and resolve after consecutive successes', () => {
    const d = deck([{ name: 'health-check', kind: 'health-check', failures: 3, severity: 'critical' }]);
    let t = 0;
    const check = (ok: boolean) => ({
      time: (t += 10 * SECOND),
      ok,
      latencyMs: 12,
      ...(ok ? { status: 200 } : { error: 'ECONNREFUSED' }),
    });
    const run = (...oks: boolean[]) => {
      d.state.now = t + oks.length * 10 * SECOND;
      return changesOf(d.tick({ checks: oks.map(check) }));
    };

    expect(run(false, false, true, false, false)).toEqual([]);
    expect(run(false)).toEqual(['fired health-check@production']);
    expect(d.engine.alerts()[0]?.value).toBe('3 failed checks in a row (ECONNREFUSED)');
    expect(run(true, true, false, true, true)).toEqual([]);
    expect(run(true)).toEqual(['resolved health-check@production']);
    expect(run()).toEqual([]);
  });
});

describe('the engine', () => {
  it('a rule for one environment leaves the others alone', () => {
    const engine = createAlertEngine([{ name: 'crashed', kind: 'crashed', env: 'staging', severity: 'critical' }]);
    const inputs = {
      now: 0,
      metrics: () => snapshot(),
      dynos: [{ name: 'web.1', state: 'crashed' }],
      events: [],
      logLines: [],
      checks: [],
    };
    expect(engine.evaluate({ ...inputs, env: 'production' })).toEqual([]);
    expect(changesOf(engine.evaluate({ ...inputs, env: 'staging' }))).toEqual(['fired crashed@staging']);
  });

  it('lists firing alerts first, then acknowledged, then resolved, most recent first', () => {
    const rules: AlertRule[] = ['a', 'b', 'c', 'd'].map((name) => ({
      name,
      kind: 'crashed',
      env: name,
      severity: 'critical',
    }));
    const engine = createAlertEngine(rules);
    const at = (env: string, now: number, crashed: boolean) =>
      engine.evaluate({
        env,
        now,
        metrics: () => snapshot(),
        dynos: [{ name: 'web.1', state: crashed ? 'crashed' : 'up' }],
        events: [],
        logLines: [],
        checks: [],
      });
    for (const [i, env] of ['a', 'b', 'c', 'd'].entries()) at(env, i * SECOND, true);
    engine.acknowledge('b@b', 10 * SECOND);
    at('c', 10 * SECOND, false);
    at('c', 80 * SECOND, false);
    at('a', 10 * SECOND, false);
    at('a', 90 * SECOND, false);
    expect(engine.alerts().map((a) => `${a.id} ${a.state}`)).toEqual([
      'd@d firing',
      'b@b acknowledged',
      'a@a resolved',
      'c@c resolved',
    ]);
  });

  it('alerts handed out do not change afterwards', () => {
    const d = firingP95();
    const listed = d.engine.alerts()[0];
    d.engine.acknowledge(ID, d.state.now);
    expect(listed?.state).toBe('firing');
  });

  it('refuses two rules with one name and a bad pattern at start-up', () => {
    expect(() => createAlertEngine([P95, { ...P95 }])).toThrow(/two alert rules are named "p95-latency"/);
    expect(() =>
      createAlertEngine([
        { name: 'x', kind: 'log-pattern', pattern: '(', count: 1, withinMs: MINUTE, severity: 'warning' },
      ]),
    ).toThrow();
  });
});
