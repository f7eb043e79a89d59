// The engine's CloudWatch API driven by the real @aws-sdk/client-cloudwatch, and by the deck's
// own request functions: signatures checked (a wrong key is refused), GetMetricData values and
// paging, DescribeAlarms with NextToken, DescribeAlarmHistory after alarms changed state.
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmBook } from '../../../src/engine/cloudwatch/alarm-book.js';
import { startCloudWatchServer, type CloudWatchServer } from '../../../src/engine/cloudwatch/cloudwatch-server.js';
import { defaultAlarms } from '../../../src/engine/cloudwatch/default-alarms.js';
import { MetricStore } from '../../../src/engine/cloudwatch/metric-store.js';
import { describeAllAlarms, fetchMetricData } from '../../../src/services/cloudwatch/cloudwatch-requests.js';
import { metricQueries } from '../../../src/services/cloudwatch/rds-metrics.js';

const MINUTE = 60_000;
const NOW = Date.now();
const END = Math.floor(NOW / MINUTE) * MINUTE;
const KEY = { accessKeyId: 'AKIAENGINETEST000001', secretAccessKey: 'engine/test/secret+key' };
const REGION = 'us-east-1';

let server: CloudWatchServer;
let store: MetricStore;
let alarms: AlarmBook;

function client(key = KEY): CloudWatchClient {
  return new CloudWatchClient({ region: REGION, endpoint: server.url, credentials: key, maxAttempts: 1 });
}

const rds = (name: string, instance: string) => ({
  namespace: 'AWS/RDS',
  name,
  dimensions: { DBInstanceIdentifier: instance },
});

beforeAll(async () => {
  store = new MetricStore();
  alarms = new AlarmBook(REGION);
  // 3 hours of minutes for shop-staging-db: CPU climbing, 12 connections; high CPU for the last 6.
  for (let i = 180; i >= 1; i--) {
    const at = END - i * MINUTE;
    store.put(rds('CPUUtilization', 'shop-staging-db'), { at, value: i <= 6 ? 95 : 10 }, NOW);
    store.put(rds('DatabaseConnections', 'shop-staging-db'), { at, value: 12 }, NOW);
  }
  for (const instance of ['shop-staging-db', 'shop-production-db'])
    for (const a of defaultAlarms(instance, { maxConnections: 100, storageBytes: 10_000 }))
      alarms.define(a, NOW - 10 * MINUTE);
  alarms.evaluate(store, NOW);
  server = await startCloudWatchServer({ region: REGION, key: KEY, store, alarms });
});

afterAll(async () => {
  await server.close();
});

