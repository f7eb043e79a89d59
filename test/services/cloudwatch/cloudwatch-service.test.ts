import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CloudWatchConfig } from '../../../src/config/cloudwatch-schema.js';
import { EXPIRED_LINE, NO_CREDENTIALS_LINE } from '../../../src/services/cloudwatch/cloudwatch-errors.js';
import {
  createCloudWatchService,
  type CloudWatchService,
} from '../../../src/services/cloudwatch/cloudwatch-service.js';
import type { Env } from '../../../src/services/cloudwatch/endpoint.js';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock.js';
import { compositeAlarm, rdsAlarm, seedRds } from '../../cloudwatch-server/fixtures.js';
import { createCloudWatchTestServer, type CloudWatchTestServer } from '../../cloudwatch-server/index.js';

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 26, 9, 0, 30);
const TOP = Date.UTC(2026, 10, 26, 9, 0, 0);

const environments = [
  { name: 'shop-staging', stage: 'staging' },
  { name: 'shop-prod', stage: 'production' },
];
const config: CloudWatchConfig = {
  region: 'eu-west-1',
  rds: { staging: 'shop-staging-db', production: 'shop-prod-db' },
  alarms: { prefix: 'shop-' },
};

let server: CloudWatchTestServer;
let clock: FakeClock;
let env: Env;
const services: CloudWatchService[] = [];

function service(overrides: { config?: CloudWatchConfig; env?: Env; random?: () => number } = {}) {
  const created = createCloudWatchService(overrides.config ?? config, overrides.env ?? env, clock, {
    environments: () => environments,
    instanceRole: false,
    random: overrides.random ?? (() => 0.5),
  });
  services.push(created);
  return created;
}

/** What the SDK sent in the GetMetricData requests, as the server received them. */
function metricRequests() {
  return server.requests.byOperation('GetMetricData').map(
    (r) =>
      r.body as {
        MetricDataQueries: Array<{ Id: string; MetricStat: { Metric: { Dimensions: Array<{ Value: string }> } } }>;
        StartTime: number;
        EndTime: number;
      },
  );
}

beforeEach(async () => {
  server = await createCloudWatchTestServer({ region: 'eu-west-1' });
  clock = createFakeClock(START);
  env = {
    AWS_ACCESS_KEY_ID: server.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_CLOUDWATCH: server.url,
  };
  const value = (metric: string, at: number) => {
    const minute = (at - TOP) / MINUTE;
    if (metric === 'CPUUtilization') return 30 + (((minute % 10) + 10) % 10);
    if (metric === 'DatabaseConnections') return 112;
    if (metric === 'FreeStorageSpace') return 20 * 1024 ** 3;
    if (metric === 'ReadLatency') return 0.0025;
    if (metric === 'WriteLatency') return 0.004;
    return 1000;
  };
  seedRds(server, 'shop-staging-db', TOP - 4 * 60 * MINUTE, TOP + 60 * MINUTE, value);
  seedRds(server, 'shop-prod-db', TOP - 4 * 60 * MINUTE, TOP + 60 * MINUTE, (m, at) => value(m, at) * 2);
});

afterEach(async () => {
  for (const s of services.splice(0)) s.close();
  await server.close();
});

