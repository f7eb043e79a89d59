// The engine's database side with the real PostgreSQL: each minute's RDS metrics measured from
// the cluster, the default alarms, and the CloudWatch API the deck reads them through, reached
// with the endpoint and key pair the engine writes in .dynodeck/engine/cloudwatch.json.
import { statfsSync, statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/services/ports.js';
import { startEngineDatabases, type EngineDatabases } from '../../../src/engine/postgres/engine-databases.js';
import { readEngineCloudWatch } from '../../../src/engine/cloudwatch/engine-cloudwatch-file.js';

let work: string;
let engineDir: string;
let databases: EngineDatabases;
let stagingUrl: string;
const held: pg.Client[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-engine-db-'));
  await chmod(work, 0o755);
  engineDir = path.join(work, '.dynodeck', 'engine');
  await mkdir(engineDir, { recursive: true, mode: 0o700 });
  // Measured only when the test asks (measure()), never on the minute during the test.
  databases = await startEngineDatabases({
    base: path.join(work, '.dynodeck'),
    engineDir,
    clock: systemClock,
    metricsIntervalMs: 3_600_000,
  });
  stagingUrl = await databases.databaseUrl('shop-staging');
  await databases.databaseUrl('shop-production');
  databases.watch(['shop-staging', 'shop-production']);
}, 120_000);

afterAll(async () => {
  for (const client of held) await client.end();
  await databases?.stop();
  await rm(work, { recursive: true, force: true });
}, 60_000);

function cloudwatch() {
  const file = readEngineCloudWatch(path.join(engineDir, 'cloudwatch.json'))!;
  return new CloudWatchClient({
    region: file.region,
    endpoint: file.endpoint,
    credentials: { accessKeyId: file.accessKeyId, secretAccessKey: file.secretAccessKey },
    maxAttempts: 1,
  });
}

async function latest(instance: string, metric: string): Promise<number | undefined> {
  const now = Date.now();
  const out = await cloudwatch().send(
    new GetMetricDataCommand({
      StartTime: new Date(now - 3 * 3_600_000),
      EndTime: new Date(now + 60_000),
      MetricDataQueries: [
        {
          Id: 'm',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/RDS',
              MetricName: metric,
              Dimensions: [{ Name: 'DBInstanceIdentifier', Value: instance }],
            },
            Period: 60,
            Stat: 'Maximum',
          },
        },
      ],
    }),
  );
  return out.MetricDataResults?.[0]?.Values?.[0];
}

describe("the engine's databases in CloudWatch", () => {
  it('writes the CloudWatch endpoint and a key pair for the deck, readable by its owner only', () => {
    const file = path.join(engineDir, 'cloudwatch.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readEngineCloudWatch(file)).toMatchObject({ endpoint: databases.cloudwatchUrl, region: 'us-east-1' });
  });

  it('measures the connections to each environment database, the free storage and memory', async () => {
    for (let i = 0; i < 3; i++) {
      const client = new pg.Client({ connectionString: stagingUrl });
      await client.connect();
      held.push(client);
    }
    await databases.measure();
    expect(await latest('shop-staging-db', 'DatabaseConnections')).toBe(3);
    expect(await latest('shop-production-db', 'DatabaseConnections')).toBe(0);
    const fs = statfsSync(databases.cluster.dataDir);
    const free = (await latest('shop-staging-db', 'FreeStorageSpace'))!;
    expect(Math.abs(free - fs.bavail * fs.bsize)).toBeLessThan(1024 ** 3);
    expect(await latest('shop-staging-db', 'FreeableMemory')).toBeGreaterThan(0);
  });

  it("from the second sample on: the cluster's CPU, and read and write rates with their latency", async () => {
    await held[0]!.query('create table if not exists t (n int)');
    await held[0]!.query('insert into t select generate_series(1, 100000)');
    // A backend hands its I/O counts to pg_stat_io up to 10 s after the fact, unless asked to now.
    await held[0]!.query('select pg_stat_force_next_flush()');
    await databases.measure();
    const cpu = await latest('shop-staging-db', 'CPUUtilization');
    // The insert above kept the cluster busy for tens of milliseconds: its CPU shows.
    expect(cpu).toBeGreaterThan(0);
    expect(cpu).toBeLessThanOrEqual(100);
    for (const metric of ['ReadIOPS', 'WriteIOPS', 'ReadLatency', 'WriteLatency'])
      expect(await latest('shop-staging-db', metric), metric).toBeTypeOf('number');
    expect(await latest('shop-staging-db', 'WriteIOPS')).toBeGreaterThan(0);
  });

  it('gives each database its default alarms, the connections one at 80 % of max_connections', async () => {
    const out = await cloudwatch().send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'shop-staging-db' }));
    const alarms = Object.fromEntries(out.MetricAlarms!.map((a) => [a.AlarmName, a]));
    expect(Object.keys(alarms).sort()).toEqual([
      'shop-staging-db-connections-high',
      'shop-staging-db-cpu-high',
      'shop-staging-db-storage-low',
    ]);
    expect(alarms['shop-staging-db-connections-high']).toMatchObject({
      Threshold: 80,
      MetricName: 'DatabaseConnections',
    });
    expect(alarms['shop-staging-db-cpu-high']).toMatchObject({
      Threshold: 80,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 5,
    });
  });
});
