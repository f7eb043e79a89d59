import { describe, expect, it } from 'vitest';
import { batches, metricQueries, parseQueryId, RDS_METRICS } from '../../../src/services/cloudwatch/rds-metrics.js';

describe('RDS metric queries', () => {
  it('asks for the eight RDS metrics of each instance, averaged per minute, by DBInstanceIdentifier', () => {
    const queries = metricQueries(['shop-staging-db', 'shop-prod-db']);
    expect(queries).toHaveLength(16);
    expect(new Set(queries.map((q) => q.Id)).size).toBe(16);
    for (const q of queries) expect(q.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
    expect(queries.map((q) => q.MetricStat?.Metric?.MetricName).slice(0, 8)).toEqual([
      'CPUUtilization',
      'DatabaseConnections',
      'FreeStorageSpace',
      'FreeableMemory',
      'ReadIOPS',
      'WriteIOPS',
      'ReadLatency',
      'WriteLatency',
    ]);
    expect(queries[9]).toMatchObject({
      MetricStat: {
        Metric: {
          Namespace: 'AWS/RDS',
          MetricName: 'DatabaseConnections',
          Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'shop-prod-db' }],
        },
        Period: 60,
        Stat: 'Average',
      },
      ReturnData: true,
    });
  });

  it('reads a query id back to its instance and metric', () => {
    const [query] = metricQueries(['a', 'b']).slice(14);
    expect(parseQueryId(query!.Id!)).toEqual({ instance: 1, spec: RDS_METRICS[6] });
    expect(parseQueryId('other')).toBeUndefined();
  });

  it('converts seconds of latency to milliseconds and leaves bytes, percent and counts alone', () => {
    const convert = Object.fromEntries(RDS_METRICS.map((s) => [s.name, s.convert(0.0042)]));
    expect(convert.ReadLatency).toBeCloseTo(4.2);
    expect(convert.WriteLatency).toBeCloseTo(4.2);
    expect(convert.FreeStorageSpace).toBe(0.0042);
    expect(convert.CPUUtilization).toBe(0.0042);
  });

  it('splits more than 500 queries into requests of at most 500', () => {
    const queries = metricQueries(Array.from({ length: 70 }, (_, i) => `db-${i}`));
    expect(batches(queries).map((b) => b.length)).toEqual([500, 60]);
    expect(batches(metricQueries(['one'])).map((b) => b.length)).toEqual([8]);
  });
});
