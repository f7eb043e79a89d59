import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compositeAlarm, rdsAlarm } from './fixtures.js';
import { createCloudWatchTestServer, type CloudWatchTestServer } from './index.js';

let server: CloudWatchTestServer;
let client: CloudWatchClient;

beforeEach(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  server = await createCloudWatchTestServer({ metricPageSize: 4 });
  client = new CloudWatchClient({
    region: server.region,
    endpoint: server.url,
    credentials: server.credentials,
    maxAttempts: 1,
  });
});

afterEach(async () => {
  client.destroy();
  await server.close();
});

const cpu = (id: string, instance: string): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/RDS',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: instance }],
    },
    Period: 60,
    Stat: 'Average',
  },
});

const T0 = Date.UTC(2026, 10, 26, 8, 0);

describe('CloudWatch test server', () => {
  it('receives AWS JSON 1.0 from the SDK: POST /, x-amz-target, SigV4 with the monitoring scope', async () => {
    await client.send(new DescribeAlarmsCommand({}));
    const [request] = server.requests.log;
    expect(request?.status).toBe(200);
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request?.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.DescribeAlarms');
    expect(String(request?.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIATESTCLOUDWATCH01\/\d{8}\/eu-west-1\/monitoring\/aws4_request, /,
    );
  });

  it('averages datapoints per period and pages them with NextToken, PartialData until the last page', async () => {
    const points = [0, 1, 2, 3, 4, 5].map((m) => ({ at: T0 + m * 60_000, value: m * 10 }));
    server.metrics.put('AWS/RDS', 'CPUUtilization', { DBInstanceIdentifier: 'db-a' }, points);
    server.metrics.put('AWS/RDS', 'CPUUtilization', { DBInstanceIdentifier: 'db-a' }, [{ at: T0 + 30_000, value: 20 }]);
    const input = {
      MetricDataQueries: [cpu('a', 'db-a'), cpu('b', 'db-none')],
      StartTime: new Date(T0),
      EndTime: new Date(T0 + 10 * 60_000),
      ScanBy: 'TimestampAscending' as const,
    };
    const first = await client.send(new GetMetricDataCommand(input));
    expect(first.MetricDataResults?.[0]).toMatchObject({
      Id: 'a',
      StatusCode: 'PartialData',
      Values: [10, 10, 20, 30],
    });
    expect(first.NextToken).toBeTruthy();
    const second = await client.send(new GetMetricDataCommand({ ...input, NextToken: first.NextToken }));
    expect(second.MetricDataResults).toEqual([
      expect.objectContaining({ Id: 'a', StatusCode: 'Complete', Values: [40, 50] }),
    ]);
    expect(first.MetricDataResults?.find((r) => r.Id === 'b')).toMatchObject({ StatusCode: 'Complete', Values: [] });
    expect(second.NextToken).toBeUndefined();
    expect(second.MetricDataResults?.[0]?.Timestamps?.[0]).toEqual(new Date(T0 + 4 * 60_000));
  });

  it('answers a NextToken from another request with InvalidNextToken', async () => {
    const error = await client
      .send(
        new GetMetricDataCommand({
          MetricDataQueries: [cpu('a', 'db-a')],
          StartTime: new Date(T0),
          EndTime: new Date(T0 + 60_000),
          NextToken: 'bm90LWEtdG9rZW4',
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidNextToken', $metadata: { httpStatusCode: 400 } });
  });

  it('lists metric alarms only unless AlarmTypes asks for composite ones too, and pages by MaxRecords', async () => {
    server.alarms.putMetricAlarm(rdsAlarm('shop-cpu', 'db-a'));
    server.alarms.putMetricAlarm(rdsAlarm('shop-disk', 'db-a'));
    server.alarms.putCompositeAlarm(compositeAlarm('shop-health', 'ALARM("shop-cpu") OR ALARM("shop-disk")'));
    server.alarms.putMetricAlarm(rdsAlarm('other-cpu', 'db-b'));
    const metricOnly = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'shop-' }));
    expect(metricOnly.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['shop-cpu', 'shop-disk']);
    expect(metricOnly.CompositeAlarms).toEqual([]);

    const both = {
      AlarmNamePrefix: 'shop-',
      AlarmTypes: ['MetricAlarm' as const, 'CompositeAlarm' as const],
      MaxRecords: 2,
    };
    const page1 = await client.send(new DescribeAlarmsCommand(both));
    const page2 = await client.send(new DescribeAlarmsCommand({ ...both, NextToken: page1.NextToken }));
    expect(page1.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['shop-cpu', 'shop-disk']);
    expect(page2.CompositeAlarms?.map((a) => a.AlarmName)).toEqual(['shop-health']);
    expect(page2.CompositeAlarms?.[0]?.StateUpdatedTimestamp).toEqual(new Date(Date.UTC(2026, 10, 26, 8, 0)));
    expect(page2.NextToken).toBeUndefined();
  });

  it('refuses AlarmNames with AlarmNamePrefix, as the service does', async () => {
    const error = await client
      .send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidParameterCombinationException', $metadata: { httpStatusCode: 400 } });
  });

  it('injects Throttling (400), a 500 and expired credentials in the shapes the SDK decodes', async () => {
    server.failNext('DescribeAlarms', 'throttle');
    server.failNext('DescribeAlarms', '500');
    const throttled = await client.send(new DescribeAlarmsCommand({})).catch((e: unknown) => e);
    expect(throttled).toMatchObject({ name: 'Throttling', $metadata: { httpStatusCode: 400 } });
    expect(server.requests.log.at(-1)?.error).toBe('Throttling');
    const failed = await client.send(new DescribeAlarmsCommand({})).catch((e: unknown) => e);
    expect(failed).toMatchObject({
      name: 'InternalServiceFault',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
    server.expireCredentials(server.credentials.accessKeyId);
    const expired = await client.send(new DescribeAlarmsCommand({})).catch((e: unknown) => e);
    expect(expired).toMatchObject({
      name: 'ExpiredToken',
      message: 'The security token included in the request is expired',
    });
    expect(server.requests.count).toBe(3);
  });

  it('refuses a request signed with the wrong secret as SignatureDoesNotMatch, and an unknown key', async () => {
    const wrong = new CloudWatchClient({
      region: server.region,
      endpoint: server.url,
      credentials: { ...server.credentials, secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
    });
    const mismatch = await wrong.send(new DescribeAlarmsCommand({})).catch((e: unknown) => e);
    expect(mismatch).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    const stranger = new CloudWatchClient({
      region: server.region,
      endpoint: server.url,
      credentials: { accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const unknown = await stranger.send(new DescribeAlarmsCommand({})).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    wrong.destroy();
    stranger.destroy();
  });
});
