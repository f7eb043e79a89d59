// Alarms and RDS datapoints shaped like a real account's, for tests against the CloudWatch test server.
import type { CompositeAlarm, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchTestServer } from './server.js';

export function rdsAlarm(name: string, instance: string, overrides: Partial<MetricAlarm> = {}): MetricAlarm {
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${name}`,
    ActionsEnabled: true,
    StateValue: 'OK',
    StateReason: 'Threshold Crossed: 5 datapoints were not greater than the threshold (80.0).',
    StateUpdatedTimestamp: new Date(Date.UTC(2026, 10, 26, 8, 0)),
    StateTransitionedTimestamp: new Date(Date.UTC(2026, 10, 26, 8, 0)),
    MetricName: 'CPUUtilization',
    Namespace: 'AWS/RDS',
    Statistic: 'Average',
    Dimensions: [{ Name: 'DBInstanceIdentifier', Value: instance }],
    Period: 60,
    EvaluationPeriods: 5,
    DatapointsToAlarm: 5,
    Threshold: 80,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'missing',
    ...overrides,
  };
}

export function compositeAlarm(name: string, rule: string, overrides: Partial<CompositeAlarm> = {}): CompositeAlarm {
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${name}`,
    ActionsEnabled: true,
    AlarmRule: rule,
    StateValue: 'OK',
    StateReason: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x transitioned to OK',
    StateUpdatedTimestamp: new Date(Date.UTC(2026, 10, 26, 8, 0)),
    StateTransitionedTimestamp: new Date(Date.UTC(2026, 10, 26, 8, 0)),
    ...overrides,
  };
}

export const RDS_METRIC_NAMES = [
  'CPUUtilization',
  'DatabaseConnections',
  'FreeStorageSpace',
  'FreeableMemory',
  'ReadIOPS',
  'WriteIOPS',
  'ReadLatency',
  'WriteLatency',
] as const;

/** One datapoint a minute for each RDS metric of `instance` in [from, to), from `value`. */
export function seedRds(
  server: CloudWatchTestServer,
  instance: string,
  from: number,
  to: number,
  value: (metric: (typeof RDS_METRIC_NAMES)[number], at: number) => number,
): void {
  for (const metric of RDS_METRIC_NAMES) {
    const points = [];
    for (let at = from; at < to; at += 60_000) points.push({ at, value: value(metric, at) });
    server.metrics.put('AWS/RDS', metric, { DBInstanceIdentifier: instance }, points);
  }
}
