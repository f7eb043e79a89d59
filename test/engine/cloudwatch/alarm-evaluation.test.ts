// Alarm evaluation as pure functions on fixed datapoints, including CloudWatch's documented
// table for missing data (3 of 3 periods; 0 = not breaching, X = breaching, - = missing, oldest
// first over the evaluation range of 5 periods).
import { describe, expect, it } from 'vitest';
import {
  evaluateAlarm,
  formatReasonDate,
  type EvaluatedAlarm,
} from '../../../src/engine/cloudwatch/alarm-evaluation.js';
import type { StateValue, TreatMissingData } from '../../../src/engine/cloudwatch/alarm-types.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 11, 2, 12, 10, 5);
const END = Date.UTC(2026, 11, 2, 12, 10, 0);

function alarm(treat: TreatMissingData, n = 3, m = 3): EvaluatedAlarm {
  return {
    evaluationPeriods: n,
    datapointsToAlarm: m,
    periodSeconds: 60,
    threshold: 80,
    comparison: 'GreaterThanThreshold',
    treatMissingData: treat,
    statistic: 'Average',
  };
}

/** "0 - X - X": the last character is the most recent complete period. */
function points(pattern: string) {
  const slots = pattern.split(' ');
  return slots.flatMap((s, i) => {
    const at = END - (slots.length - i) * MINUTE;
    return s === '-' ? [] : [{ at, value: s === 'X' ? 95 : 20 }];
  });
}

const state = (treat: TreatMissingData, pattern: string, current: StateValue = 'OK') =>
  evaluateAlarm(alarm(treat), points(pattern), current, NOW).state;

describe('missing data, as in CloudWatch documentation table', () => {
  const TABLE: Array<[string, Record<TreatMissingData, StateValue | 'retained'>]> = [
    ['0 - X - X', { missing: 'OK', ignore: 'OK', breaching: 'OK', notBreaching: 'OK' }],
    ['- - - - 0', { missing: 'OK', ignore: 'OK', breaching: 'OK', notBreaching: 'OK' }],
    ['- - - - -', { missing: 'INSUFFICIENT_DATA', ignore: 'retained', breaching: 'ALARM', notBreaching: 'OK' }],
    ['0 X X - X', { missing: 'ALARM', ignore: 'ALARM', breaching: 'ALARM', notBreaching: 'ALARM' }],
    ['- - X - -', { missing: 'ALARM', ignore: 'retained', breaching: 'ALARM', notBreaching: 'OK' }],
  ];
  for (const [pattern, expected] of TABLE) {
    it(`${pattern}: missing ${expected.missing}, ignore ${expected.ignore}, breaching ${expected.breaching}, notBreaching ${expected.notBreaching}`, () => {
      for (const treat of ['missing', 'ignore', 'breaching', 'notBreaching'] as const) {
        if (expected[treat] === 'retained') {
          expect(state(treat, pattern, 'ALARM'), treat).toBe('ALARM');
          expect(state(treat, pattern, 'OK'), treat).toBe('OK');
        } else {
          expect(state(treat, pattern, 'INSUFFICIENT_DATA'), treat).toBe(expected[treat]);
        }
      }
    });
  }
});

describe('M out of N', () => {
  it('alarms when DatapointsToAlarm of the last EvaluationPeriods breach, not consecutive', () => {
    const twoOfThree = alarm('missing', 3, 2);
    expect(evaluateAlarm(twoOfThree, points('X 0 X'), 'OK', NOW).state).toBe('ALARM');
    expect(evaluateAlarm(twoOfThree, points('X 0 0'), 'ALARM', NOW).state).toBe('OK');
  });

  it('CPU above 80 % for 5 minutes: 4 minutes are not enough, the fifth sets it off', () => {
    const cpu = alarm('missing', 5, 5);
    expect(evaluateAlarm(cpu, points('0 X X X X'), 'OK', NOW).state).toBe('OK');
    const decision = evaluateAlarm(cpu, points('X X X X X'), 'OK', NOW);
    expect(decision.state).toBe('ALARM');
    expect(decision.reason).toBe(
      `Threshold Crossed: 5 out of the last 5 datapoints [95.0 (${formatReasonDate(END - MINUTE)}), 95.0 (${formatReasonDate(END - 2 * MINUTE)}), 95.0 (${formatReasonDate(END - 3 * MINUTE)}), 95.0 (${formatReasonDate(END - 4 * MINUTE)}), 95.0 (${formatReasonDate(END - 5 * MINUTE)})] were greater than the threshold (80.0) (minimum 5 datapoints for OK -> ALARM transition).`,
    );
    expect(JSON.parse(decision.reasonData)).toMatchObject({
      period: 60,
      threshold: 80,
      recentDatapoints: [95, 95, 95, 95, 95],
    });
  });

  it('the period still in progress does not count, and data older than the evaluation range is not used', () => {
    const one = alarm('missing', 1, 1);
    expect(evaluateAlarm(one, [{ at: END, value: 99 }], 'OK', NOW).state).toBe('INSUFFICIENT_DATA');
    expect(evaluateAlarm(one, [{ at: END - 4 * MINUTE, value: 99 }], 'OK', NOW).state).toBe('INSUFFICIENT_DATA');
    expect(evaluateAlarm(one, [{ at: END - 3 * MINUTE, value: 99 }], 'OK', NOW).state).toBe('ALARM');
  });

  it('a less-than alarm (free storage) compares the other way', () => {
    const storage = { ...alarm('missing', 1, 1), comparison: 'LessThanThreshold' as const, threshold: 1000 };
    expect(evaluateAlarm(storage, [{ at: END - MINUTE, value: 999 }], 'OK', NOW).state).toBe('ALARM');
    expect(evaluateAlarm(storage, [{ at: END - MINUTE, value: 1000 }], 'ALARM', NOW).state).toBe('OK');
  });
});
