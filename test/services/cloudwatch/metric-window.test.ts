import { describe, expect, it } from 'vitest';
import { joinPages, LATE_DATA_MS, mergePoints, metricWindow } from '../../../src/services/cloudwatch/metric-window.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 26, 9, 0, 42);
const TOP = Date.UTC(2026, 10, 26, 9, 0, 0);

describe('metric windows', () => {
  it('the first poll reads the 3 hours up to the last whole minute', () => {
    expect(metricWindow(NOW)).toEqual({ start: TOP - 180 * MINUTE, end: TOP });
  });

  it('a later poll reads from a few minutes before the last one ended, for datapoints that came late', () => {
    const later = metricWindow(NOW + 2 * MINUTE, TOP);
    expect(later).toEqual({ start: TOP - LATE_DATA_MS, end: TOP + 2 * MINUTE });
  });

  it('after a long pause it never reads more than 3 hours', () => {
    expect(metricWindow(NOW + 10 * 3_600_000, TOP)).toEqual({
      start: TOP + 7 * 3_600_000,
      end: TOP + 10 * 3_600_000,
    });
  });
});

describe('joining GetMetricData pages', () => {
  it("puts a query's datapoints from several pages together, oldest first, the last page's status winning over PartialData", () => {
    const answers = joinPages([
      [
        {
          Id: 'a',
          Timestamps: [new Date(3 * MINUTE), new Date(2 * MINUTE)],
          Values: [3, 2],
          StatusCode: 'PartialData',
        },
        {
          Id: 'b',
          Timestamps: [],
          Values: [],
          StatusCode: 'Forbidden',
          Messages: [{ Code: 'Forbidden', Value: 'no access' }],
        },
      ],
      [{ Id: 'a', Timestamps: [new Date(MINUTE)], Values: [1], StatusCode: 'Complete' }],
    ]);
    expect(answers.get('a')).toEqual({
      id: 'a',
      points: [
        { at: MINUTE, value: 1 },
        { at: 2 * MINUTE, value: 2 },
        { at: 3 * MINUTE, value: 3 },
      ],
      status: 'Complete',
      messages: [],
    });
    expect(answers.get('b')).toMatchObject({ status: 'Forbidden', messages: ['no access'] });
  });

  it('a query that failed on one page stays failed when a later page completes', () => {
    const answers = joinPages([[{ Id: 'a', StatusCode: 'InternalError' }], [{ Id: 'a', StatusCode: 'Complete' }]]);
    expect(answers.get('a')?.status).toBe('InternalError');
  });
});

describe('merging points', () => {
  it('takes the newer value for a minute read twice, adds new minutes and drops those older than the window', () => {
    const held = [
      { at: 0, value: 1 },
      { at: MINUTE, value: 2 },
      { at: 2 * MINUTE, value: 3 },
    ];
    const incoming = [
      { at: 2 * MINUTE, value: 30 },
      { at: 3 * MINUTE, value: 4 },
    ];
    expect(mergePoints(held, incoming, MINUTE)).toEqual([
      { at: MINUTE, value: 2 },
      { at: 2 * MINUTE, value: 30 },
      { at: 3 * MINUTE, value: 4 },
    ]);
  });
});
