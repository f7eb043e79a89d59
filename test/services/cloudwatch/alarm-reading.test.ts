import { describe, expect, it } from 'vitest';
import {
  evaluatedValue,
  formatMetricValue,
  readCompositeAlarm,
  readMetricAlarm,
} from '../../../src/services/cloudwatch/alarm-reading.js';
import { compositeAlarm, rdsAlarm } from '../../cloudwatch-server/fixtures.js';

const REASON_DATA = JSON.stringify({
  version: '1.0',
  queryDate: '2026-11-26T08:59:10.000+0000',
  statistic: 'Average',
  period: 60,
  recentDatapoints: [81.2, 85.6, 91.04],
  threshold: 80.0,
});

describe('reading a CloudWatch alarm', () => {
  it('a metric alarm gives its threshold and comparison in words, the newest evaluated value and its instance', () => {
    const reading = readMetricAlarm(
      rdsAlarm('shop-prod-cpu', 'shop-prod-db', {
        StateValue: 'ALARM',
        StateReason: 'Threshold Crossed: 5 datapoints [91.04, 85.6, 81.2] were greater than the threshold (80.0).',
        StateReasonData: REASON_DATA,
        StateTransitionedTimestamp: new Date(Date.UTC(2026, 10, 26, 8, 59)),
        StateUpdatedTimestamp: new Date(Date.UTC(2026, 10, 26, 8, 59, 30)),
      }),
    );
    expect(reading).toEqual({
      name: 'shop-prod-cpu',
      kind: 'metric',
      state: 'ALARM',
      reason: 'Threshold Crossed: 5 datapoints [91.04, 85.6, 81.2] were greater than the threshold (80.0).',
      changedAt: Date.UTC(2026, 10, 26, 8, 59),
      threshold: 'CPUUtilization > 80% for 5 of 5 × 1m',
      value: '91%',
      instances: ['shop-prod-db'],
    });
  });

  it('shows storage thresholds in GiB and latency thresholds in ms', () => {
    const storage = readMetricAlarm(
      rdsAlarm('disk', 'db', {
        MetricName: 'FreeStorageSpace',
        Threshold: 10737418240,
        ComparisonOperator: 'LessThanThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        Period: 300,
      }),
    );
    expect(storage.threshold).toBe('FreeStorageSpace < 10 GiB for 2 of 3 × 5m');
    const latency = readMetricAlarm(
      rdsAlarm('slow', 'db', {
        MetricName: 'ReadLatency',
        Threshold: 0.025,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
    expect(latency.threshold).toBe('ReadLatency >= 25 ms for 5 of 5 × 1m');
  });

  it('an alarm without datapoints says so, and INSUFFICIENT_DATA keeps its name', () => {
    const reading = readMetricAlarm(
      rdsAlarm('quiet', 'db', {
        StateValue: 'INSUFFICIENT_DATA',
        StateReason: 'Insufficient Data: 5 datapoints were unknown.',
      }),
    );
    expect(reading).toMatchObject({ state: 'INSUFFICIENT_DATA', value: 'no data' });
  });

  it('an alarm on metric math names the returned query and its instances', () => {
    const reading = readMetricAlarm(
      rdsAlarm('conn-share', 'ignored', {
        MetricName: undefined,
        Namespace: undefined,
        Dimensions: undefined,
        Period: undefined,
        Statistic: undefined,
        Threshold: 80,
        Metrics: [
          {
            Id: 'm1',
            ReturnData: false,
            MetricStat: {
              Metric: {
                Namespace: 'AWS/RDS',
                MetricName: 'DatabaseConnections',
                Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'shop-prod-db' }],
              },
              Period: 60,
              Stat: 'Maximum',
            },
          },
          { Id: 'e1', Expression: 'm1 / 100 * 100', Label: 'connections %', ReturnData: true, Period: 60 },
        ],
      }),
    );
    expect(reading.threshold).toBe('connections % > 80 for 5 of 5 × 1m');
    expect(reading.instances).toEqual(['shop-prod-db']);
  });

  it('a composite alarm gives its rule as the threshold', () => {
    const reading = readCompositeAlarm(
      compositeAlarm('shop-prod-health', 'ALARM("shop-prod-cpu") OR ALARM("shop-prod-disk")', {
        StateValue: 'ALARM',
        StateReason: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-cpu transitioned to ALARM',
      }),
    );
    expect(reading).toMatchObject({
      kind: 'composite',
      state: 'ALARM',
      threshold: 'ALARM("shop-prod-cpu") OR ALARM("shop-prod-disk")',
      value: 'in alarm',
      instances: [],
    });
  });

  it('strips terminal control sequences from what AWS sends', () => {
    const reading = readMetricAlarm(
      rdsAlarm('x', 'db', { StateReason: 'bad\u001b[2J\u001b]0;owned\u0007 reason\nnext' }),
    );
    expect(reading.reason).toBe('bad reason next');
  });
});

describe('alarm values', () => {
  it('reads the newest recent datapoint, else the evaluated one, and survives malformed data', () => {
    expect(evaluatedValue(REASON_DATA)).toBe(91.04);
    expect(evaluatedValue(JSON.stringify({ evaluatedDatapoints: [{ timestamp: 't', value: 7 }] }))).toBe(7);
    expect(evaluatedValue('{not json')).toBeUndefined();
    expect(evaluatedValue(undefined)).toBeUndefined();
  });

  it('formats by metric first, then by unit', () => {
    expect(formatMetricValue('FreeableMemory', undefined, 1610612736)).toBe('1.5 GiB');
    expect(formatMetricValue('WriteLatency', undefined, 0.0004)).toBe('0.4 ms');
    expect(formatMetricValue(undefined, 'Percent', 7.25)).toBe('7.3%');
    expect(formatMetricValue('DatabaseConnections', 'Count', 1200)).toBe('1,200');
  });
});