describe('database health from CloudWatch', () => {
  it("reads every environment's eight RDS metrics in one GetMetricData, 3 hours of them, in the deck's units", async () => {
    const cw = service();
    const health = await cw.pollDatabases();
    expect(server.requests.count).toBe(1);
    const [request] = metricRequests();
    expect(request?.MetricDataQueries).toHaveLength(16);
    expect(new Set(request?.MetricDataQueries.map((q) => q.MetricStat.Metric.Dimensions[0]?.Value))).toEqual(
      new Set(['shop-staging-db', 'shop-prod-db']),
    );
    expect(request?.EndTime).toBe(TOP / 1000);
    expect(request?.StartTime).toBe((TOP - 180 * MINUTE) / 1000);

    expect(Object.keys(health).sort()).toEqual(['shop-prod', 'shop-staging']);
    const staging = health['shop-staging']!;
    expect(staging.instance).toBe('shop-staging-db');
    expect(staging.at).toBe(TOP - MINUTE);
    expect(staging.latest).toMatchObject({
      cpuPercent: 39,
      connections: 112,
      freeStorageBytes: 20 * 1024 ** 3,
      readLatencyMs: 2.5,
      writeLatencyMs: 4,
    });
    expect(health['shop-prod']?.latest.connections).toBe(224);
    expect(staging.history.cpuPercent).toHaveLength(180);
    expect(staging.history.cpuPercent[0]?.at).toBe(TOP - 180 * MINUTE);
    expect(cw.status()).toMatchObject({ state: 'ok', requests: 1, lastSuccessAt: START });
  });

  it('asks nothing again within a minute, then only for the minutes since (and a few before), merged', async () => {
    const cw = service();
    await cw.pollDatabases();
    await clock.advance(59_000);
    const early = await cw.pollDatabases();
    expect(server.requests.count).toBe(1);
    expect(early['shop-staging']?.latest.cpuPercent).toBe(39);

    await clock.advance(2 * MINUTE);
    const later = await cw.pollDatabases();
    expect(server.requests.count).toBe(2);
    const second = metricRequests()[1]!;
    expect(second.StartTime).toBe((TOP - 5 * MINUTE) / 1000);
    // 9:00:30 + 59 s + 2 min: the last whole minute ends at 9:03.
    expect(second.EndTime).toBe((TOP + 3 * MINUTE) / 1000);
    expect(later['shop-staging']?.at).toBe(TOP + 2 * MINUTE);
    expect(later['shop-staging']?.latest.cpuPercent).toBe(32);
    expect(later['shop-staging']?.history.cpuPercent).toHaveLength(180);
    expect(cw.nextPollAt().databases).toBe(clock.now() + MINUTE);
  });

  it('follows NextToken pages and joins them', async () => {
    await server.close();
    server = await createCloudWatchTestServer({ region: 'eu-west-1', metricPageSize: 500 });
    seedRds(server, 'shop-staging-db', TOP - 4 * 60 * MINUTE, TOP, () => 7);
    seedRds(server, 'shop-prod-db', TOP - 4 * 60 * MINUTE, TOP, () => 9);
    env = { ...env, AWS_ENDPOINT_URL_CLOUDWATCH: server.url };
    const health = await service().pollDatabases();
    // 16 queries x 180 points = 2,880 datapoints, 500 to a page.
    expect(server.requests.count).toBe(6);
    expect(health['shop-prod']?.history.connections).toHaveLength(180);
    expect(health['shop-staging']?.history.writeLatencyMs.every((p) => p.value === 7000)).toBe(true);
  });

  it('lists the metrics CloudWatch would not let it read, and still shows the others', async () => {
    server.metrics.forbid('AWS/RDS', 'FreeableMemory', { DBInstanceIdentifier: 'shop-prod-db' });
    const cw = service();
    const health = await cw.pollDatabases();
    expect(health['shop-prod']?.latest.freeableMemoryBytes).toBeUndefined();
    expect(health['shop-prod']?.latest.cpuPercent).toBe(78);
    expect(cw.status()).toMatchObject({ state: 'ok', incomplete: ['shop-prod-db FreeableMemory: Forbidden'] });
  });

  it('files a stage key under an environment named as that key', async () => {
    const named = service({ config: { ...config, rds: { 'shop-prod': 'shop-prod-db' } } });
    expect(Object.keys(await named.pollDatabases())).toEqual(['shop-prod']);
  });
});

