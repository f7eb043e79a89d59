// How a CloudWatch metric alarm decides its state, as pure functions. Each evaluation looks at
// the evaluation range: the last EvaluationPeriods + 2 complete periods. With at least
// EvaluationPeriods real datapoints there, the most recent of them decide (DatapointsToAlarm of
// them breaching means ALARM, fewer means OK) and missing data does not matter. With fewer, the
// missing ones are filled in as TreatMissingData says: breaching, notBreaching, missing (not
// counted against ALARM, so all-breaching real points still alarm; all missing gives
// INSUFFICIENT_DATA) or ignore (the state stays unless the real points decide it either way).
// That reproduces the table in "Configuring how CloudWatch alarms treat missing data".
import type { ComparisonOperator, StateValue, TreatMissingData } from './alarm-types.js';
import type { Datapoint } from './metric-store.js';

export interface EvaluatedAlarm {
  evaluationPeriods: number;
  datapointsToAlarm: number;
  periodSeconds: number;
  threshold: number;
  comparison: ComparisonOperator;
  treatMissingData: TreatMissingData;
  statistic: string;
}

export interface AlarmDecision {
  state: StateValue;
  reason: string;
  reasonData: string;
}

/** Extra periods CloudWatch reads beyond EvaluationPeriods to look past missing data. */
export const EXTRA_PERIODS = 2;

export function breaches(value: number, alarm: Pick<EvaluatedAlarm, 'comparison' | 'threshold'>): boolean {
  switch (alarm.comparison) {
    case 'GreaterThanThreshold':
      return value > alarm.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= alarm.threshold;
    case 'LessThanThreshold':
      return value < alarm.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= alarm.threshold;
  }
}

const WORDS: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/**
 * The alarm's state at `now`, given its metric's per-period values (period start times, any
 * order) and its current state. Returns the current state when nothing moves it.
 */
export function evaluateAlarm(
  alarm: EvaluatedAlarm,
  periodValues: readonly Datapoint[],
  current: StateValue,
  now: number,
): AlarmDecision {
  const periodMs = alarm.periodSeconds * 1000;
  const end = Math.floor(now / periodMs) * periodMs;
  const slots = alarm.evaluationPeriods + EXTRA_PERIODS;
  const rangeStart = end - slots * periodMs;
  const byStart = new Map(periodValues.map((p) => [p.at, p.value]));
  // Newest first.
  const present: Datapoint[] = [];
  for (let i = 1; i <= slots; i++) {
    const at = end - i * periodMs;
    const value = byStart.get(at);
    if (value !== undefined) present.push({ at, value });
  }
  const n = alarm.evaluationPeriods;
  const m = alarm.datapointsToAlarm;
  const evaluated = present.slice(0, n);
  const breaching = evaluated.filter((p) => breaches(p.value, alarm)).length;
  const missing = n - evaluated.length;
  const data = (state: StateValue, reason: string): AlarmDecision => ({
    state,
    reason,
    reasonData: reasonData(alarm, now, rangeStart, evaluated),
  });

  if (evaluated.length === 0) {
    switch (alarm.treatMissingData) {
      case 'missing':
        return data('INSUFFICIENT_DATA', `Insufficient Data: ${n} datapoint${n === 1 ? ' was' : 's were'} unknown.`);
      case 'ignore':
        return data(current, `Missing data ignored: the alarm stays ${current}.`);
      case 'breaching':
        return data('ALARM', thresholdReason(alarm, 'ALARM', n, [], missing));
      case 'notBreaching':
        return data('OK', thresholdReason(alarm, 'OK', n, [], missing));
    }
  }
  let alarmCount = breaching;
  if (missing > 0 && (alarm.treatMissingData === 'breaching' || alarm.treatMissingData === 'missing'))
    alarmCount += missing;
  if (alarm.treatMissingData === 'ignore' && missing > 0 && breaching < m && evaluated.length - breaching <= n - m) {
    return data(
      current,
      `Missing data ignored: ${evaluated.length} of ${n} datapoints known; the alarm stays ${current}.`,
    );
  }
  const state: StateValue = alarmCount >= m ? 'ALARM' : 'OK';
  return data(state, thresholdReason(alarm, state, n, evaluated, missing));
}

function thresholdReason(
  alarm: EvaluatedAlarm,
  state: 'ALARM' | 'OK',
  n: number,
  evaluated: readonly Datapoint[],
  missing: number,
): string {
  const matching = evaluated.filter((p) => breaches(p.value, alarm) === (state === 'ALARM'));
  const count = matching.length + (state === 'ALARM' && alarm.treatMissingData !== 'notBreaching' ? missing : 0);
  const list = matching.map((p) => `${formatNumber(p.value)} (${formatReasonDate(p.at)})`).join(', ');
  const verb = count === 1 ? 'was' : 'were';
  const words = `${state === 'ALARM' ? '' : 'not '}${WORDS[alarm.comparison]}`;
  const transition =
    state === 'ALARM'
      ? `(minimum ${alarm.datapointsToAlarm} datapoint${alarm.datapointsToAlarm === 1 ? '' : 's'} for OK -> ALARM transition)`
      : '(minimum 1 datapoint for ALARM -> OK transition)';
  const missingNote = missing > 0 ? `, ${missing} missing treated as ${alarm.treatMissingData}` : '';
  return `Threshold Crossed: ${count} out of the last ${n} datapoints [${list}]${missingNote} ${verb} ${words} the threshold (${formatNumber(alarm.threshold)}) ${transition}.`;
}

function reasonData(alarm: EvaluatedAlarm, now: number, start: number, evaluated: readonly Datapoint[]): string {
  return JSON.stringify({
    version: '1.0',
    queryDate: isoWithOffset(now),
    startDate: isoWithOffset(start),
    statistic: alarm.statistic,
    period: alarm.periodSeconds,
    recentDatapoints: [...evaluated].reverse().map((p) => p.value),
    threshold: alarm.threshold,
    evaluatedDatapoints: evaluated.map((p) => ({ timestamp: isoWithOffset(p.at), sampleCount: 1, value: p.value })),
  });
}

/** Java's way with doubles, as CloudWatch prints them: 80.0, 12.5. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(Number(value.toFixed(6)));
}

/** dd/MM/yy HH:mm:ss in UTC, as in CloudWatch's state reasons. */
export function formatReasonDate(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function isoWithOffset(at: number): string {
  return new Date(at).toISOString().replace('Z', '+0000');
}
