import { describe, expect, it } from 'vitest';
import { emptyHistory, type DatabaseHealth } from '../../../src/domain/database-health.js';
import { databaseDetailLines, databaseFigure } from '../../../src/screens/present/database-figures.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 26, 9, 0, 30);
const TOP = Date.UTC(2026, 10, 26, 9, 0, 0);

function health(latest: DatabaseHealth['latest']): DatabaseHealth {
  const history = emptyHistory();
  history.cpuPercent = Array.from({ length: 180 }, (_, i) => ({
    at: TOP - (180 - i) * MINUTE,
    value: i < 90 ? 10 : 80,
  }));
  return { env: 'production', instance: 'shop-prod-db', latest, at: TOP - MINUTE, history };
}

describe('database figures', () => {
  it('the environment row shows CPU and connections', () => {
    expect(databaseFigure(health({ cpuPercent: 34.2, connections: 112 }))).toBe('db 34% · 112 conn');
    expect(databaseFigure(health({ connections: 3 }))).toBe('db 3 conn');
    expect(databaseFigure(health({}))).toBe('');
    expect(databaseFigure(undefined)).toBe('');
  });

  it('the detail has a 3-hour sparkline per metric with its latest value in GiB, per second and ms', () => {
    const lines = databaseDetailLines(
      health({
        cpuPercent: 80,
        connections: 112,
        freeStorageBytes: 20 * 1024 ** 3,
        freeableMemoryBytes: 1.5 * 1024 ** 3,
        readIops: 0.4,
        writeIops: 12.3,
        readLatencyMs: 2.5,
      }),
      NOW,
      60,
    );
    expect(lines.map((l) => l.text)).toEqual([
      'Database shop-prod-db (last 3 h)',
      `  cpu           ${'▁'.repeat(16)}${'█'.repeat(16)}  80%`,
      `  connections   ${' '.repeat(32)}  112`,
      `  free storage  ${' '.repeat(32)}  20 GiB`,
      `  free memory   ${' '.repeat(32)}  1.5 GiB`,
      `  read IOPS     ${' '.repeat(32)}  0.4/s`,
      `  write IOPS    ${' '.repeat(32)}  12/s`,
      `  read latency  ${' '.repeat(32)}  2.5 ms`,
      `  write latency ${' '.repeat(32)}  –`,
    ]);
    expect(lines.at(-1)?.style).toBe('muted');
  });
});