describe("the engine's CloudWatch API", () => {
  it('answers GetMetricData for RDS metrics per minute, oldest first when asked', async () => {
    const out = await client().send(
      new GetMetricDataCommand({
        StartTime: new Date(END - 10 * MINUTE),
        EndTime: new Date(END),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 'cpu',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/RDS',
                MetricName: 'CPUUtilization',
                Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'shop-staging-db' }],
              },
              Period: 60,
              Stat: 'Average',
            },
          },
        ],
      }),
    );
    const result = out.MetricDataResults![0]!;
    expect(result).toMatchObject({ Id: 'cpu', Label: 'CPUUtilization', StatusCode: 'Complete' });
    expect(result.Values).toEqual([10, 10, 10, 10, 95, 95, 95, 95, 95, 95]);
    expect(result.Timestamps!.map((t) => t.getTime())).toEqual(
      Array.from({ length: 10 }, (_, i) => END - (10 - i) * MINUTE),
    );
  });

  it("the deck's own requests read 3 hours of every metric through NextToken pages", async () => {
    const queries = metricQueries(['shop-staging-db', 'shop-production-db']);
    let requests = 0;
    const answers = await fetchMetricData(
      client(),
      queries,
      { start: END - 180 * MINUTE, end: END + MINUTE },
      () => requests++,
    );
    expect(requests).toBe(1);
    expect(answers.get('db0_cpu')!.points).toHaveLength(180);
    expect(answers.get('db0_conn')!.points.every((p) => p.value === 12)).toBe(true);
    expect(answers.get('db1_cpu')!.points).toEqual([]);
    let token: string | undefined;
    let pages = 0;
    let values = 0;
    do {
      const page = await client().send(
        new GetMetricDataCommand({
          StartTime: new Date(END - 180 * MINUTE),
          EndTime: new Date(END),
          MaxDatapoints: 100,
          MetricDataQueries: queries.slice(0, 2),
          NextToken: token,
        }),
      );
      if (pages === 0) expect(page.MetricDataResults![0]).toMatchObject({ Id: 'db0_cpu', StatusCode: 'PartialData' });
      values += page.MetricDataResults!.reduce((n, r) => n + (r.Values?.length ?? 0), 0);
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(4);
    expect(values).toBe(360);
  });

  it('lists the default alarms with NextToken paging, metric alarms only unless composite ones are asked for', async () => {
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await client().send(new DescribeAlarmsCommand({ MaxRecords: 4, NextToken: token }));
      names.push(...out.MetricAlarms!.map((a) => a.AlarmName!));
      expect(out.CompositeAlarms ?? []).toEqual([]);
      token = out.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(names).toEqual([
      'shop-production-db-connections-high',
      'shop-production-db-cpu-high',
      'shop-production-db-storage-low',
      'shop-staging-db-connections-high',
      'shop-staging-db-cpu-high',
      'shop-staging-db-storage-low',
    ]);
    const list = await describeAllAlarms(client(), { prefix: 'shop-staging-db-' }, () => undefined);
    const cpu = list.metric.find((a) => a.AlarmName === 'shop-staging-db-cpu-high')!;
    expect(cpu).toMatchObject({
      StateValue: 'ALARM',
      MetricName: 'CPUUtilization',
      Namespace: 'AWS/RDS',
      Threshold: 80,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 5,
      DatapointsToAlarm: 5,
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'shop-staging-db' }],
    });
    expect(cpu.StateReason).toMatch(/^Threshold Crossed: 5 out of the last 5 datapoints/);
    expect(list.metric.find((a) => a.AlarmName === 'shop-staging-db-connections-high')!.StateValue).toBe('OK');
    expect(list.metric.find((a) => a.AlarmName === 'shop-staging-db-connections-high')!.Threshold).toBe(80);
    // No storage data for staging, nothing at all for production: INSUFFICIENT_DATA.
    expect(list.metric.find((a) => a.AlarmName === 'shop-staging-db-storage-low')!.StateValue).toBe(
      'INSUFFICIENT_DATA',
    );
  });

  it('keeps the state history DescribeAlarmHistory reads', async () => {
    const out = await client().send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'shop-staging-db-cpu-high', HistoryItemType: 'StateUpdate' }),
    );
    expect(out.AlarmHistoryItems!.map((h) => h.HistorySummary)).toEqual([
      'Alarm updated from INSUFFICIENT_DATA to ALARM',
    ]);
    const data = JSON.parse(out.AlarmHistoryItems![0]!.HistoryData!) as { newState: { stateValue: string } };
    expect(data.newState.stateValue).toBe('ALARM');
    const all = await client().send(new DescribeAlarmHistoryCommand({ AlarmName: 'shop-staging-db-cpu-high' }));
    expect(all.AlarmHistoryItems!.map((h) => h.HistoryItemType)).toEqual(['StateUpdate', 'ConfigurationUpdate']);
  });

  it('refuses a request signed with a wrong secret or an unknown key, as CloudWatch does', async () => {
    await expect(
      client({ ...KEY, secretAccessKey: 'wrong' }).send(new DescribeAlarmsCommand({})),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    await expect(
      client({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }).send(new DescribeAlarmsCommand({})),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
  });

  it('answers a bad request with a validation error the SDK names', async () => {
    await expect(
      client().send(
        new GetMetricDataCommand({ StartTime: new Date(END), EndTime: new Date(END - MINUTE), MetricDataQueries: [] }),
      ),
    ).rejects.toMatchObject({ Code: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    await expect(client().send(new DescribeAlarmsCommand({ NextToken: 'not-a-token' }))).rejects.toMatchObject({
      name: 'InvalidNextToken',
    });
  });
});
