import { describe, expect, it } from 'vitest';
import type { AlarmReading, AlarmState } from '../../../src/services/cloudwatch/alarm-reading.js';
import { createAlarmTracker, NO_LONGER_LISTED } from '../../../src/services/cloudwatch/alarm-tracker.js';

const T = Date.UTC(2026, 10, 26, 9, 0);
const MINUTE = 60_000;

function alarm(state: AlarmState, changedAt: number, overrides: Partial<AlarmReading> = {}) {
  const reading: AlarmReading = {
    name: 'shop-prod-cpu',
    kind: 'metric',
    state,
    reason: `went ${state}`,
    changedAt,
    threshold: 'CPUUtilization > 80% for 5 of 5 × 1m',
    value: state === 'ALARM' ? '91%' : state === 'OK' ? '40%' : 'no data',
    instances: ['shop-prod-db'],
    ...overrides,
  };
  return { reading, env: 'production' };
}

describe('CloudWatch alarms as alerts', () => {
  it('an alarm in ALARM is a critical alert from CloudWatch, its name the rule, with reason and threshold', () => {
    const tracker = createAlarmTracker();
    const changes = tracker.update([alarm('ALARM', T - 2 * MINUTE)], T);
    expect(changes.map((c) => c.change)).toEqual(['fired']);
    expect(tracker.alerts()).toEqual([
      {
        id: 'shop-prod-cpu@production',
        rule: 'shop-prod-cpu',
        env: 'production',
        severity: 'critical',
        state: 'firing',
        since: T - 2 * MINUTE,
        value: '91%',
        threshold: 'CPUUtilization > 80% for 5 of 5 × 1m',
        source: 'cloudwatch',
        detail: 'went ALARM',
        history: [{ at: T - 2 * MINUTE, state: 'firing', value: '91%' }],
      },
    ]);
  });

  it('INSUFFICIENT_DATA is a warning; OK alarms make no alert', () => {
    const tracker = createAlarmTracker();
    tracker.update([alarm('INSUFFICIENT_DATA', T), alarm('OK', T, { name: 'shop-prod-disk' })], T);
    expect(tracker.alerts().map((a) => [a.rule, a.severity])).toEqual([['shop-prod-cpu', 'warning']]);
  });

  it('going OK resolves the alert, once, and ALARM again fires it again', () => {
    const tracker = createAlarmTracker();
    tracker.update([alarm('ALARM', T)], T);
    const resolved = tracker.update([alarm('OK', T + 5 * MINUTE)], T + 6 * MINUTE);
    expect(resolved.map((c) => [c.change, c.alert.state, c.alert.resolvedAt])).toEqual([
      ['resolved', 'resolved', T + 5 * MINUTE],
    ]);
    expect(tracker.update([alarm('OK', T + 5 * MINUTE)], T + 7 * MINUTE)).toEqual([]);
    const again = tracker.update([alarm('ALARM', T + 8 * MINUTE)], T + 8 * MINUTE);
    expect(again.map((c) => c.change)).toEqual(['refired']);
  });

  it('an alarm still in ALARM announces nothing new but keeps its value current', () => {
    const tracker = createAlarmTracker();
    tracker.update([alarm('ALARM', T)], T);
    expect(tracker.update([alarm('ALARM', T, { value: '95%' })], T + MINUTE)).toEqual([]);
    expect(tracker.alerts()[0]?.value).toBe('95%');
  });

  it('moving between ALARM and INSUFFICIENT_DATA is announced with the new severity, and clears an acknowledgement', () => {
    const tracker = createAlarmTracker();
    tracker.update([alarm('ALARM', T)], T);
    tracker.acknowledge('shop-prod-cpu@production', T + MINUTE);
    expect(tracker.alerts()[0]?.state).toBe('acknowledged');
    const changes = tracker.update([alarm('INSUFFICIENT_DATA', T + 2 * MINUTE)], T + 2 * MINUTE);
    expect(changes.map((c) => [c.change, c.alert.severity, c.alert.state])).toEqual([['refired', 'warning', 'firing']]);
  });

  it('an alarm that is no longer listed resolves its alert', () => {
    const tracker = createAlarmTracker();
    tracker.update([alarm('ALARM', T)], T);
    const changes = tracker.update([], T + MINUTE);
    expect(changes.map((c) => [c.change, c.alert.value])).toEqual([['resolved', NO_LONGER_LISTED]]);
  });

  it('a silenced alert changes quietly, and is announced again if still firing when the silence ends', () => {
    const tracker = createAlarmTracker();
    tracker.update([alarm('INSUFFICIENT_DATA', T)], T);
    tracker.silence('shop-prod-cpu@production', T + 10 * MINUTE, T);
    expect(tracker.update([alarm('ALARM', T + MINUTE)], T + MINUTE)).toEqual([]);
    expect(tracker.alerts()[0]?.severity).toBe('critical');
    const after = tracker.update([alarm('ALARM', T + MINUTE)], T + 11 * MINUTE);
    expect(after.map((c) => c.change)).toEqual(['fired']);
  });

  it('a state change stamped in the future (a skewed clock) counts from now', () => {
    const tracker = createAlarmTracker();
    tracker.update([alarm('ALARM', T + 10 * MINUTE)], T);
    expect(tracker.alerts()[0]?.since).toBe(T);
  });

  it('an alarm filed under another environment (names learnt later) keeps its alert instead of resolving and firing', () => {
    const tracker = createAlarmTracker();
    tracker.update([{ ...alarm('ALARM', T), env: 'production' }], T);
    const changes = tracker.update([{ ...alarm('ALARM', T), env: 'shop-prod' }], T + MINUTE);
    expect(changes).toEqual([]);
    expect(tracker.alerts().map((a) => [a.id, a.env, a.state, a.since])).toEqual([
      ['shop-prod-cpu@shop-prod', 'shop-prod', 'firing', T],
    ]);
  });
});