describe('alarms from CloudWatch', () => {
  beforeEach(() => {
    server.alarms.putMetricAlarm(
      rdsAlarm('shop-prod-cpu', 'shop-prod-db', {
        StateValue: 'ALARM',
        StateReason: 'Threshold Crossed: 5 datapoints [91.0, 88.2] were greater than the threshold (80.0).',
        StateReasonData: JSON.stringify({ version: '1.0', recentDatapoints: [88.2, 91.0], threshold: 80 }),
        StateTransitionedTimestamp: new Date(TOP - 3 * MINUTE),
      }),
    );
    server.alarms.putMetricAlarm(
      rdsAlarm('shop-staging-connections', 'shop-staging-db', {
        MetricName: 'DatabaseConnections',
        StateValue: 'INSUFFICIENT_DATA',
        StateReason: 'Insufficient Data: 5 datapoints were unknown.',
      }),
    );
    server.alarms.putMetricAlarm(rdsAlarm('shop-staging-disk', 'shop-staging-db', { MetricName: 'FreeStorageSpace' }));
    server.alarms.putCompositeAlarm(
      compositeAlarm('shop-production-health', 'ALARM("shop-prod-cpu") OR ALARM("shop-prod-disk")', {
        StateValue: 'ALARM',
        StateReason: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-cpu transitioned to ALARM',
      }),
    );
    server.alarms.putMetricAlarm(rdsAlarm('other-team-cpu', 'other-db', { StateValue: 'ALARM' }));
  });

  it('shows metric and composite alarms with the prefix as alerts: ALARM critical, INSUFFICIENT_DATA a warning', async () => {
    const { alerts, changes } = await service().pollAlarms();
    expect(alerts.map((a) => [a.rule, a.env, a.severity, a.source])).toEqual([
      ['shop-prod-cpu', 'shop-prod', 'critical', 'cloudwatch'],
      ['shop-production-health', 'shop-prod', 'critical', 'cloudwatch'],
      ['shop-staging-connections', 'shop-staging', 'warning', 'cloudwatch'],
    ]);
    expect(alerts[0]).toMatchObject({
      value: '91%',
      threshold: 'CPUUtilization > 80% for 5 of 5 × 1m',
      detail: 'Threshold Crossed: 5 datapoints [91.0, 88.2] were greater than the threshold (80.0).',
      since: TOP - 3 * MINUTE,
    });
    expect(alerts[1]?.threshold).toBe('ALARM("shop-prod-cpu") OR ALARM("shop-prod-disk")');
    expect(changes.map((c) => c.change)).toEqual(['fired', 'fired', 'fired']);
    const [request] = server.requests.byOperation('DescribeAlarms');
    expect(request?.body).toEqual({
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      MaxRecords: 100,
      AlarmNamePrefix: 'shop-',
    });
  });

  it('pages DescribeAlarms with NextToken until the last page', async () => {
    for (let i = 0; i < 230; i++)
      server.alarms.putMetricAlarm(rdsAlarm(`shop-extra-${String(i).padStart(3, '0')}`, 'x'));
    const { alerts } = await service().pollAlarms();
    expect(server.requests.byOperation('DescribeAlarms')).toHaveLength(3);
    expect(alerts.map((a) => a.rule)).toContain('shop-staging-connections');
  });

  it('asks by name when names are configured', async () => {
    const cw = service({ config: { ...config, alarms: { names: ['shop-prod-cpu', 'other-team-cpu'] } } });
    const { alerts } = await cw.pollAlarms();
    expect(alerts.map((a) => [a.rule, a.env])).toEqual([
      ['shop-prod-cpu', 'shop-prod'],
      ['other-team-cpu', 'aws'],
    ]);
    expect(server.requests.byOperation('DescribeAlarms')[0]?.body).toMatchObject({
      AlarmNames: ['shop-prod-cpu', 'other-team-cpu'],
    });
  });

  it('an alarm going back to OK resolves its alert on the next poll, and says so', async () => {
    const cw = service();
    await cw.pollAlarms();
    server.alarms.setState(
      'shop-prod-cpu',
      'OK',
      'Threshold Crossed: 5 datapoints were not greater than the threshold (80.0).',
      new Date(TOP + MINUTE),
    );
    await clock.advance(MINUTE);
    const { alerts, changes } = await cw.pollAlarms();
    expect(changes.map((c) => [c.alert.rule, c.change])).toEqual([['shop-prod-cpu', 'resolved']]);
    expect(alerts.find((a) => a.rule === 'shop-prod-cpu')).toMatchObject({
      state: 'resolved',
      resolvedAt: TOP + MINUTE,
    });
  });

  it('acknowledging and silencing act on the alarm alerts', async () => {
    const cw = service();
    await cw.pollAlarms();
    cw.acknowledgeAlarm('shop-prod-cpu@shop-prod');
    cw.silenceAlarm('shop-staging-connections@shop-staging', 30 * MINUTE);
    await clock.advance(MINUTE);
    const { alerts } = await cw.pollAlarms();
    expect(alerts.find((a) => a.rule === 'shop-prod-cpu')?.state).toBe('acknowledged');
    expect(alerts.find((a) => a.rule === 'shop-staging-connections')?.silencedUntil).toBe(START + 30 * MINUTE);
  });
});

