import { describe, expect, it } from 'vitest';
import { createDatabaseSeries } from '../../../src/services/cloudwatch/database-series.js';
import { joinPages, metricWindow } from '../../../src/services/cloudwatch/metric-window.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MINUTE);

describe('database series', () => {
  it("gives each environment its instance's latest values in the deck's units and when they were measured", () => {
    const series = createDatabaseSeries();
    const window = metricWindow(NOW);
    series.apply(
      ['shop-db'],
      joinPages([
        [
          { Id: 'db0_cpu', Timestamps: [at(2), at(1)], Values: [30, 34], StatusCode: 'Complete' },
          { Id: 'db0_conn', Timestamps: [at(1)], Values: [112], StatusCode: 'Complete' },
          { Id: 'db0_rlat', Timestamps: [at(1)], Values: [0.0031], StatusCode: 'Complete' },
          { Id: 'db0_storage', Timestamps: [at(3)], Values: [21474836480], StatusCode: 'Complete' },
        ],
      ]),
      window,
    );
    const health = series.health([
      { key: 'staging', env: 'staging', instance: 'shop-db' },
      { key: 'production', env: 'production', instance: 'other-db' },
    ]);
    expect(health.staging?.latest).toEqual({
      cpuPercent: 34,
      connections: 112,
      readLatencyMs: expect.closeTo(3.1, 6) as unknown as number,
      freeStorageBytes: 21474836480,
    });
    expect(health.staging?.at).toBe(NOW - MINUTE);
    expect(health.staging?.history.cpuPercent).toEqual([
      { at: NOW - 2 * MINUTE, value: 30 },
      { at: NOW - MINUTE, value: 34 },
    ]);
    expect(health.production).toMatchObject({ instance: 'other-db', latest: {}, at: undefined });
    expect(series.lastEnd('shop-db')).toBe(window.end);
    expect(series.lastEnd('other-db')).toBeUndefined();
  });

  it('keeps 3 hours: a later poll adds its minutes and forgets older ones', () => {
    const series = createDatabaseSeries();
    series.apply(
      ['db'],
      joinPages([[{ Id: 'db0_cpu', Timestamps: [at(179), at(1)], Values: [1, 2] }]]),
      metricWindow(NOW),
    );
    const later = NOW + 5 * MINUTE;
    series.apply(
      ['db'],
      joinPages([[{ Id: 'db0_cpu', Timestamps: [new Date(later - MINUTE)], Values: [3] }]]),
      metricWindow(later, NOW),
    );
    const points = series.health([{ key: 'x', env: 'x', instance: 'db' }]).x?.history.cpuPercent;
    expect(points?.map((p) => p.value)).toEqual([2, 3]);
  });

  it('reports queries CloudWatch did not complete', () => {
    const series = createDatabaseSeries();
    series.apply(['shop-db'], joinPages([[{ Id: 'db0_cpu', StatusCode: 'Forbidden' }]]), metricWindow(NOW));
    expect(series.incomplete()).toEqual(['shop-db CPUUtilization: Forbidden']);
  });
});
