// A CloudWatch alarm (metric or composite, as DescribeAlarms returns it) read into what the deck
// shows: its state, the reason CloudWatch gives, the threshold and comparison in words, and the
// latest value it evaluated. Pure.
import type { CompositeAlarm, MetricAlarm, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { formatDuration, formatNumber } from '../../alerts/format-alert.js';
import { formatBytes, formatMs, formatPercent } from '../../domain/database-units.js';
import { sanitizeLine } from '../../logs/sanitize.js';
import { RDS_DIMENSION } from './rds-metrics.js';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmReading {
  name: string;
  kind: 'metric' | 'composite';
  state: AlarmState;
  /** CloudWatch's StateReason, stripped of control characters. */
  reason: string;
  /** When the alarm last changed state, epoch ms. */
  changedAt: number;
  /** e.g. 'CPUUtilization > 80% for 5 of 5 × 1m', or a composite's rule. */
  threshold: string;
  /** The newest evaluated datapoint in words, or what the state says when there is none. */
  value: string;
  /** The DBInstanceIdentifier the alarm watches, when it names one. */
  instances: string[];
}

const REASON_LIMIT = 500;
const RULE_LIMIT = 200;

const COMPARISON: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside the band',
  LessThanLowerThreshold: 'below the band',
  GreaterThanUpperThreshold: 'above the band',
};

function clip(text: string, limit: number): string {
  const clean = sanitizeLine(text).trim();
  return clean.length > limit ? `${clean.slice(0, limit - 1)}…` : clean;
}

function state(value: string | undefined): AlarmState {
  return value === 'ALARM' || value === 'OK' ? value : 'INSUFFICIENT_DATA';
}

/** A value of `metric` (in CloudWatch's `unit`) in the deck's words: RDS sizes in GiB, latency in ms. */
export function formatMetricValue(metric: string | undefined, unit: string | undefined, value: number): string {
  if (metric === 'FreeStorageSpace' || metric === 'FreeableMemory' || unit === 'Bytes') return formatBytes(value);
  if (metric === 'ReadLatency' || metric === 'WriteLatency' || unit === 'Seconds') return formatMs(value * 1000);
  if (metric === 'CPUUtilization' || unit === 'Percent') return formatPercent(value);
  return formatNumber(value);
}

/** The newest datapoint CloudWatch evaluated, from StateReasonData (JSON, optional, its shape not guaranteed). */
export function evaluatedValue(stateReasonData: string | undefined): number | undefined {
  if (!stateReasonData) return undefined;
  try {
    const data = JSON.parse(stateReasonData) as { recentDatapoints?: unknown; evaluatedDatapoints?: unknown };
    const recent = Array.isArray(data.recentDatapoints) ? data.recentDatapoints : [];
    const last = recent[recent.length - 1];
    if (typeof last === 'number' && Number.isFinite(last)) return last;
    const evaluated = Array.isArray(data.evaluatedDatapoints) ? data.evaluatedDatapoints : [];
    const first = evaluated[0] as { value?: unknown } | undefined;
    return typeof first?.value === 'number' && Number.isFinite(first.value) ? first.value : undefined;
  } catch {
    return undefined;
  }
}

function dimensionValues(dimensions: ReadonlyArray<{ Name?: string; Value?: string }> | undefined): string[] {
  return (dimensions ?? []).filter((d) => d.Name === RDS_DIMENSION && d.Value).map((d) => d.Value!);
}

/** The metric an alarm on metric math names: the query whose result it returns. */
function returnedQuery(metrics: readonly MetricDataQuery[] | undefined): MetricDataQuery | undefined {
  return metrics?.find((m) => m.ReturnData !== false && m.Id !== undefined) ?? metrics?.[0];
}

function stateText(s: AlarmState): string {
  return s === 'INSUFFICIENT_DATA' ? 'no data' : s === 'ALARM' ? 'in alarm' : 'ok';
}

export function readMetricAlarm(alarm: MetricAlarm): AlarmReading {
  const s = state(alarm.StateValue);
  const query = returnedQuery(alarm.Metrics);
  const metricName = alarm.MetricName ?? query?.MetricStat?.Metric?.MetricName;
  const shownMetric = metricName ?? query?.Label ?? query?.Expression ?? query?.Id ?? 'metric';
  const unit = alarm.Unit ?? query?.MetricStat?.Unit;
  const comparison = COMPARISON[alarm.ComparisonOperator ?? ''] ?? alarm.ComparisonOperator ?? '?';
  const limit =
    alarm.Threshold !== undefined
      ? ` ${formatMetricValue(metricName, unit, alarm.Threshold)}`
      : alarm.ThresholdMetricId
        ? ` (${alarm.ThresholdMetricId})`
        : '';
  const periodSeconds = alarm.Period ?? query?.MetricStat?.Period ?? query?.Period;
  const periods = alarm.EvaluationPeriods ?? 1;
  const window = `for ${alarm.DatapointsToAlarm ?? periods} of ${periods}${periodSeconds ? ` × ${formatDuration(periodSeconds * 1000)}` : ''}`;
  const evaluated = evaluatedValue(alarm.StateReasonData);
  const instances = [
    ...dimensionValues(alarm.Dimensions),
    ...(alarm.Metrics ?? []).flatMap((m) => dimensionValues(m.MetricStat?.Metric?.Dimensions)),
  ];
  return {
    name: alarm.AlarmName ?? '',
    kind: 'metric',
    state: s,
    reason: clip(alarm.StateReason ?? '', REASON_LIMIT),
    changedAt: (alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp)?.getTime() ?? 0,
    threshold: clip(`${shownMetric} ${comparison}${limit} ${window}`, RULE_LIMIT),
    value: evaluated === undefined ? stateText(s) : formatMetricValue(metricName, unit, evaluated),
    instances: [...new Set(instances)],
  };
}

export function readCompositeAlarm(alarm: CompositeAlarm): AlarmReading {
  const s = state(alarm.StateValue);
  return {
    name: alarm.AlarmName ?? '',
    kind: 'composite',
    state: s,
    reason: clip(alarm.StateReason ?? '', REASON_LIMIT),
    changedAt: (alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp)?.getTime() ?? 0,
    threshold: clip(alarm.AlarmRule ?? 'composite alarm', RULE_LIMIT),
    value: stateText(s),
    instances: [],
  };
}
