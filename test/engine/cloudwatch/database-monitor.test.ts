// The engine's minute-by-minute measuring: a first sample at start, a second one seconds later
// (CPU needs two readings), then one a minute, with the default alarms evaluated each time.
// The cluster is stood in for by a probe answering the three statistics queries.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlarmBook } from '../../../src/engine/cloudwatch/alarm-book.js';
import { createDatabaseMonitor } from '../../../src/engine/cloudwatch/database-monitor.js';
import { MetricStore } from '../../../src/engine/cloudwatch/metric-store.js';
import { createRdsCollector, type ClusterProbe } from '../../../src/engine/cloudwatch/rds-collector.js';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock.js';
import { waitFor } from '../../helpers/wait-for-frame.js';

let dir: string;
let clock: FakeClock;
let samples: number;

const probe: ClusterProbe = {
  pid: () => process.pid,
  dataDir: () => os.tmpdir(),
  async query<T>(sql: string): Promise<T[]> {
    if (sql.includes('pg_stat_activity')) {
      samples += 1;
      return [{ datname: 'shop_staging', n: 2 }] as T[];
    }
    if (sql.includes('pg_stat_database')) return [{ datname: 'shop_staging', blocks: '10', time: 1 }] as T[];
    return [{ ops: '5', time: 2 }] as T[];
  },
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-monitor-'));
  // 09:00:30: the minute turns in 30 s.
  clock = createFakeClock(Date.UTC(2026, 10, 26, 9, 0, 30));
  samples = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Moves the clock, then waits for the sample it started (real /proc and statfs reads) to finish. */
async function advance(ms: number) {
  await clock.advance(ms);
  await waitFor(() => clock.pending() === 1, 'the monitor to schedule its next sample', 20_000);
}

function monitor() {
  const store = new MetricStore();
  const alarms = new AlarmBook('us-east-1');
  const now = () => clock.now();
  const m = createDatabaseMonitor({
    store,
    alarms,
    collector: createRdsCollector({ probe, store, now }),
    instances: () => [{ instance: 'shop-staging-db', database: 'shop_staging' }],
    limits: { maxConnections: 100, storageBytes: 10 * 1024 ** 3 },
    clock,
    historyFile: path.join(dir, 'history.json'),
  });
  return { m, alarms };
}

describe('the database monitor', () => {
  it('samples at start and again 5 s later, and gives the alarms then, evaluated: never INSUFFICIENT_DATA for want of a second CPU reading', async () => {
    const { m, alarms } = monitor();
    await m.start();
    expect(samples).toBe(1);
    expect(alarms.state('shop-staging-db-cpu-high')).toBeUndefined();
    await advance(5_000);
    expect(samples).toBe(2);
    expect(alarms.state('shop-staging-db-cpu-high')).toBe('OK');
    expect(alarms.state('shop-staging-db-connections-high')).toBe('OK');
    expect(alarms.state('shop-staging-db-storage-low')).toBe('OK');
    await m.stop();
  });

  it('after a restart, an alarm kept from the last run stays as it was until the second sample evaluates it', async () => {
    const first = monitor();
    await first.m.start();
    await advance(5_000);
    await first.m.stop();
    expect(first.alarms.state('shop-staging-db-cpu-high')).toBe('OK');
    // Three hours later: the kept datapoints are too old to count.
    await clock.advance(3 * 3_600_000);
    const second = monitor();
    await second.m.start();
    expect(second.alarms.state('shop-staging-db-cpu-high')).toBe('OK');
    await advance(5_000);
    expect(second.alarms.state('shop-staging-db-cpu-high')).toBe('OK');
    await second.m.stop();
  });

  it('then samples once a minute, 2 s after the minute turns', async () => {
    const { m } = monitor();
    await m.start();
    await advance(5_000); // 09:00:35, the second sample
    await advance(26_000); // 09:01:01
    expect(samples).toBe(2);
    await advance(1_000); // 09:01:02
    expect(samples).toBe(3);
    await advance(60_000);
    expect(samples).toBe(4);
    await m.stop();
  });
});