describe('when CloudWatch fails', () => {
  it('backs off after Throttling with jitter, then comes back and the status line clears', async () => {
    const cw = service({ random: () => 0.5 });
    server.failNext('GetMetricData', 'throttle', 2);
    await cw.pollDatabases();
    expect(cw.status()).toMatchObject({
      state: 'problem',
      problem: 'throttled',
      line: 'cloudwatch: throttled by AWS (Throttling), retrying in 1m 15s',
    });
    await clock.advance(74_000);
    await cw.pollDatabases();
    expect(server.requests.count).toBe(1);
    await clock.advance(1_000);
    await cw.pollDatabases();
    expect(server.requests.count).toBe(2);
    // Second failure in a row: 120 s doubled base, +25 % jitter.
    expect(cw.nextPollAt().databases - clock.now()).toBe(150_000);
    await clock.advance(150_000);
    const health = await cw.pollDatabases();
    expect(server.requests.count).toBe(3);
    expect(health['shop-prod']?.latest.connections).toBe(224);
    expect(cw.status()).toMatchObject({ state: 'ok' });
    expect(cw.status().line).toBeUndefined();
  });

  it('a 500 backs off too, keeps what was held and names the status', async () => {
    const cw = service();
    await cw.pollDatabases();
    server.failNext('*', '500');
    await clock.advance(MINUTE);
    const held = await cw.pollDatabases();
    expect(held['shop-staging']?.latest.cpuPercent).toBe(39);
    expect(cw.status().line).toBe('cloudwatch: AWS answered 500 (InternalServiceError), retrying in 1m 15s');
  });

  it('expired credentials give one line; after new credentials the next poll works', async () => {
    const cw = service();
    server.expireCredentials(server.credentials.accessKeyId);
    const health = await cw.pollDatabases();
    const { alerts } = await cw.pollAlarms();
    expect(health['shop-prod']?.latest).toEqual({});
    expect(alerts).toEqual([]);
    expect(cw.status()).toMatchObject({ state: 'problem', problem: 'expired', line: EXPIRED_LINE });

    const fresh = { accessKeyId: 'AKIAFRESHCREDENTIALS', secretAccessKey: 'fresh-secret' };
    server.addCredentials(fresh);
    Object.assign(env, { AWS_ACCESS_KEY_ID: fresh.accessKeyId, AWS_SECRET_ACCESS_KEY: fresh.secretAccessKey });
    await clock.advance(MINUTE);
    expect((await cw.pollDatabases())['shop-prod']?.latest.connections).toBe(224);
    await cw.pollAlarms();
    expect(cw.status()).toMatchObject({ state: 'ok' });
  });

  it('no credentials: one line, no request sent, and nothing thrown', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-noaws-'));
    try {
      const cw = service({
        env: {
          AWS_ENDPOINT_URL_CLOUDWATCH: server.url,
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
          AWS_CONFIG_FILE: path.join(home, 'config'),
        },
      });
      await expect(cw.pollDatabases()).resolves.toMatchObject({ 'shop-prod': { instance: 'shop-prod-db' } });
      await expect(cw.pollAlarms()).resolves.toEqual({ alerts: [], changes: [] });
      expect(cw.status()).toMatchObject({ state: 'problem', line: NO_CREDENTIALS_LINE, requests: 0 });
      expect(server.requests.log).toHaveLength(0);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('a wrong secret is refused by the signature check and reported without the secret', async () => {
    const cw = service({ env: { ...env, AWS_SECRET_ACCESS_KEY: 'wrong-secret-value' } });
    await cw.pollAlarms();
    expect(server.requests.log[0]?.error).toBe('SignatureDoesNotMatch');
    expect(cw.status().line).toBe(
      'cloudwatch: AWS rejected the credentials (SignatureDoesNotMatch): check AWS_PROFILE / AWS_ACCESS_KEY_ID, retrying in 1m 15s',
    );
    expect(JSON.stringify(cw.status())).not.toContain('wrong-secret-value');
  });

  it('an endpoint override that is not an http(s) URL is named, and nothing is sent', async () => {
    const garbled = service({ env: { ...env, AWS_ENDPOINT_URL_CLOUDWATCH: 'not a url' } });
    await garbled.pollDatabases();
    expect(garbled.status().line).toBe(
      'cloudwatch: AWS_ENDPOINT_URL_CLOUDWATCH is not a URL (expected e.g. http://127.0.0.1:4566)',
    );
    const schemeless = service({
      env: { ...env, AWS_ENDPOINT_URL_CLOUDWATCH: '', AWS_ENDPOINT_URL: 'localhost:4566' },
    });
    await schemeless.pollAlarms();
    expect(schemeless.status().line).toBe('cloudwatch: AWS_ENDPOINT_URL must start with http:// or https://');
    expect(server.requests.log).toHaveLength(0);
  });

  it('a server that is not there backs off and names the host', async () => {
    const url = server.url;
    await server.close();
    const cw = service({ env: { ...env, AWS_ENDPOINT_URL_CLOUDWATCH: url } });
    await cw.pollDatabases();
    expect(cw.status().line).toBe(`cloudwatch: cannot reach ${new URL(url).host} (ECONNREFUSED), retrying in 1m 15s`);
    server = await createCloudWatchTestServer();
  });
});
