import { describe, expect, it } from 'vitest';
import { databaseSummary, emptyHistory, perMinute, type DatabaseHealth } from '../../src/domain/database-health.js';
import { formatBytes, formatCount, formatMs, formatPercent } from '../../src/domain/database-units.js';

const MINUTE = 60_000;
const END = Date.UTC(2026, 10, 26, 9, 0, 20);
const TOP = Date.UTC(2026, 10, 26, 9, 0, 0);

describe('database health', () => {
  it('the status summary has the latest values and when they were measured, as ISO time', () => {
    const health: DatabaseHealth = {
      env: 'production',
      instance: 'shop-prod-db',
      latest: { cpuPercent: 34, connections: 112, freeStorageBytes: 5e9, readLatencyMs: 2.5, readIops: 40 },
      at: TOP - MINUTE,
      history: emptyHistory(),
    };
    expect(databaseSummary(health)).toEqual({
      instance: 'shop-prod-db',
      cpuPercent: 34,
      connections: 112,
      freeStorageBytes: 5e9,
      freeableMemoryBytes: undefined,
      readLatencyMs: 2.5,
      writeLatencyMs: undefined,
      at: '2026-11-26T08:59:00.000Z',
    });
  });

  it('lays points out one slot a minute, oldest first, with gaps where CloudWatch had nothing', () => {
    const points = [
      { at: TOP - 3 * MINUTE, value: 1 },
      { at: TOP - MINUTE, value: 3 },
      { at: TOP, value: 99 },
      { at: TOP - 10 * MINUTE, value: 7 },
    ];
    expect(perMinute(points, END, 4)).toEqual([undefined, 1, undefined, 3]);
  });
});

describe('database units', () => {
  it('bytes as GiB (MiB below one), latency in ms, CPU in whole percent, counts with separators', () => {
    expect(formatBytes(20 * 1024 ** 3)).toBe('20 GiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(512 * 1024 ** 2)).toBe('512 MiB');
    expect(formatBytes(250 * 1024 ** 3 + 1)).toBe('250 GiB');
    expect(formatMs(3.25)).toBe('3.3 ms');
    expect(formatMs(0.0042)).toBe('0.004 ms');
    expect(formatMs(1840)).toBe('1,840 ms');
    expect(formatPercent(34.4)).toBe('34%');
    expect(formatPercent(3.44)).toBe('3.4%');
    expect(formatCount(1200)).toBe('1,200');
  });
});
